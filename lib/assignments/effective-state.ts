import { LIVE_ASSIGNMENT_STATES, type Assignment, type AssignmentState } from "@/db/schema";

/**
 * The state to show for an assignment now: one still marked live whose end has passed is already inactive
 * (see `assignmentIsActive`), so it reads "expired" even before the sweep records that.
 */
export function effectiveAssignmentState(a: Pick<Assignment, "state" | "endDateTime">, now: Date): AssignmentState {
  return effectiveStateAt(a.state, a.endDateTime ? a.endDateTime.getTime() : null, now.getTime());
}

/** The same, with the end and the time as epoch milliseconds (null: no end), for rows read without dates. */
export function effectiveStateAt(state: AssignmentState, endMs: number | null, nowMs: number): AssignmentState {
  const live = (LIVE_ASSIGNMENT_STATES as readonly string[]).includes(state);
  return live && endMs !== null && endMs <= nowMs ? "expired" : state;
}
