import { z } from "zod";
import { forbidden, parseInput } from "@/lib/errors";
import { can } from "@/lib/auth/permissions";
import { nowOf, type Ctx } from "@/lib/auth/actor";
import { loadPackage, loadPolicies, loadPrincipal } from "@/lib/packages/load";
import { packageRefusals, policyRefusal, type WhyNot } from "./eligibility";
import type { Policy, Question } from "./settings";

export const applicableInput = z.object({
  accessPackageId: z.uuid("accessPackageId must be the id of an access package"),
  /** Whom the access would be for; defaults to the caller. */
  targetId: z.uuid("targetId must be an id").optional(),
});

/** What one applicable policy needs from the requestor (Graph: accessPackageAssignmentRequestRequirements). */
export type PolicyRequirements = {
  policyId: string;
  policyDisplayName: string;
  policyDescription: string;
  isApprovalRequiredForAdd: boolean;
  isApprovalRequiredForUpdate: boolean;
  isRequestorJustificationRequired: boolean;
  allowCustomAssignmentSchedule: boolean;
  approvalStages: number;
  questions: Question[];
  schedule: { expiration: Policy["expiration"] };
};

export type ApplicableResult = {
  value: PolicyRequirements[];
  /** For each policy that does not apply, why not; package-wide reasons apply to every policy. */
  notApplicable: { policyId: string; policyDisplayName: string; reasons: WhyNot[] }[];
};

/** For a principal and a package: which policies apply and what each needs, and for each that does not, why not. */
export async function getApplicablePolicyRequirements({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<ApplicableResult> {
  const data = parseInput(applicableInput, input);
  const actor = ctx.actor;
  if (!actor.id) throw forbidden("The system has no requirements to check.");
  const targetId = data.targetId ?? actor.id;
  const onBehalf = targetId !== actor.id;
  const pkg = await loadPackage(ctx.db, data.accessPackageId);
  const policies = await loadPolicies(ctx.db, pkg.id);
  if (onBehalf && !(actor.type === "user" && (await can(ctx, "agents.requestOnBehalf", { principalId: targetId })))) {
    const reason: WhyNot = { code: "notSponsorOrOwner", message: "You can check requirements only for yourself, for agents you sponsor or own, and for service principals you own." };
    return { value: [], notApplicable: policies.map((p) => ({ policyId: p.id, policyDisplayName: p.displayName, reasons: [reason] })) };
  }
  const target = await loadPrincipal(ctx.db, targetId);
  const shared = await packageRefusals(ctx.db, pkg, target, "add", nowOf(ctx), actor.id);
  const result: ApplicableResult = { value: [], notApplicable: [] };
  for (const p of policies) {
    const own = await policyRefusal(ctx.db, p, "add", onBehalf, actor.id, target);
    const reasons = [...(own ? [own] : []), ...shared];
    if (reasons.length) {
      result.notApplicable.push({ policyId: p.id, policyDisplayName: p.displayName, reasons });
      continue;
    }
    const a = p.requestApprovalSettings;
    result.value.push({
      policyId: p.id,
      policyDisplayName: p.displayName,
      policyDescription: p.description,
      isApprovalRequiredForAdd: a.isApprovalRequiredForAdd,
      isApprovalRequiredForUpdate: a.isApprovalRequiredForUpdate,
      isRequestorJustificationRequired: a.isRequestorJustificationRequired,
      allowCustomAssignmentSchedule: p.requestorSettings.allowCustomAssignmentSchedule,
      approvalStages: a.isApprovalRequiredForAdd ? a.stages.length : 0,
      questions: [...p.questions].sort((x, y) => x.sequence - y.sequence),
      schedule: { expiration: p.expiration },
    });
  }
  if (policies.length === 0) result.notApplicable.push({ policyId: "", policyDisplayName: "", reasons: [{ code: "noPolicy", message: `"${pkg.displayName}" has no policy.` }] });
  return result;
}
