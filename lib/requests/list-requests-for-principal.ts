import { desc, eq, or } from "drizzle-orm";
import { assignmentRequests, type AssignmentRequest } from "@/db/schema";
import type { Ctx } from "@/lib/auth/actor";

/** Requests the caller made or is the target of, newest first. */
export async function listRequestsForPrincipal({ ctx, input }: { ctx: Ctx; input: { top: number } }): Promise<AssignmentRequest[]> {
  if (!ctx.actor.id) return [];
  return ctx.db
    .select()
    .from(assignmentRequests)
    .where(or(eq(assignmentRequests.requestorId, ctx.actor.id), eq(assignmentRequests.targetId, ctx.actor.id)))
    .orderBy(desc(assignmentRequests.createdAt))
    .limit(Math.min(Math.max(input.top, 1), 999));
}
