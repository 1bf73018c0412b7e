import { desc, eq, or } from "drizzle-orm";
import { assignmentRequests, type AssignmentRequest } from "@/db/schema";
import type { Ctx } from "@/lib/auth/actor";

/** Requests the caller is the target of (`on: "target"`), made (`on: "createdBy"`), or either; newest first. */
export async function listRequestsForPrincipal({ ctx, input }: { ctx: Ctx; input: { top: number; on?: "target" | "createdBy" } }): Promise<AssignmentRequest[]> {
  if (!ctx.actor.id) return [];
  const me = ctx.actor.id;
  const where =
    input.on === "target" ? eq(assignmentRequests.targetId, me) : input.on === "createdBy" ? eq(assignmentRequests.requestorId, me) : or(eq(assignmentRequests.requestorId, me), eq(assignmentRequests.targetId, me));
  return ctx.db
    .select()
    .from(assignmentRequests)
    .where(where)
    .orderBy(desc(assignmentRequests.createdAt))
    .limit(Math.min(Math.max(input.top, 1), 999));
}
