import { LIVE_ASSIGNMENT_STATES, type Assignment, type AssignmentState } from "@/db/schema";

/**
 * The state to show for an assignment now: one still marked live whose end has passed is already inactive
 * (see `assignmentIsActive`), so it reads "expired" even before the sweep records that.
 */
export function effectiveAssignmentState(a: Pick<Assignment, "state" | "endDateTime">, now: Date): AssignmentState {
  const live = (LIVE_ASSIGNMENT_STATES as readonly string[]).includes(a.state);
  return live && a.endDateTime && a.endDateTime.getTime() <= now.getTime() ? "expired" : a.state;
}
