import { asc, eq, inArray, and } from "drizzle-orm";
import { accessPackages, assignments, type AssignmentState } from "@/db/schema";
import type { DbOrTx } from "@/db";
import { assignmentIsActive } from "./active";

export type ActiveAssignmentSummary = { id: string; packageName: string; state: AssignmentState; endDateTime: Date | null };

/**
 * The access packages each principal holds right now (active assignments), by principal id, at most `limit` each —
 * what an approver needs to see about a target before deciding.
 */
export async function activeAssignmentsByTarget(db: DbOrTx, targetIds: readonly string[], now: Date, limit = 10): Promise<Map<string, { items: ActiveAssignmentSummary[]; total: number }>> {
  const out = new Map<string, { items: ActiveAssignmentSummary[]; total: number }>();
  if (targetIds.length === 0) return out;
  const rows = await db
    .select({ id: assignments.id, targetId: assignments.targetId, packageName: accessPackages.displayName, state: assignments.state, endDateTime: assignments.endDateTime })
    .from(assignments)
    .innerJoin(accessPackages, eq(accessPackages.id, assignments.accessPackageId))
    .where(and(inArray(assignments.targetId, [...new Set(targetIds)]), assignmentIsActive(now)))
    .orderBy(asc(accessPackages.displayName));
  for (const r of rows) {
    const entry = out.get(r.targetId) ?? { items: [], total: 0 };
    entry.total += 1;
    if (entry.items.length < limit) entry.items.push({ id: r.id, packageName: r.packageName, state: r.state, endDateTime: r.endDateTime });
    out.set(r.targetId, entry);
  }
  return out;
}
