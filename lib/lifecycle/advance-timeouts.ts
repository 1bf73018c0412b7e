import { and, eq, inArray } from "drizzle-orm";
import { approvalStages, assignmentRequests } from "@/db/schema";
import { nowOf, type Ctx } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { isDomainError } from "@/lib/errors";
import { loadPolicy } from "@/lib/packages/load";
import { addDuration } from "@/lib/time/duration";
import { transitionRequest, transitionStage } from "@/lib/requests/state-machine";

export type TimeoutResult = { escalated: number; autoDenied: number };

/**
 * One step of the approval clock: a stage undecided past durationBeforeAutomaticDenial is denied by the system
 * (ending the request); one undecided past durationBeforeEscalation goes to its escalation approvers.
 * Both are compare-and-set, so a decision that lands first wins and the step skips that stage.
 */
export async function advanceApprovalTimeouts({ ctx }: { ctx: Ctx }): Promise<TimeoutResult> {
  const now = nowOf(ctx);
  const open = await ctx.db
    .select({ stage: approvalStages, policyId: assignmentRequests.assignmentPolicyId, targetId: assignmentRequests.targetId })
    .from(approvalStages)
    .innerJoin(assignmentRequests, eq(assignmentRequests.id, approvalStages.requestId))
    .where(and(inArray(approvalStages.state, ["pending", "escalated"]), eq(assignmentRequests.state, "pendingApproval")));
  const result: TimeoutResult = { escalated: 0, autoDenied: 0 };
  const policies = new Map<string, Awaited<ReturnType<typeof loadPolicy>>>();
  for (const { stage, policyId, targetId } of open) {
    if (!stage.startedAt) continue;
    let policy = policies.get(policyId);
    if (!policy) {
      policy = await loadPolicy(ctx.db, policyId);
      policies.set(policyId, policy);
    }
    const settings = policy.requestApprovalSettings.stages[stage.stageIndex];
    if (!settings) continue;
    const denyAt = addDuration(stage.startedAt, settings.durationBeforeAutomaticDenial);
    try {
      if (denyAt.getTime() <= now.getTime()) {
        await ctx.db.transaction(async (tx) => {
          await transitionStage(tx, stage.id, stage.state as "pending" | "escalated", "denied", { decidedAt: now, decidedById: null, decidedByType: "system", reviewResult: "Deny", justification: "No decision in time: denied automatically." });
          await transitionRequest(tx, stage.requestId, "pendingApproval", "denied", { status: `Denied automatically: stage ${stage.stageIndex + 1} was not decided within ${settings.durationBeforeAutomaticDenial}.`, completedAt: now });
          await recordAudit(tx, ctx, { action: "approval.autoDeny", targetType: "assignmentRequest", targetId: stage.requestId, requestId: stage.requestId, onBehalfOfId: targetId, after: { stage: stage.stageIndex + 1 } });
        });
        result.autoDenied++;
      } else if (stage.state === "pending" && settings.isEscalationEnabled && settings.durationBeforeEscalation && addDuration(stage.startedAt, settings.durationBeforeEscalation).getTime() <= now.getTime()) {
        await ctx.db.transaction(async (tx) => {
          await transitionStage(tx, stage.id, "pending", "escalated", { escalatedAt: now });
          await recordAudit(tx, ctx, { action: "approval.escalate", targetType: "assignmentRequest", targetId: stage.requestId, requestId: stage.requestId, onBehalfOfId: targetId, after: { stage: stage.stageIndex + 1 } });
        });
        result.escalated++;
      }
    } catch (e) {
      if (!(isDomainError(e) && e.code === "conflict")) throw e;
    }
  }
  return result;
}
