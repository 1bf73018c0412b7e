import { and, eq, inArray, isNotNull, lte } from "drizzle-orm";
import { assignments, grants, LIVE_ASSIGNMENT_STATES } from "@/db/schema";
import { nowOf, type Ctx } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { transitionAssignment } from "@/lib/requests/state-machine";
import { isDomainError } from "@/lib/errors";

export type ExpireResult = { expired: number; grantsRemoved: number };

/**
 * The expiry sweep: marks every assignment past its end `expired`, deletes the grants it delivered
 * (a role another active assignment still delivers stays, through that assignment's own grant) and audits each.
 * Reads already treat such assignments as inactive; this makes it permanent. Running it twice changes nothing.
 */
export async function expireAssignments({ ctx, limit = 500 }: { ctx: Ctx; limit?: number }): Promise<ExpireResult> {
  const now = nowOf(ctx);
  const due = await ctx.db
    .select({ id: assignments.id, state: assignments.state, targetId: assignments.targetId, endDateTime: assignments.endDateTime })
    .from(assignments)
    .where(and(inArray(assignments.state, [...LIVE_ASSIGNMENT_STATES]), isNotNull(assignments.endDateTime), lte(assignments.endDateTime, now)))
    .limit(limit);
  let expired = 0;
  let grantsRemoved = 0;
  for (const a of due) {
    try {
      await ctx.db.transaction(async (tx) => {
        await transitionAssignment(tx, a.id, a.state, "expired", { expiredDateTime: now, modifiedAt: now, status: "Expired." });
        const removed = await tx.delete(grants).where(eq(grants.assignmentId, a.id)).returning({ id: grants.id });
        await recordAudit(tx, ctx, {
          action: "assignment.expire",
          targetType: "assignment",
          targetId: a.id,
          onBehalfOfId: a.targetId,
          before: { state: a.state, endDateTime: a.endDateTime },
          after: { state: "expired", grantsRemoved: removed.length },
        });
        expired++;
        grantsRemoved += removed.length;
      });
    } catch (e) {
      // Another sweep or a removal got there first: nothing left to do for this one.
      if (!(isDomainError(e) && e.code === "conflict")) throw e;
    }
  }
  return { expired, grantsRemoved };
}
