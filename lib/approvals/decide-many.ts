import { z } from "zod";
import type { RequestState } from "@/db/schema";
import { isDomainError, parseInput, type ErrorCode } from "@/lib/errors";
import type { Ctx } from "@/lib/auth/actor";
import { decideApproval } from "./decide-approval";

export const MAX_BULK_DECISIONS = 100;

export const decideManyInput = z.object({
  items: z
    .array(
      z.object({
        requestId: z.uuid("requestId must be the id of a request"),
        /** The stage the approver saw; a request that has moved on to another stage is not decided blindly. */
        stageId: z.uuid("stageId must be an id").optional(),
      }),
      { message: "items must be a list of requests" },
    )
    .min(1, "select at least one request")
    .max(MAX_BULK_DECISIONS, `select at most ${MAX_BULK_DECISIONS} requests at a time`),
  decision: z.enum(["Approve", "Deny"], { message: "decision must be Approve or Deny" }),
  justification: z.string().trim().max(4000, "at most 4000 characters").default(""),
});
export type DecideManyInput = z.input<typeof decideManyInput>;

export type DecideManyItemResult =
  | { requestId: string; ok: true; state: RequestState }
  | { requestId: string; ok: false; code: ErrorCode | "internal"; message: string; fieldErrors?: Record<string, string[]> };

export type DecideManyResult = { decision: "Approve" | "Deny"; results: DecideManyItemResult[]; succeeded: number; failed: number };

/**
 * Decides several requests with one decision and one justification. Each goes through decideApproval on its own
 * (its own checks, transaction and audit event), so one refusal neither stops nor undoes the others; the result
 * says, per request, what happened.
 */
export async function decideMany({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<DecideManyResult> {
  const data = parseInput(decideManyInput, input);
  const seen = new Set<string>();
  const results: DecideManyItemResult[] = [];
  for (const item of data.items) {
    if (seen.has(item.requestId)) continue;
    seen.add(item.requestId);
    try {
      const decided = await decideApproval({ ctx, input: { requestId: item.requestId, stageId: item.stageId, decision: data.decision, justification: data.justification } });
      results.push({ requestId: item.requestId, ok: true, state: decided.state });
    } catch (e) {
      if (isDomainError(e)) {
        results.push({ requestId: item.requestId, ok: false, code: e.code, message: e.message, fieldErrors: e.fieldErrors });
      } else {
        // Not a refusal: logged here, reported without details, and the other requests still get decided.
        console.error("Bulk decision failed for one request", item.requestId, e);
        results.push({ requestId: item.requestId, ok: false, code: "internal", message: "Something went wrong; this request was not changed." });
      }
    }
  }
  const succeeded = results.filter((r) => r.ok).length;
  return { decision: data.decision, results, succeeded, failed: results.length - succeeded };
}
