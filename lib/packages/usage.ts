import { and, count, eq, inArray } from "drizzle-orm";
import { assignmentRequests, assignments, OPEN_REQUEST_STATES } from "@/db/schema";
import type { DbOrTx } from "@/db";
import { assignmentIsActive } from "@/lib/assignments/active";
import { conflict } from "@/lib/errors";

type Owner = { accessPackageId: string } | { assignmentPolicyId: string };

function assignmentOwner(o: Owner) {
  return "accessPackageId" in o ? eq(assignments.accessPackageId, o.accessPackageId) : eq(assignments.assignmentPolicyId, o.assignmentPolicyId);
}
function requestOwner(o: Owner) {
  return "accessPackageId" in o ? eq(assignmentRequests.accessPackageId, o.accessPackageId) : eq(assignmentRequests.assignmentPolicyId, o.assignmentPolicyId);
}

/** How much of a package or policy is in use: active assignments, open requests, and any history at all. */
export async function usageOf(db: DbOrTx, owner: Owner, now: Date) {
  const [[active], [open], [anyAssignment], [anyRequest]] = await Promise.all([
    db.select({ n: count() }).from(assignments).where(and(assignmentOwner(owner), assignmentIsActive(now))),
    db.select({ n: count() }).from(assignmentRequests).where(and(requestOwner(owner), inArray(assignmentRequests.state, [...OPEN_REQUEST_STATES]))),
    db.select({ n: count() }).from(assignments).where(assignmentOwner(owner)),
    db.select({ n: count() }).from(assignmentRequests).where(requestOwner(owner)),
  ]);
  return { activeAssignments: Number(active.n), openRequests: Number(open.n), assignments: Number(anyAssignment.n), requests: Number(anyRequest.n) };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/**
 * Refuses to delete a package or policy that is still in use (as Graph does), and one that requests or
 * assignments still refer to: Steward keeps request and assignment history, which points at both.
 */
export async function assertDeletable(db: DbOrTx, owner: Owner, what: string, instead: string, now: Date): Promise<void> {
  const u = await usageOf(db, owner, now);
  if (u.activeAssignments) throw conflict(`This ${what} still has ${plural(u.activeAssignments, "active assignment")}: remove its ${plural(u.activeAssignments, "active assignment")} first.`);
  if (u.openRequests) throw conflict(`This ${what} has ${plural(u.openRequests, "open request")}: wait for them to complete, or cancel or deny them first.`);
  if (u.assignments || u.requests) {
    throw conflict(
      `This ${what} cannot be deleted: ${plural(u.requests, "past request")} and ${plural(u.assignments, "past assignment")} refer to it and are kept as history. ${instead}`,
    );
  }
}

/** Postgres foreign-key violations: a request or assignment appeared between the check and the delete. */
export function isForeignKeyViolation(e: unknown): boolean {
  let cur: unknown = e;
  for (let i = 0; i < 4 && cur; i++) {
    if (typeof cur === "object" && cur !== null && "code" in cur && (cur as { code: unknown }).code === "23503") return true;
    cur = (cur as { cause?: unknown }).cause;
  }
  return false;
}
