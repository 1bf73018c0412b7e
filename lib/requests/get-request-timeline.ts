import { alias } from "drizzle-orm/pg-core";
import { asc, eq, inArray } from "drizzle-orm";
import {
  accessPackages,
  approvalStages,
  assignmentPolicies,
  assignments,
  auditEvents,
  catalogs,
  principals,
  stageApprovers,
  type ActorType,
  type AssignmentRequest,
  type AssignmentState,
  type PrincipalType,
} from "@/db/schema";
import { nowOf, type Ctx } from "@/lib/auth/actor";
import { effectiveAssignmentState } from "@/lib/assignments/effective-state";
import type { StoredAnswer } from "./answers";
import { getRequest } from "./get-request";

export type TimelinePrincipal = { id: string; displayName: string; type: PrincipalType };

export type TimelineApprover = TimelinePrincipal & { kind: "primary" | "fallbackPrimary" | "escalation" | "fallbackEscalation" };

export type TimelineStage = {
  id: string;
  /** 1-based. */
  number: number;
  state: "notStarted" | "pending" | "escalated" | "approved" | "denied" | "skipped";
  startedAt: Date | null;
  escalatedAt: Date | null;
  decidedAt: Date | null;
  /** Null when nobody decided (yet), or when the lifecycle job decided (`decidedByType` "system"). */
  decidedBy: TimelinePrincipal | null;
  decidedByType: ActorType | null;
  reviewResult: string;
  justification: string;
  approvers: TimelineApprover[];
};

export type TimelineAuditEvent = {
  id: number;
  at: Date;
  actorType: ActorType;
  actorId: string | null;
  /** Null for the system, or when the principal was deleted. */
  actorName: string | null;
  onBehalfOfName: string | null;
  action: string;
  outcome: "success" | "failure";
  detail: string;
};

export type RequestTimeline = {
  request: Omit<AssignmentRequest, "answers" | "schedule"> & {
    answers: StoredAnswer[];
    schedule: { startDateTime: string | null; endDateTime: string | null };
  };
  pkg: { id: string; displayName: string; catalogId: string; catalogName: string };
  policy: { id: string; displayName: string };
  target: TimelinePrincipal;
  /** Null when the requestor was deleted. */
  requestor: TimelinePrincipal | null;
  stages: TimelineStage[];
  assignment: {
    id: string;
    /** The state as it is now: a live assignment past its end shows "expired" before the sweep marks it. */
    state: AssignmentState;
    status: string;
    startDateTime: Date;
    endDateTime: Date | null;
  } | null;
  auditEvents: TimelineAuditEvent[];
};

function asAnswers(value: unknown): StoredAnswer[] {
  if (!Array.isArray(value)) return [];
  return value.filter((a): a is StoredAnswer => !!a && typeof a === "object" && "question" in a && "displayValue" in a);
}

/**
 * A request with everything that happened to it: who asked for whom, each approval stage with its approvers and
 * decision, the delivery outcome, the assignment it produced and the audit events recorded under its id.
 * Visibility is `getRequest`'s: anyone who may not see the request gets "not found".
 */
export async function getRequestTimeline(ctx: Ctx, input: { requestId: string }): Promise<RequestTimeline> {
  const r = await getRequest({ ctx, input });
  const now = nowOf(ctx);

  const [pkgRow] = await ctx.db
    .select({ id: accessPackages.id, displayName: accessPackages.displayName, catalogId: catalogs.id, catalogName: catalogs.displayName })
    .from(accessPackages)
    .innerJoin(catalogs, eq(catalogs.id, accessPackages.catalogId))
    .where(eq(accessPackages.id, r.accessPackageId));
  const [policyRow] = await ctx.db
    .select({ id: assignmentPolicies.id, displayName: assignmentPolicies.displayName })
    .from(assignmentPolicies)
    .where(eq(assignmentPolicies.id, r.assignmentPolicyId));

  const stageRows = await ctx.db.select().from(approvalStages).where(eq(approvalStages.requestId, r.id)).orderBy(asc(approvalStages.stageIndex));
  const approverRows = stageRows.length
    ? await ctx.db
        .select({ stageId: stageApprovers.stageId, kind: stageApprovers.kind, id: principals.id, displayName: principals.displayName, type: principals.type })
        .from(stageApprovers)
        .innerJoin(principals, eq(principals.id, stageApprovers.principalId))
        .where(inArray(stageApprovers.stageId, stageRows.map((s) => s.id)))
        .orderBy(asc(stageApprovers.kind), asc(principals.displayName))
    : [];

  const actor = alias(principals, "actor");
  const onBehalf = alias(principals, "on_behalf");
  const events = await ctx.db
    .select({
      id: auditEvents.id,
      at: auditEvents.at,
      actorType: auditEvents.actorType,
      actorId: auditEvents.actorId,
      actorName: actor.displayName,
      onBehalfOfName: onBehalf.displayName,
      action: auditEvents.action,
      outcome: auditEvents.outcome,
      detail: auditEvents.detail,
    })
    .from(auditEvents)
    .leftJoin(actor, eq(actor.id, auditEvents.actorId))
    .leftJoin(onBehalf, eq(onBehalf.id, auditEvents.onBehalfOfId))
    .where(eq(auditEvents.requestId, r.id))
    .orderBy(asc(auditEvents.at), asc(auditEvents.id));

  const people = [r.targetId, r.requestorId, ...stageRows.map((s) => s.decidedById)].filter((x): x is string => !!x);
  const principalRows = await ctx.db
    .select({ id: principals.id, displayName: principals.displayName, type: principals.type })
    .from(principals)
    .where(inArray(principals.id, [...new Set(people)]));
  const byId = new Map(principalRows.map((p) => [p.id, p]));

  const [a] = r.assignmentId ? await ctx.db.select().from(assignments).where(eq(assignments.id, r.assignmentId)) : [];

  const target = byId.get(r.targetId) ?? { id: r.targetId, displayName: "Deleted principal", type: r.targetType };
  const schedule = (r.schedule ?? {}) as { startDateTime?: string | null; endDateTime?: string | null };
  return {
    request: {
      ...r,
      answers: asAnswers(r.answers),
      schedule: { startDateTime: schedule.startDateTime ?? null, endDateTime: schedule.endDateTime ?? null },
    },
    pkg: pkgRow,
    policy: policyRow ?? { id: r.assignmentPolicyId, displayName: "Deleted policy" },
    target,
    requestor: r.requestorId ? (byId.get(r.requestorId) ?? null) : null,
    stages: stageRows.map((s) => ({
      id: s.id,
      number: s.stageIndex + 1,
      state: s.state,
      startedAt: s.startedAt,
      escalatedAt: s.escalatedAt,
      decidedAt: s.decidedAt,
      decidedBy: s.decidedById ? (byId.get(s.decidedById) ?? null) : null,
      decidedByType: s.decidedByType,
      reviewResult: s.reviewResult,
      justification: s.justification,
      approvers: approverRows.filter((x) => x.stageId === s.id).map((x) => ({ id: x.id, displayName: x.displayName, type: x.type, kind: x.kind })),
    })),
    assignment: a
      ? { id: a.id, state: effectiveAssignmentState(a, now), status: a.status, startDateTime: a.startDateTime, endDateTime: a.endDateTime }
      : null,
    auditEvents: events,
  };
}
