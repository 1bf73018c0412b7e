import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { approvalStages, assignmentRequests, stageApprovers, type AssignmentRequest } from "@/db/schema";
import { conflict, forbidden, invalid, notFound, parseInput } from "@/lib/errors";
import { nowOf, type Ctx } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { withRefusalAudit } from "@/lib/audit/with-refusal-audit";
import { loadPolicy } from "@/lib/packages/load";
import { deliverRequest } from "@/lib/assignments/deliver";
import { transitionRequest, transitionStage } from "@/lib/requests/state-machine";
import { recordStageApprovers, resolveStageApprovers } from "./resolve-approvers";

export const decideApprovalInput = z.object({
  requestId: z.uuid("requestId must be the id of a request"),
  /** The stage being decided; defaults to the request's current stage. */
  stageId: z.uuid("stageId must be an id").optional(),
  decision: z.enum(["Approve", "Deny"], { message: "decision must be Approve or Deny" }),
  justification: z.string().trim().max(4000, "at most 4000 characters").default(""),
});

/** Kinds of approver who may decide a stage in each of its open states. */
const ACTIVE_KINDS = {
  pending: ["primary", "fallbackPrimary"],
  escalated: ["primary", "fallbackPrimary", "escalation", "fallbackEscalation"],
} as const;

/**
 * An approver approves or denies the current stage of a request. The first decision decides the stage;
 * Deny ends the request; approving the last stage delivers the access in the same transaction.
 */
export async function decideApproval({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<AssignmentRequest> {
  const data = parseInput(decideApprovalInput, input);
  const actor = ctx.actor;
  const action = data.decision === "Approve" ? "approval.approve" : "approval.deny";
  return withRefusalAudit(
    ctx,
    () => ({ action, targetType: "assignmentRequest", targetId: data.requestId, requestId: data.requestId }),
    async () => {
      if (actor.type === "system") throw forbidden("The system decides stages only through timeouts.");
      const [request] = await ctx.db.select().from(assignmentRequests).where(eq(assignmentRequests.id, data.requestId));
      if (!request) throw notFound(`No request with id ${data.requestId}.`);
      if (request.requestorId === actor.id) throw forbidden("You cannot approve or deny a request you made (including one you made on an agent's behalf).");
      if (request.targetId === actor.id) throw forbidden("You cannot approve or deny a request for your own access.");
      const stages = await ctx.db.select().from(approvalStages).where(eq(approvalStages.requestId, request.id)).orderBy(approvalStages.stageIndex);
      if (data.stageId && !stages.some((s) => s.id === data.stageId)) throw notFound(`No stage ${data.stageId} on this request.`);
      const mineAll = stages.length
        ? await ctx.db
            .select({ stageId: stageApprovers.stageId, kind: stageApprovers.kind })
            .from(stageApprovers)
            .where(and(inArray(stageApprovers.stageId, stages.map((s) => s.id)), eq(stageApprovers.principalId, actor.id)))
        : [];
      if (mineAll.length === 0) throw forbidden("You are not an approver of this request.");
      const stage = data.stageId ? stages.find((s) => s.id === data.stageId) : stages.find((s) => s.state === "pending" || s.state === "escalated");
      if (!stage || (stage.state !== "pending" && stage.state !== "escalated") || request.state !== "pendingApproval") {
        throw conflict(`This request has already been decided (it is ${request.state}).`);
      }
      const mine = mineAll.filter((m) => m.stageId === stage.id);
      if (mine.length === 0) throw forbidden("You are not an approver of this stage.");
      const allowedKinds = ACTIVE_KINDS[stage.state] as readonly string[];
      if (!mine.some((m) => allowedKinds.includes(m.kind))) throw forbidden("You can decide this stage only once it has been escalated to you.");
      const policy = await loadPolicy(ctx.db, request.assignmentPolicyId);
      const settings = policy.requestApprovalSettings.stages[stage.stageIndex];
      if (settings?.isApproverJustificationRequired && !data.justification) {
        throw invalid("A justification is required for this decision.", { justification: ["say why you approve or deny"] });
      }
      const now = nowOf(ctx);
      return ctx.db.transaction(async (tx) => {
        // Lock the request before the stage (the order cancel uses too), so racing calls queue instead of deadlocking.
        await transitionRequest(tx, request.id, "pendingApproval", "pendingApproval");
        await transitionStage(tx, stage.id, stage.state as "pending" | "escalated", data.decision === "Approve" ? "approved" : "denied", {
          decidedAt: now,
          decidedById: actor.id,
          decidedByType: actor.type,
          reviewResult: data.decision,
          justification: data.justification,
        });
        await recordAudit(tx, ctx, {
          action,
          targetType: "assignmentRequest",
          targetId: request.id,
          requestId: request.id,
          onBehalfOfId: request.targetId,
          after: { stage: stage.stageIndex + 1, reviewResult: data.decision, justification: data.justification },
        });
        if (data.decision === "Deny") {
          return transitionRequest(tx, request.id, "pendingApproval", "denied", { status: `Denied at stage ${stage.stageIndex + 1}.`, completedAt: now });
        }
        const next = stages.find((s) => s.stageIndex === stage.stageIndex + 1);
        if (next) {
          const nextSettings = policy.requestApprovalSettings.stages[next.stageIndex];
          const resolved = nextSettings
            ? await resolveStageApprovers(tx, nextSettings, { requestorId: request.requestorId, targetId: request.targetId }, new Set([request.requestorId, request.targetId].filter((x): x is string => !!x)))
            : null;
          if (!resolved) {
            await transitionStage(tx, next.id, "notStarted", "skipped");
            return transitionRequest(tx, request.id, "pendingApproval", "denied", { status: `Denied: nobody is eligible to approve stage ${next.stageIndex + 1}.`, completedAt: now });
          }
          await transitionStage(tx, next.id, "notStarted", "pending", { startedAt: now });
          await recordStageApprovers(tx, next.id, resolved);
          return transitionRequest(tx, request.id, "pendingApproval", "pendingApproval", { status: `Waiting for approval (stage ${next.stageIndex + 1}).` });
        }
        const schedule = request.schedule as { startDateTime: string };
        if (new Date(schedule.startDateTime).getTime() > now.getTime() + 60_000) {
          return transitionRequest(tx, request.id, "pendingApproval", "scheduled", { status: `Approved; access starts ${schedule.startDateTime}.` });
        }
        const delivering = await transitionRequest(tx, request.id, "pendingApproval", "delivering", { status: "Approved." });
        return deliverRequest(tx, ctx, delivering);
      });
    },
  );
}

