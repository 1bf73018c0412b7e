import { z } from "zod";
import { invalid } from "@/lib/errors";
import { isUuid, loadPolicies } from "@/lib/packages/load";
import { submitRequest, type SubmitRequestInput } from "@/lib/requests/submit-request";
import { isDuration } from "@/lib/time/duration";
import type { AgentCtx } from "../authenticate-agent";
import { describeRequest } from "../describe-request";
import { resolvePackage } from "../resolve-package";

const isoDate = (what: string) =>
  z
    .string()
    .trim()
    .refine((s) => !Number.isNaN(Date.parse(s)), `${what} must be an ISO 8601 date-time such as 2026-07-01T09:00:00Z`);

export const scheduleFields = {
  start: isoDate("start").optional().describe("When the access should start (ISO 8601, UTC). Omit to start now. Only if the policy allows custom dates."),
  end: isoDate("end").optional().describe("When the access should end (ISO 8601, UTC). Omit for the policy's maximum. Only if the policy allows custom dates."),
  duration: z
    .string()
    .trim()
    .refine(isDuration, "duration must be ISO 8601, such as PT4H or P7D")
    .optional()
    .describe("How long the access should last instead of an end date (ISO 8601 duration, e.g. PT4H, P7D). Only if the policy allows custom dates."),
};

export const requestAccessInput = {
  package: z.string().trim().min(1, "name the access package (its id or display name)").max(300).describe("The access package to request: its id, or its display name."),
  policy: z.string().trim().max(300).optional().describe("The policy to request under (its id or name). Omit to use the first policy that applies to you."),
  justification: z.string().trim().max(4000).optional().describe("Why you need the access. Required when the policy says so; approvers read it."),
  answers: z
    .record(z.string().max(64), z.union([z.string().max(4000), z.array(z.string().max(200)).max(50)]))
    .optional()
    .describe('Answers to the policy\'s questions, keyed by question id, e.g. {"workstream": "Data migration"}.'),
  ...scheduleFields,
};

type ScheduleInput = { start?: string; end?: string; duration?: string };

export function toSchedule(input: ScheduleInput): SubmitRequestInput["schedule"] {
  if (input.end && input.duration) throw invalid("Give either end or duration, not both.", { duration: ["give either end or duration"] });
  if (!input.start && !input.end && !input.duration) return undefined;
  return {
    startDateTime: input.start ? new Date(input.start) : undefined,
    expiration: input.end ? { type: "afterDateTime", endDateTime: new Date(input.end) } : input.duration ? { type: "afterDuration", duration: input.duration } : undefined,
  };
}

/** Submits the agent's own request (requestType userAdd: the agent is requestor and target) and says what happens next. */
export async function requestAccess(
  ctx: AgentCtx,
  input: { package: string; policy?: string; justification?: string; answers?: Record<string, string | string[]> } & ScheduleInput,
): Promise<string> {
  const pkg = await resolvePackage(ctx, input.package);
  let assignmentPolicyId: string | undefined;
  if (input.policy) {
    const policies = await loadPolicies(ctx.db, pkg.id);
    const wanted = input.policy.toLowerCase();
    const match = policies.find((p) => p.id === input.policy || p.displayName.toLowerCase() === wanted);
    if (!match && !isUuid(input.policy)) {
      throw invalid(`"${pkg.displayName}" has no policy named "${input.policy}". Its policies: ${policies.map((p) => `"${p.displayName}" (id ${p.id})`).join(", ") || "none"}.`);
    }
    assignmentPolicyId = match?.id ?? input.policy;
  }
  const request = await submitRequest({
    ctx,
    input: {
      requestType: "userAdd",
      accessPackageId: pkg.id,
      assignmentPolicyId,
      justification: input.justification ?? "",
      answers: Object.entries(input.answers ?? {}).map(([questionId, value]) => ({ questionId, value })),
      schedule: toSchedule(input),
    } satisfies SubmitRequestInput,
  });
  return describeRequest(ctx, request.id);
}
