import { and, eq, inArray } from "drizzle-orm";
import { approvalStages, assignmentRequests, assignments, type AssignmentState, type RequestState } from "@/db/schema";
import type { DbOrTx } from "@/db";
import { conflict } from "@/lib/errors";

/**
 * The one place request, stage and assignment states move. Every transition is a compare-and-set on the
 * old state inside the caller's transaction; a racing update finds zero rows and gets a conflict.
 */
export const REQUEST_TRANSITIONS: Record<RequestState, readonly RequestState[]> = {
  submitted: ["pendingApproval", "delivering", "scheduled", "denied", "canceled"],
  pendingApproval: ["pendingApproval", "delivering", "scheduled", "denied", "canceled"],
  scheduled: ["delivering", "canceled", "denied"],
  delivering: ["delivered", "partiallyDelivered", "deliveryFailed", "denied"],
  deliveryFailed: ["delivering"],
  partiallyDelivered: ["delivering"],
  delivered: [],
  denied: [],
  canceled: [],
};

export const ASSIGNMENT_TRANSITIONS: Record<AssignmentState, readonly AssignmentState[]> = {
  delivering: ["delivered", "partiallyDelivered", "deliveryFailed", "removed", "expired"],
  // A schedule change (extension) keeps the state: the self-transition is still a compare-and-set.
  delivered: ["delivered", "delivering", "removed", "expired"],
  partiallyDelivered: ["partiallyDelivered", "delivering", "removed", "expired"],
  deliveryFailed: ["delivering", "removed", "expired"],
  expired: [],
  removed: [],
};

export type StageState = "notStarted" | "pending" | "escalated" | "approved" | "denied" | "skipped";
export const STAGE_TRANSITIONS: Record<StageState, readonly StageState[]> = {
  notStarted: ["pending", "skipped"],
  pending: ["escalated", "approved", "denied", "skipped"],
  escalated: ["approved", "denied", "skipped"],
  approved: [],
  denied: [],
  skipped: [],
};

export function canTransition<S extends string>(table: Record<S, readonly S[]>, from: S, to: S): boolean {
  return table[from]?.includes(to) ?? false;
}

function assertAllowed<S extends string>(table: Record<S, readonly S[]>, from: readonly S[], to: S, what: string): void {
  for (const f of from) {
    if (!canTransition(table, f, to)) throw new Error(`Illegal ${what} transition ${f} → ${to}`);
  }
}

export async function transitionRequest(
  tx: DbOrTx,
  id: string,
  from: RequestState | readonly RequestState[],
  to: RequestState,
  patch: Partial<{ status: string; assignmentId: string | null; completedAt: Date | null }> = {},
) {
  const fromList = (Array.isArray(from) ? from : [from]) as RequestState[];
  assertAllowed(REQUEST_TRANSITIONS, fromList, to, "request");
  const rows = await tx
    .update(assignmentRequests)
    .set({ state: to, ...patch })
    .where(and(eq(assignmentRequests.id, id), inArray(assignmentRequests.state, fromList)))
    .returning();
  if (rows.length === 0) throw conflict(`The request changed while you were working on it (it is no longer ${fromList.join(" or ")}).`);
  return rows[0];
}

export async function transitionAssignment(
  tx: DbOrTx,
  id: string,
  from: AssignmentState | readonly AssignmentState[],
  to: AssignmentState,
  patch: Partial<{ status: string; endDateTime: Date | null; expiredDateTime: Date | null; modifiedAt: Date }> = {},
) {
  const fromList = (Array.isArray(from) ? from : [from]) as AssignmentState[];
  assertAllowed(ASSIGNMENT_TRANSITIONS, fromList, to, "assignment");
  const rows = await tx
    .update(assignments)
    .set({ state: to, ...patch })
    .where(and(eq(assignments.id, id), inArray(assignments.state, fromList)))
    .returning();
  if (rows.length === 0) throw conflict(`The assignment changed while you were working on it (it is no longer ${fromList.join(" or ")}).`);
  return rows[0];
}

export async function transitionStage(
  tx: DbOrTx,
  id: string,
  from: StageState | readonly StageState[],
  to: StageState,
  patch: Partial<{
    startedAt: Date;
    escalatedAt: Date;
    decidedAt: Date;
    decidedById: string | null;
    decidedByType: "user" | "agentIdentity" | "servicePrincipal" | "agentUser" | "system";
    reviewResult: string;
    justification: string;
  }> = {},
) {
  const fromList = (Array.isArray(from) ? from : [from]) as StageState[];
  assertAllowed(STAGE_TRANSITIONS, fromList, to, "approval stage");
  const rows = await tx
    .update(approvalStages)
    .set({ state: to, ...patch })
    .where(and(eq(approvalStages.id, id), inArray(approvalStages.state, fromList)))
    .returning();
  if (rows.length === 0) throw conflict("This approval stage has already been decided.");
  return rows[0];
}
