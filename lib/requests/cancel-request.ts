import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { approvalStages, assignmentRequests, type AssignmentRequest } from "@/db/schema";
import { conflict, forbidden, notFound, parseInput } from "@/lib/errors";
import { nowOf, type Ctx } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { withRefusalAudit } from "@/lib/audit/with-refusal-audit";
import { transitionRequest } from "./state-machine";

export const cancelRequestInput = z.object({ requestId: z.uuid("requestId must be the id of a request") });

/** The requestor (or, for an agent's own request, the agent) cancels a request that is still pending. */
export async function cancelRequest({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<AssignmentRequest> {
  const data = parseInput(cancelRequestInput, input);
  return withRefusalAudit(
    ctx,
    () => ({ action: "request.cancel", targetType: "assignmentRequest", targetId: data.requestId, requestId: data.requestId }),
    async () => {
      const [request] = await ctx.db.select().from(assignmentRequests).where(eq(assignmentRequests.id, data.requestId));
      if (!request) throw notFound(`No request with id ${data.requestId}.`);
      if (ctx.actor.id === null || (request.requestorId !== ctx.actor.id && request.targetId !== ctx.actor.id)) {
        throw forbidden("Only the person or agent who made a request can cancel it.");
      }
      if (request.state !== "pendingApproval" && request.state !== "scheduled" && request.state !== "submitted") {
        throw conflict(`The request is ${request.state} and can no longer be canceled.`);
      }
      return ctx.db.transaction(async (tx) => {
        const now = nowOf(ctx);
        const updated = await transitionRequest(tx, request.id, request.state, "canceled", { status: "Canceled by the requestor.", completedAt: now });
        await tx.update(approvalStages).set({ state: "skipped" }).where(and(eq(approvalStages.requestId, request.id), inArray(approvalStages.state, ["pending", "escalated", "notStarted"])));
        await recordAudit(tx, ctx, { action: "request.cancel", targetType: "assignmentRequest", targetId: request.id, requestId: request.id, before: { state: request.state }, after: { state: "canceled" } });
        return updated;
      });
    },
  );
}
