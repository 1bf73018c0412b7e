import { alias } from "drizzle-orm/pg-core";
import { and, asc, count, countDistinct, desc, eq, inArray, or, sql, type SQL } from "drizzle-orm";
import {
  accessPackages,
  agentBlueprints,
  agentSponsors,
  approvalStages,
  assignmentPolicies,
  assignmentRequests,
  catalogs,
  principals,
  stageApprovers,
  type PrincipalType,
  type RequestState,
} from "@/db/schema";
import type { DbOrTx } from "@/db";
import type { Ctx } from "@/lib/auth/actor";
import { policyFromRow } from "@/lib/policies/settings";
import type { StoredAnswer } from "@/lib/requests/answers";
import { pageOf } from "@/lib/paging";

/**
 * The stages `principalId` may decide right now: a pending stage they are a primary (or fallback primary)
 * approver of, or an escalated stage they are any approver of, on a request still pending approval.
 */
function decidableBy(principalId: string): SQL {
  return and(
    eq(stageApprovers.principalId, principalId),
    eq(assignmentRequests.state, "pendingApproval"),
    // Implied by the next condition; stated so the planner starts from the few open stages (a partial index).
    inArray(approvalStages.state, ["pending", "escalated"]),
    or(
      and(eq(approvalStages.state, "pending"), inArray(stageApprovers.kind, ["primary", "fallbackPrimary"])),
      eq(approvalStages.state, "escalated"),
    ),
  ) as SQL;
}

/** How many approvals wait for `principalId` (the badge in the navigation). */
export async function countPendingApprovals(db: DbOrTx, principalId: string): Promise<number> {
  const [row] = await db
    .select({ n: countDistinct(approvalStages.id) })
    .from(stageApprovers)
    .innerJoin(approvalStages, eq(approvalStages.id, stageApprovers.stageId))
    .innerJoin(assignmentRequests, eq(assignmentRequests.id, approvalStages.requestId))
    .where(decidableBy(principalId));
  return Number(row?.n ?? 0);
}

export type InboxTarget = {
  id: string;
  displayName: string;
  type: PrincipalType;
  /** For agents (and agent users): the blueprint and the agent's sponsors. */
  blueprintName: string | null;
  sponsors: string[];
};

export type InboxItem = {
  requestId: string;
  stageId: string;
  requestType: string;
  packageId: string;
  packageName: string;
  packageDescription: string;
  catalogName: string;
  policyName: string;
  target: InboxTarget;
  requestor: { id: string | null; displayName: string; type: string };
  justification: string;
  answers: StoredAnswer[];
  /** 1-based. */
  stageNumber: number;
  stageCount: number;
  escalated: boolean;
  isApproverJustificationRequired: boolean;
  schedule: { startDateTime: string | null; endDateTime: string | null };
  createdAt: Date;
  stageStartedAt: Date | null;
};

export type Inbox = { items: InboxItem[]; total: number; page: number; pageSize: number };

async function targetsInfo(db: DbOrTx, ids: string[]): Promise<Map<string, InboxTarget>> {
  const out = new Map<string, InboxTarget>();
  if (ids.length === 0) return out;
  const rows = await db
    .select({ id: principals.id, displayName: principals.displayName, type: principals.type, agentIdentityId: principals.agentIdentityId, blueprintId: principals.blueprintId })
    .from(principals)
    .where(inArray(principals.id, ids));
  // An agent user answers for its agent identity: show that agent's blueprint and sponsors.
  const agentOf = new Map(rows.map((r) => [r.id, r.type === "agentIdentity" ? r.id : r.type === "agentUser" ? r.agentIdentityId : null]));
  const agentIds = [...new Set([...agentOf.values()].filter((x): x is string => !!x))];
  const sponsor = alias(principals, "sponsor");
  const [agents, sponsors] = agentIds.length
    ? await Promise.all([
        db
          .select({ id: principals.id, blueprintName: agentBlueprints.displayName })
          .from(principals)
          .leftJoin(agentBlueprints, eq(agentBlueprints.id, principals.blueprintId))
          .where(inArray(principals.id, agentIds)),
        db
          .select({ agentId: agentSponsors.agentId, name: sponsor.displayName })
          .from(agentSponsors)
          .innerJoin(sponsor, eq(sponsor.id, agentSponsors.sponsorId))
          .where(inArray(agentSponsors.agentId, agentIds))
          .orderBy(asc(sponsor.displayName)),
      ])
    : [[], []];
  for (const r of rows) {
    const agentId = agentOf.get(r.id) ?? null;
    out.set(r.id, {
      id: r.id,
      displayName: r.displayName,
      type: r.type,
      blueprintName: agentId ? (agents.find((a) => a.id === agentId)?.blueprintName ?? null) : null,
      sponsors: agentId ? sponsors.filter((s) => s.agentId === agentId).map((s) => s.name) : [],
    });
  }
  return out;
}

function asAnswers(value: unknown): StoredAnswer[] {
  if (!Array.isArray(value)) return [];
  return value.filter((a): a is StoredAnswer => !!a && typeof a === "object" && "question" in a && "displayValue" in a);
}

/** The approvals waiting for the actor, oldest first, with what an approver needs to decide. */
export async function listInbox(ctx: Ctx, params: { page?: number; pageSize?: number } = {}): Promise<Inbox> {
  const { page, pageSize } = pageOf(params, 20);
  const me = ctx.actor.id;
  if (!me) return { items: [], total: 0, page, pageSize };

  const mine = ctx.db
    .selectDistinct({ id: approvalStages.id })
    .from(stageApprovers)
    .innerJoin(approvalStages, eq(approvalStages.id, stageApprovers.stageId))
    .innerJoin(assignmentRequests, eq(assignmentRequests.id, approvalStages.requestId))
    .where(decidableBy(me));
  const requestor = alias(principals, "requestor");
  // The total comes with the page (a window count), so the approver's stages are looked up once, not twice.
  const rows = await ctx.db
    .select({
      total: sql<number>`count(*) over ()`.mapWith(Number),
      stageId: approvalStages.id,
      stageIndex: approvalStages.stageIndex,
      stageState: approvalStages.state,
      stageStartedAt: approvalStages.startedAt,
      requestId: assignmentRequests.id,
      requestType: assignmentRequests.requestType,
      targetId: assignmentRequests.targetId,
      justification: assignmentRequests.justification,
      answers: assignmentRequests.answers,
      schedule: assignmentRequests.schedule,
      createdAt: assignmentRequests.createdAt,
      requestorId: assignmentRequests.requestorId,
      requestorType: assignmentRequests.requestorType,
      requestorName: requestor.displayName,
      packageId: accessPackages.id,
      packageName: accessPackages.displayName,
      packageDescription: accessPackages.description,
      catalogName: catalogs.displayName,
      policy: assignmentPolicies,
    })
    .from(approvalStages)
    .innerJoin(assignmentRequests, eq(assignmentRequests.id, approvalStages.requestId))
    .innerJoin(accessPackages, eq(accessPackages.id, assignmentRequests.accessPackageId))
    .innerJoin(catalogs, eq(catalogs.id, accessPackages.catalogId))
    .innerJoin(assignmentPolicies, eq(assignmentPolicies.id, assignmentRequests.assignmentPolicyId))
    .leftJoin(requestor, eq(requestor.id, assignmentRequests.requestorId))
    .where(inArray(approvalStages.id, mine))
    .orderBy(asc(assignmentRequests.createdAt), asc(approvalStages.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  // Past the last page there is no row to carry the total: count separately.
  const total = rows.length ? rows[0].total : page === 1 ? 0 : Number((await ctx.db.select({ total: count() }).from(approvalStages).where(inArray(approvalStages.id, mine)))[0].total);

  const requestIds = [...new Set(rows.map((r) => r.requestId))];
  const [stageCounts, targets] = await Promise.all([
    requestIds.length
      ? ctx.db
          .select({ requestId: approvalStages.requestId, n: count() })
          .from(approvalStages)
          .where(inArray(approvalStages.requestId, requestIds))
          .groupBy(approvalStages.requestId)
      : [],
    targetsInfo(ctx.db, [...new Set(rows.map((r) => r.targetId))]),
  ]);

  const items = rows.map((r): InboxItem => {
    const policy = policyFromRow(r.policy);
    const schedule = (r.schedule ?? {}) as { startDateTime?: string | null; endDateTime?: string | null };
    return {
      requestId: r.requestId,
      stageId: r.stageId,
      requestType: r.requestType,
      packageId: r.packageId,
      packageName: r.packageName,
      packageDescription: r.packageDescription,
      catalogName: r.catalogName,
      policyName: policy.displayName,
      target: targets.get(r.targetId) ?? { id: r.targetId, displayName: "(deleted)", type: "user", blueprintName: null, sponsors: [] },
      requestor: { id: r.requestorId, displayName: r.requestorName ?? (r.requestorType === "system" ? "Steward" : "(deleted)"), type: r.requestorType },
      justification: r.justification,
      answers: asAnswers(r.answers),
      stageNumber: r.stageIndex + 1,
      stageCount: Number(stageCounts.find((s) => s.requestId === r.requestId)?.n ?? 1),
      escalated: r.stageState === "escalated",
      isApproverJustificationRequired: policy.requestApprovalSettings.stages[r.stageIndex]?.isApproverJustificationRequired ?? false,
      schedule: { startDateTime: schedule.startDateTime ?? null, endDateTime: schedule.endDateTime ?? null },
      createdAt: r.createdAt,
      stageStartedAt: r.stageStartedAt,
    };
  });
  return { items, total: Number(total), page, pageSize };
}

export type DecidedItem = {
  stageId: string;
  requestId: string;
  packageName: string;
  target: { id: string; displayName: string; type: PrincipalType };
  requestorName: string | null;
  stageNumber: number;
  decision: string;
  justification: string;
  decidedAt: Date | null;
  requestState: RequestState;
  requestStatus: string;
};

/** The approval stages the actor decided, newest first (the inbox's history). */
export async function listDecided(ctx: Ctx, params: { page?: number; pageSize?: number } = {}): Promise<{ items: DecidedItem[]; total: number; page: number; pageSize: number }> {
  const { page, pageSize } = pageOf(params, 20);
  const me = ctx.actor.id;
  if (!me) return { items: [], total: 0, page, pageSize };
  const target = alias(principals, "target");
  const requestor = alias(principals, "requestor");
  const where = eq(approvalStages.decidedById, me);
  const totalQuery = ctx.db.select({ total: count() }).from(approvalStages).where(where);
  const rowsQuery = ctx.db
    .select({
      stageId: approvalStages.id,
      stageIndex: approvalStages.stageIndex,
      decision: approvalStages.reviewResult,
      justification: approvalStages.justification,
      decidedAt: approvalStages.decidedAt,
      requestId: assignmentRequests.id,
      requestState: assignmentRequests.state,
      requestStatus: assignmentRequests.status,
      packageName: accessPackages.displayName,
      targetId: target.id,
      targetName: target.displayName,
      targetType: target.type,
      requestorName: requestor.displayName,
    })
    .from(approvalStages)
    .innerJoin(assignmentRequests, eq(assignmentRequests.id, approvalStages.requestId))
    .innerJoin(accessPackages, eq(accessPackages.id, assignmentRequests.accessPackageId))
    .innerJoin(target, eq(target.id, assignmentRequests.targetId))
    .leftJoin(requestor, eq(requestor.id, assignmentRequests.requestorId))
    .where(where)
    .orderBy(desc(approvalStages.decidedAt), desc(approvalStages.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  const [[{ total }], rows] = await Promise.all([totalQuery, rowsQuery]);
  return {
    items: rows.map((r) => ({
      stageId: r.stageId,
      requestId: r.requestId,
      packageName: r.packageName,
      target: { id: r.targetId, displayName: r.targetName, type: r.targetType },
      requestorName: r.requestorName,
      stageNumber: r.stageIndex + 1,
      decision: r.decision,
      justification: r.justification,
      decidedAt: r.decidedAt,
      requestState: r.requestState,
      requestStatus: r.requestStatus,
    })),
    total: Number(total),
    page,
    pageSize,
  };
}
