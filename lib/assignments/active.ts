import { and, gt, inArray, isNull, or, type SQL } from "drizzle-orm";
import { assignments, LIVE_ASSIGNMENT_STATES } from "@/db/schema";

/** An assignment is held only while its state is live and its end has not passed: every read uses this. */
export function assignmentIsActive(now: Date): SQL {
  return and(
    inArray(assignments.state, [...LIVE_ASSIGNMENT_STATES]),
    or(isNull(assignments.endDateTime), gt(assignments.endDateTime, now)),
  ) as SQL;
}
