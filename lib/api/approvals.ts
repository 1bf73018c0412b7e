import { and, asc, count, eq, exists, inArray, or, type SQL } from "drizzle-orm";
import { z } from "zod";
import { approvalStages, assignmentRequests, principals, stageApprovers, type ApprovalStage } from "@/db/schema";
import type { Ctx } from "@/lib/auth/actor";
import { decideApproval } from "@/lib/approvals/decide-approval";
import { notFound, parseInput } from "@/lib/errors";
import { isUuid } from "@/lib/packages/load";
import { getRequest } from "@/lib/requests/get-request";
import { parseODataQuery, runODataList, type ODataSpec } from "./odata";

const SET = "identityGovernance/entitlementManagement/accessPackageAssignmentApprovals";

/** PATCH …/accessPackageAssignmentApprovals/{id}/stages/{stageId}. */
export const reviewStageBody = z.object({
  reviewResult: z.enum(["Approve", "Deny"], { message: "reviewResult must be Approve or Deny" }),
  justification: z.string().max(4000, "at most 4000 characters").optional(),
});

/** Graph's approvalStage.status for Steward's stage states. */
const STATUS: Record<ApprovalStage["state"], "NotStarted" | "InProgress" | "Completed"> = {
  notStarted: "NotStarted",
  pending: "InProgress",
  escalated: "InProgress",
  approved: "Completed",
  denied: "Completed",
  skipped: "Completed",
};

/** The condition "the caller may decide this stage now" (a pending stage as primary/fallback, or an escalated one). */
function decidable(me: string): SQL {
  return and(
    eq(stageApprovers.principalId, me),
    or(and(eq(approvalStages.state, "pending"), inArray(stageApprovers.kind, ["primary", "fallbackPrimary"])), eq(approvalStages.state, "escalated")),
  )!;
}

/** Graph's approval for a request: id = the request id, one stage per approval stage. */
async function toGraphApprovals(ctx: Ctx, requestIds: string[]) {
  if (requestIds.length === 0) return [];
  const me = ctx.actor.id;
  const stages = await ctx.db.select().from(approvalStages).where(inArray(approvalStages.requestId, requestIds)).orderBy(asc(approvalStages.stageIndex));
  const stageIds = stages.map((s) => s.id);
  const mine = me && stageIds.length
    ? await ctx.db.select({ stageId: approvalStages.id }).from(stageApprovers).innerJoin(approvalStages, eq(approvalStages.id, stageApprovers.stageId)).where(and(inArray(approvalStages.id, stageIds), decidable(me)))
    : [];
  const reviewerIds = [...new Set(stages.map((s) => s.decidedById).filter((x): x is string => !!x))];
  const reviewers = reviewerIds.length ? await ctx.db.select({ id: principals.id, displayName: principals.displayName }).from(principals).where(inArray(principals.id, reviewerIds)) : [];
  return requestIds.map((id) => ({
    id,
    stages: stages
      .filter((s) => s.requestId === id)
      .map((s) => ({
        id: s.id,
        displayName: `Stage ${s.stageIndex + 1}`,
        reviewedDateTime: s.decidedAt?.toISOString() ?? null,
        reviewedBy: s.decidedById ? { id: s.decidedById, displayName: reviewers.find((r) => r.id === s.decidedById)?.displayName ?? null } : null,
        reviewResult: s.reviewResult,
        status: STATUS[s.state],
        justification: s.justification,
        assignedToMe: mine.some((m) => m.stageId === s.id),
      })),
  }));
}

export const approvalSpec: ODataSpec = {
  entitySet: SET,
  fields: {
    id: { type: "guid", column: assignmentRequests.id },
    "request/createdDateTime": { type: "datetime", column: assignmentRequests.createdAt, sort: true },
  },
  select: ["id", "stages"],
  expand: ["stages"],
  defaultOrderBy: [{ field: "request/createdDateTime" }],
  key: assignmentRequests.id,
};

/** filterByCurrentUser(on='approver'): requests with a stage the caller may decide now, oldest first. */
export async function listGraphApprovals(ctx: Ctx, url: string) {
  const q = parseODataQuery(url, approvalSpec);
  const me = ctx.actor.id;
  const pending = me
    ? and(
        eq(assignmentRequests.state, "pendingApproval"),
        exists(
          ctx.db
            .select({ x: stageApprovers.stageId })
            .from(stageApprovers)
            .innerJoin(approvalStages, eq(approvalStages.id, stageApprovers.stageId))
            .where(and(eq(approvalStages.requestId, assignmentRequests.id), decidable(me))),
        ),
      )
    : eq(assignmentRequests.id, "00000000-0000-0000-0000-000000000000");
  const page = await runODataList(q, pending, {
    rows: ({ where, orderBy, limit, offset }) => ctx.db.select({ id: assignmentRequests.id }).from(assignmentRequests).where(where).orderBy(...orderBy).limit(limit).offset(offset),
    count: async (where) => Number((await ctx.db.select({ n: count() }).from(assignmentRequests).where(where))[0]?.n ?? 0),
  });
  return { q, page, items: await toGraphApprovals(ctx, page.rows.map((r) => r.id)) };
}

/** One approval: for its approvers (any stage), and whoever may see the request itself; others get 404. */
export async function getGraphApproval(ctx: Ctx, id: string) {
  const missing = notFound(`No approval with id ${id}.`);
  if (!isUuid(id)) throw missing;
  const me = ctx.actor.id;
  const [approver] = me
    ? await ctx.db
        .select({ x: stageApprovers.principalId })
        .from(stageApprovers)
        .innerJoin(approvalStages, eq(approvalStages.id, stageApprovers.stageId))
        .where(and(eq(approvalStages.requestId, id), eq(stageApprovers.principalId, me)))
        .limit(1)
    : [];
  if (!approver) {
    await getRequest({ ctx, input: { requestId: id } }).catch((e) => {
      throw e?.code === "notFound" ? missing : e;
    });
  }
  const [approval] = await toGraphApprovals(ctx, [id]);
  if (approval.stages.length === 0) throw notFound(`The request ${id} needs no approval.`);
  return approval;
}

/** PATCH a stage: Approve or Deny through decideApproval (no self-approval, justification rules, 409 once decided). */
export async function reviewGraphStage(ctx: Ctx, approvalId: string, stageId: string, body: unknown): Promise<void> {
  const b = parseInput(reviewStageBody, body);
  if (!isUuid(approvalId)) throw notFound(`No approval with id ${approvalId}.`);
  if (!isUuid(stageId)) throw notFound(`No stage ${stageId} on this approval.`);
  await decideApproval({ ctx, input: { requestId: approvalId, stageId, decision: b.reviewResult, justification: b.justification ?? "" } });
}

export const approvalRoutes = [
  { method: "GET", path: `/${SET}/filterByCurrentUser(on='approver')`, summary: "Approvals waiting for the caller", odata: approvalSpec },
  { method: "GET", path: `/${SET}/{id}`, summary: "Get an approval (id = the request id)" },
  { method: "PATCH", path: `/${SET}/{id}/stages/{stageId}`, summary: "Approve or deny a stage", body: reviewStageBody, status: 204 },
] as const;
