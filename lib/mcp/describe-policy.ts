import type { DbOrTx } from "@/db";
import type { AccessPackage, Principal } from "@/db/schema";
import type { Ctx } from "@/lib/auth/actor";
import type { WhyNot } from "@/lib/policies/eligibility";
import type { Policy } from "@/lib/policies/settings";
import { describeRequest } from "./describe-request";
import { describeQuestions, maxDuration, names, quote, until } from "./format";
import { listMyActiveAssignments } from "./my-access";
import { myOpenRequest, previewApprovers } from "./who-to-ask";

/** What a request under this policy needs and what happens to it, in one line. */
export async function describePolicyForAgent(db: DbOrTx, policy: Policy, agent: Principal): Promise<string> {
  const a = policy.requestApprovalSettings;
  const stages = await previewApprovers(db, policy, "add", agent.id);
  const approval = stages.length
    ? `needs approval by ${stages.map((s) => (s.length ? names(s) : "nobody eligible")).join(", then ")}`
    : "no approval: granted at once";
  const parts = [
    approval,
    a.isRequestorJustificationRequired ? "justification required" : "justification optional",
    maxDuration(policy.expiration),
    policy.requestorSettings.allowCustomAssignmentSchedule ? "you may choose start, end or duration within that" : "custom dates not allowed",
    describeQuestions(policy.questions),
  ];
  return `policy ${quote(policy.displayName)} (policy id ${policy.id}): ${parts.join("; ")}`;
}

/**
 * A package-wide reason the agent cannot get the package now, with what to do about it. Policy-specific reasons
 * (scope, self-request not allowed) are explained by the caller, which sees all the policies together.
 */
export async function explainPackageReason(ctx: Ctx, pkg: AccessPackage, reason: WhyNot): Promise<string> {
  switch (reason.code) {
    case "alreadyAssigned": {
      const [held] = await listMyActiveAssignments(ctx, { accessPackageId: pkg.id });
      return held
        ? `You already have it, ${until(held.endDateTime)} (assignment ${held.id}). To keep it longer, call request_extension.`
        : reason.message;
    }
    case "openRequestExists": {
      const open = await myOpenRequest(ctx, pkg.id);
      return open ? `A request for it is already open. ${await describeRequest(ctx, open.id)}` : reason.message;
    }
    case "separationOfDutiesConflict":
      return `${reason.message} It can be granted only after that access ends or is removed.`;
    case "targetDisabled":
      return `${reason.message} Ask one of your sponsors to enable you.`;
    default:
      return reason.message;
  }
}
