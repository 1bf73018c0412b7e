import { z } from "zod";
import { invalid } from "@/lib/errors";
import { addDuration, describeDuration, isDuration } from "@/lib/time/duration";
import type { Policy } from "@/lib/policies/settings";

export const requestedScheduleSchema = z.object({
  startDateTime: z.coerce.date({ message: "startDateTime must be a date" }).optional(),
  expiration: z
    .object({
      type: z.enum(["noExpiration", "afterDateTime", "afterDuration", "notSpecified"]).optional(),
      endDateTime: z.coerce.date({ message: "endDateTime must be a date" }).optional(),
      duration: z.string().refine(isDuration, "duration must be ISO 8601, e.g. P7D").optional(),
    })
    .optional(),
});
export type RequestedSchedule = z.infer<typeof requestedScheduleSchema>;

export type Schedule = { startDateTime: Date; endDateTime: Date | null };

/** The latest end the policy allows for access starting at `start` (null: no end). */
export function policyEnd(policy: Policy, start: Date): Date | null {
  const e = policy.expiration;
  if (e.type === "afterDuration" && e.duration) return addDuration(start, e.duration);
  if (e.type === "afterDateTime" && e.endDateTime) return e.endDateTime;
  return null;
}

const SKEW_MS = 5 * 60_000;

/** Works out the schedule of a request from the policy and what the requestor asked for, refusing what the policy does not allow. */
export function computeSchedule(policy: Policy, requested: RequestedSchedule | undefined, now: Date, opts: { isAdmin?: boolean } = {}): Schedule {
  const wantsCustom = !!(requested?.startDateTime || requested?.expiration?.endDateTime || requested?.expiration?.duration);
  if (wantsCustom && !opts.isAdmin && !policy.requestorSettings.allowCustomAssignmentSchedule) {
    throw invalid(`The policy "${policy.displayName}" does not allow a custom schedule; leave the dates empty.`, { schedule: ["custom schedules are not allowed by this policy"] });
  }
  const start = requested?.startDateTime ?? now;
  if (start.getTime() < now.getTime() - SKEW_MS) throw invalid("The start date is in the past.", { "schedule.startDateTime": ["must not be in the past"] });
  const max = policyEnd(policy, start);
  if (policy.expiration.type === "afterDateTime" && max && start.getTime() >= max.getTime()) {
    throw invalid(`The policy "${policy.displayName}" stopped granting access on ${max.toISOString()}.`, { schedule: ["the policy's end date has passed"] });
  }
  let end: Date | null = max;
  if (requested?.expiration?.endDateTime) end = requested.expiration.endDateTime;
  else if (requested?.expiration?.duration) end = addDuration(start, requested.expiration.duration);
  if (end && end.getTime() <= start.getTime()) throw invalid("The end date must be after the start date.", { "schedule.expiration": ["must end after it starts"] });
  if (end && max && end.getTime() > max.getTime()) {
    const bound = policy.expiration.type === "afterDuration" && policy.expiration.duration ? `${describeDuration(policy.expiration.duration)} after the start` : max.toISOString();
    throw invalid(`The policy "${policy.displayName}" allows access until at most ${bound}.`, { "schedule.expiration": [`at most ${bound}`] });
  }
  return { startDateTime: start, endDateTime: end };
}
