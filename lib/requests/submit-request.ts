import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { approvalStages, assignmentRequests, assignments, type AssignmentRequest } from "@/db/schema";
import { conflict, constraintOf, forbidden, invalid, isUniqueViolation, notFound, parseInput } from "@/lib/errors";
import { can, requirePermission } from "@/lib/auth/permissions";
import { confirmCaller, nowOf, type Ctx } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { withRefusalAudit } from "@/lib/audit/with-refusal-audit";
import { loadRequestFacts } from "./request-facts";
import type { Policy } from "@/lib/policies/settings";
import { policyRefusal, refusalsFrom, type RequestKind } from "@/lib/policies/eligibility";
import { targetScopeRefusal } from "@/lib/policies/target-scope";
import { recordStageApprovers, resolveStageApprovers, type ResolvedStage } from "@/lib/approvals/resolve-approvers";
import { assignmentIsActive } from "@/lib/assignments/active";
import { deliverRequest, submitDelivered, type NewRequest } from "@/lib/assignments/deliver";
import { answerInputSchema, validateAnswers } from "./answers";
import { computeSchedule, requestedScheduleSchema, type Schedule } from "./schedule";
import { transitionRequest } from "./state-machine";

export const submitRequestInput = z.object({
  requestType: z
    .enum(["userAdd", "onBehalfAdd", "userUpdate", "userRemove", "adminAdd", "adminUpdate", "adminRemove"], {
      message: "requestType must be userAdd, userUpdate, userRemove, adminAdd, adminUpdate or adminRemove",
    })
    .default("userAdd"),
  accessPackageId: z.uuid("accessPackageId must be the id of an access package"),
  assignmentPolicyId: z.uuid("assignmentPolicyId must be the id of a policy").optional(),
  /** Who gets the access; defaults to the caller. */
  targetId: z.uuid("targetId must be the id of a user, agent or service principal").optional(),
  /** For updates and removals: the assignment concerned (found by target and package when omitted). */
  assignmentId: z.uuid("assignmentId must be an id").optional(),
  justification: z.string().trim().max(4000, "at most 4000 characters").default(""),
  answers: z.array(answerInputSchema).max(50).default([]),
  schedule: requestedScheduleSchema.optional(),
});
export type SubmitRequestInput = z.input<typeof submitRequestInput>;

type Kind = RequestKind;
const KIND: Record<z.infer<typeof submitRequestInput>["requestType"], Kind> = {
  userAdd: "add",
  onBehalfAdd: "add",
  adminAdd: "add",
  userUpdate: "update",
  adminUpdate: "update",
  userRemove: "remove",
  adminRemove: "remove",
};

/**
 * Submits an access request on any of the three pathways: for oneself (people and agents), on an agent's
 * behalf by its sponsor or owner, or directly by an administrator (no approval).
 */
export async function submitRequest({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<AssignmentRequest> {
  const data = parseInput(submitRequestInput, input);
  const actor = ctx.actor;
  if (actor.type === "system") throw forbidden("The system does not submit requests through this verb.");
  const targetId = data.targetId ?? actor.id;
  const kind = KIND[data.requestType];
  const isAdmin = data.requestType.startsWith("admin");
  const onBehalf = !isAdmin && targetId !== actor.id;
  const now = nowOf(ctx);
  return withRefusalAudit(
    ctx,
    () => ({ action: "request.create", targetType: "principal", targetId, onBehalfOfId: onBehalf ? targetId : null }),
    async () => {
      const facts = await loadRequestFacts(ctx.db, data.accessPackageId, targetId, kind, now);
      // An API caller still to be confirmed is, before anything is decided: for a request for oneself the facts
      // already hold the caller's own principal row.
      await confirmCaller(ctx, targetId === actor.id ? facts.target : undefined);
      const { pkg, policies, roles } = facts;
      if (isAdmin) {
        await requirePermission(ctx, "assignments.manage", { catalogId: pkg.catalogId });
      } else if (onBehalf) {
        // Checked before anything about the target is revealed.
        if (actor.type !== "user" || !(await can(ctx, "agents.requestOnBehalf", { principalId: targetId }))) {
          throw forbidden("You can request access only for yourself, for agents you sponsor or own, and for service principals you own.");
        }
      }
      const target = facts.target;
      if (!target) throw notFound(`No user, agent or service principal with id ${targetId}.`);

      let policy: Policy | undefined;
      let existing: typeof assignments.$inferSelect | undefined;
      if (kind !== "add") {
        const conds = [eq(assignments.targetId, target.id), eq(assignments.accessPackageId, pkg.id), assignmentIsActive(now)];
        if (data.assignmentId) conds.push(eq(assignments.id, data.assignmentId));
        [existing] = await ctx.db.select().from(assignments).where(and(...conds)).limit(1);
        if (!existing) throw notFound(`${target.displayName} has no active assignment of "${pkg.displayName}" to ${kind === "update" ? "extend" : "remove"}.`);
      }
      const candidates = existing ? policies.filter((p) => p.id === existing!.assignmentPolicyId) : data.assignmentPolicyId ? policies.filter((p) => p.id === data.assignmentPolicyId) : policies;
      if (data.assignmentPolicyId && candidates.length === 0) throw invalid(`The policy ${data.assignmentPolicyId} does not belong to "${pkg.displayName}".`, { assignmentPolicyId: ["not a policy of this access package"] });
      if (candidates.length === 0) throw forbidden(`"${pkg.displayName}" has no policy that lets anyone request it.`);
      let firstRefusal: string | null = null;
      for (const p of candidates) {
        const refusal = isAdmin
          ? kind === "add" && p.allowedTargetScope !== "notSpecified"
            ? await targetScopeRefusal(ctx.db, p, target, actor.id)
            : null
          : ((await policyRefusal(ctx.db, p, kind, onBehalf, actor.id, target))?.message ?? null);
        if (!refusal) {
          policy = p;
          break;
        }
        firstRefusal ??= refusal;
      }
      if (!policy) throw forbidden(firstRefusal ?? "No policy of this access package applies.");

      if (!isAdmin && kind !== "remove" && policy.requestApprovalSettings.isRequestorJustificationRequired && !data.justification) {
        throw invalid("A justification is required by this policy.", { justification: ["say why the access is needed"] });
      }
      const answers = kind === "add" && !isAdmin ? validateAnswers(policy.questions, data.answers) : [];
      let schedule: Schedule;
      if (kind === "add") schedule = computeSchedule(policy, data.schedule, now, { isAdmin });
      else if (kind === "update") schedule = { ...computeSchedule(policy, data.schedule ? { expiration: data.schedule.expiration } : undefined, now, { isAdmin }), startDateTime: existing!.startDateTime };
      else schedule = { startDateTime: now, endDateTime: null };

      const [blocked] = refusalsFrom(facts.refusals, pkg, target, kind, actor.id).filter((r) => !(isAdmin && r.code === "catalogUnpublished"));
      if (blocked) throw blocked.code === "openRequestExists" || blocked.code === "alreadyAssigned" ? conflict(blocked.message) : forbidden(blocked.message);

      const approvalNeeded = !isAdmin && (kind === "add" ? policy.requestApprovalSettings.isApprovalRequiredForAdd : kind === "update" ? policy.requestApprovalSettings.isApprovalRequiredForUpdate : false);
      const stages = approvalNeeded ? policy.requestApprovalSettings.stages : [];
      const exclude = new Set([actor.id, target.id]);
      const resolved: ResolvedStage[] = [];
      for (const [i, st] of stages.entries()) {
        const r = await resolveStageApprovers(ctx.db, st, { requestorId: actor.id, targetId: target.id }, exclude);
        if (!r) throw forbidden(`Nobody is eligible to approve stage ${i + 1} of this request: you cannot approve your own request, and the policy names no one else (not even a fallback approver).`);
        resolved.push(r);
      }

      const requestType = onBehalf && kind === "add" ? "onBehalfAdd" : data.requestType === "onBehalfAdd" ? "userAdd" : data.requestType;
      const request: NewRequest = {
        requestType,
        accessPackageId: pkg.id,
        assignmentPolicyId: policy.id,
        targetId: target.id,
        targetType: target.type,
        requestorId: actor.id,
        requestorType: actor.type,
        justification: data.justification,
        answers,
        schedule: {
          startDateTime: schedule.startDateTime.toISOString(),
          endDateTime: schedule.endDateTime?.toISOString() ?? null,
          // Without a custom schedule the period is counted from delivery, so time spent waiting for approval is not lost.
          customStart: !!data.schedule?.startDateTime,
          customEnd: !!(data.schedule?.expiration?.endDateTime || data.schedule?.expiration?.duration),
        },
      };
      const createAudit = (id: string) => ({
        action: "request.create",
        targetType: "assignmentRequest",
        targetId: id,
        requestId: id,
        onBehalfOfId: onBehalf ? target.id : null,
        after: { requestType, accessPackageId: pkg.id, targetId: target.id, policyId: policy.id, justification: data.justification },
      });
      try {
        // The common case — a new assignment with no approval, starting now — is one statement (see submitDelivered).
        if (kind === "add" && resolved.length === 0 && schedule.startDateTime.getTime() <= now.getTime() + 60_000) {
          return await submitDelivered(ctx.db, ctx, { request, policy, roles, targetType: target.type, createAudit: createAudit("") });
        }
        return await ctx.db.transaction(async (tx) => {
          const [req] = await tx
            .insert(assignmentRequests)
            .values({ ...request, state: "submitted", assignmentId: existing?.id ?? null, createdAt: now })
            .returning();
          await recordAudit(tx, ctx, createAudit(req.id));
          if (resolved.length) {
            const rows = await tx
              .insert(approvalStages)
              .values(resolved.map((_, i) => ({ requestId: req.id, stageIndex: i, state: i === 0 ? ("pending" as const) : ("notStarted" as const), startedAt: i === 0 ? now : null })))
              .returning();
            await recordStageApprovers(tx, rows.find((r) => r.stageIndex === 0)!.id, resolved[0]);
            return transitionRequest(tx, req.id, "submitted", "pendingApproval", { status: "Waiting for approval (stage 1)." });
          }
          if (schedule.startDateTime.getTime() > now.getTime() + 60_000) {
            return transitionRequest(tx, req.id, "submitted", "scheduled", { status: `Access starts ${schedule.startDateTime.toISOString()}.` });
          }
          const delivering = await transitionRequest(tx, req.id, "submitted", "delivering");
          return deliverRequest(tx, ctx, delivering, { policy, target });
        });
      } catch (e) {
        if (isUniqueViolation(e)) {
          throw conflict(
            constraintOf(e) === "assignments_one_live_uq"
              ? `${target.displayName} already has "${pkg.displayName}"; request an extension instead.`
              : `There is already an open request for "${pkg.displayName}" for ${target.displayName}.`,
          );
        }
        throw e;
      }
    },
  );
}
