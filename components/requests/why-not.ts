import type { WhyNot, WhyNotCode } from "@/lib/policies/eligibility";

export type WhyNotContext = { action: "request" | "extend" | "remove"; forAgent: boolean };

/** What would make it possible, in a sentence, for each reason the domain gives (lib/policies/eligibility.ts). */
export function whatWouldGrantIt(code: WhyNotCode, { action, forAgent }: WhyNotContext): string {
  switch (code) {
    case "targetDisabled":
      return forAgent ? "Enable the agent in My Account first (an agent an administrator disabled needs an administrator)." : "Your account must be enabled again by an administrator.";
    case "openRequestExists":
      return "Wait until the open request is decided, or cancel it in My requests.";
    case "alreadyAssigned":
      return forAgent ? "Extend the existing assignment from the agent's page instead." : "Extend it from My access instead.";
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
        ? "The agent can request it for itself through the API, or an administrator can assign it directly."
        : `The agent can ${action === "extend" ? "request an extension" : "remove it"} itself through the API, or an administrator can.`;
    case "notOnBehalfRequestor":
      return "Ask the catalog owner to add you to the policy's on-behalf requestors.";
    case "notSponsorOrOwner":
      return "Only the agent's sponsors and owners can request for it.";
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
