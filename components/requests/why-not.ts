import type { WhyNot, WhyNotCode } from "@/lib/policies/eligibility";

/** Whose access it is: the viewer's own, an agent's, or a service principal's (the viewer sponsors or owns it). */
export type AccessHolder = "self" | "agent" | "servicePrincipal";

export type WhyNotContext = { action: "request" | "extend" | "remove"; holder: AccessHolder };

const IDENTITY: Record<Exclude<AccessHolder, "self">, string> = { agent: "agent", servicePrincipal: "service principal" };

/** "agent" or "service principal", for sentences about someone else's identity. */
export function identityNoun(holder: Exclude<AccessHolder, "self">): string {
  return IDENTITY[holder];
}

/** What would make it possible, in a sentence, for each reason the domain gives (lib/policies/eligibility.ts). */
export function whatWouldGrantIt(code: WhyNotCode, { action, holder }: WhyNotContext): string {
  const identity = holder === "self" ? "" : identityNoun(holder);
  switch (code) {
    case "targetDisabled":
      return holder === "self" ? "Your account must be enabled again by an administrator." : `Enable the ${identity} in My Account first (${holder === "agent" ? "an agent" : "a service principal"} an administrator disabled needs an administrator).`;
    case "openRequestExists":
      return "Wait until the open request is decided, or cancel it in My requests.";
    case "alreadyAssigned":
      return holder === "self" ? "Extend it from My access instead." : `Extend the existing assignment from the ${identity}'s page instead.`;
    case "separationOfDutiesConflict":
      return "Give up the conflicting access first; the two cannot be held together.";
    case "outsideScope":
      return "Another package is probably meant for this kind of identity; the catalog owner decides who a package is for.";
    case "selfRequestNotAllowed":
      return action === "request"
        ? "Someone allowed to request on your behalf (a sponsor or owner, for an agent) or an administrator must ask for it."
        : `Ask an administrator or assignment manager to ${action === "extend" ? "extend" : "remove"} it for you.`;
    case "onBehalfNotAllowed":
      return action === "request"
        ? `The ${identity || "agent"} can request it for itself through the API, or an administrator can assign it directly.`
        : `The ${identity || "agent"} can ${action === "extend" ? "request an extension" : "remove it"} itself through the API, or an administrator can.`;
    case "notOnBehalfRequestor":
      return "Ask the catalog owner to add you to the policy's on-behalf requestors.";
    case "notSponsorOrOwner":
      return holder === "servicePrincipal" ? "Only the service principal's owners can request for it." : "Only the agent's sponsors and owners can request for it.";
    case "catalogUnpublished":
      return "The catalog owner must publish the catalog first.";
    case "noPolicy":
      return "The catalog owner must add a policy that takes requests.";
  }
}

/** Reasons with their fixes, for rendering. */
export function explainWhyNot(reasons: readonly WhyNot[], context: WhyNotContext): { code: WhyNotCode; message: string; fix: string }[] {
  return reasons.map((r) => ({ code: r.code, message: r.message, fix: whatWouldGrantIt(r.code, context) }));
}
