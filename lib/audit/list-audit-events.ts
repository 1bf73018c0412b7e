import { alias } from "drizzle-orm/pg-core";
import { and, count, desc, eq, gte, ilike, inArray, lt, or, type SQL } from "drizzle-orm";
import { z } from "zod";
import {
  accessPackages,
  assignmentPolicies,
  assignmentRequests,
  assignments,
  auditEvents,
  auditOutcome,
  catalogs,
  principals,
  type ActorType,
} from "@/db/schema";
import type { Ctx } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { isUuid } from "@/lib/packages/load";
import { containsPattern } from "@/lib/text/search";
import { pageOf } from "@/lib/paging";

export type AuditEventRow = {
  id: number;
  at: Date;
  actorType: ActorType;
  actorId: string | null;
  /** Null for the system job, or when the principal was deleted. */
  actorName: string | null;
  onBehalfOfId: string | null;
  onBehalfOfName: string | null;
  action: string;
  targetType: string;
  targetId: string;
  /** A readable name for the target where it still exists ("Support Ticket Triage for Ticket Triage Agent"). */
  targetName: string | null;
  requestId: string | null;
  outcome: "success" | "failure";
  detail: string;
  before: unknown;
  after: unknown;
};

/** `actorId` is a principal's id, or "system" for the lifecycle job. */
export const SYSTEM_ACTOR_FILTER = "system";

const one = (v: unknown) => (Array.isArray(v) ? v[0] : v) || undefined;
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)));

/** The log's filters as they arrive in a URL; a value that is not valid is ignored rather than refused. */
export const auditFiltersSchema = z.object({
  action: z.preprocess(one, z.string().max(100).optional()).catch(undefined),
  actorId: z.preprocess(one, z.union([z.uuid(), z.literal(SYSTEM_ACTOR_FILTER)]).optional()).catch(undefined),
  outcome: z.preprocess(one, z.enum(auditOutcome.enumValues).optional()).catch(undefined),
  /** The kind of object acted on ("catalog", "principal", "assignmentRequest", …) and, optionally, its id. */
  targetType: z.preprocess(one, z.string().regex(/^[A-Za-z]{1,40}$/).optional()).catch(undefined),
  targetId: z.preprocess(one, z.string().trim().max(100).optional()).catch(undefined),
  /** UTC days, inclusive: `from` 2026-05-01 and `to` 2026-05-31 is the whole of May. */
  from: z.preprocess(one, day.optional()).catch(undefined),
  to: z.preprocess(one, day.optional()).catch(undefined),
  q: z.preprocess(one, z.string().transform((s) => s.trim().slice(0, 200) || undefined).optional()).catch(undefined),
});
export type AuditFilters = z.infer<typeof auditFiltersSchema>;

export function auditFiltersFrom(searchParams: Record<string, string | string[] | undefined>): AuditFilters {
  return auditFiltersSchema.parse(searchParams);
}

export type AuditEventList = {
  rows: AuditEventRow[];
  total: number;
  page: number;
  pageSize: number;
  /** False without "audit.read" (Identity Governance Administrators only); the list is then empty. */
  allowed: boolean;
  /** The actor named by the `actorId` filter, for showing it. */
  actorFilter: { id: string; displayName: string } | null;
};

/** Names for the targets of one page of events, looked up per target type; ids that no longer exist stay unnamed. */
async function targetNames(ctx: Ctx, rows: { targetType: string; targetId: string }[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  const idsOf = (type: string) => [...new Set(rows.filter((r) => r.targetType === type && isUuid(r.targetId)).map((r) => r.targetId))];
  const key = (type: string, id: string) => `${type}:${id}`;
  const target = alias(principals, "target");

  const principalIds = idsOf("principal");
  const catalogIds = idsOf("catalog");
  const packageIds = idsOf("accessPackage");
  const policyIds = idsOf("assignmentPolicy");
  const requestIds = idsOf("assignmentRequest");
  const assignmentIds = idsOf("assignment");
  const [ps, cs, aps, pols, reqs, as] = await Promise.all([
    principalIds.length ? ctx.db.select({ id: principals.id, name: principals.displayName }).from(principals).where(inArray(principals.id, principalIds)) : [],
    catalogIds.length ? ctx.db.select({ id: catalogs.id, name: catalogs.displayName }).from(catalogs).where(inArray(catalogs.id, catalogIds)) : [],
    packageIds.length ? ctx.db.select({ id: accessPackages.id, name: accessPackages.displayName }).from(accessPackages).where(inArray(accessPackages.id, packageIds)) : [],
    policyIds.length
      ? ctx.db
          .select({ id: assignmentPolicies.id, name: assignmentPolicies.displayName, pkg: accessPackages.displayName })
          .from(assignmentPolicies)
          .innerJoin(accessPackages, eq(accessPackages.id, assignmentPolicies.accessPackageId))
          .where(inArray(assignmentPolicies.id, policyIds))
      : [],
    requestIds.length
      ? ctx.db
          .select({ id: assignmentRequests.id, pkg: accessPackages.displayName, target: target.displayName })
          .from(assignmentRequests)
          .innerJoin(accessPackages, eq(accessPackages.id, assignmentRequests.accessPackageId))
          .innerJoin(target, eq(target.id, assignmentRequests.targetId))
          .where(inArray(assignmentRequests.id, requestIds))
      : [],
    assignmentIds.length
      ? ctx.db
          .select({ id: assignments.id, pkg: accessPackages.displayName, target: target.displayName })
          .from(assignments)
          .innerJoin(accessPackages, eq(accessPackages.id, assignments.accessPackageId))
          .innerJoin(target, eq(target.id, assignments.targetId))
          .where(inArray(assignments.id, assignmentIds))
      : [],
  ]);
  for (const r of ps) names.set(key("principal", r.id), r.name);
  for (const r of cs) names.set(key("catalog", r.id), r.name);
  for (const r of aps) names.set(key("accessPackage", r.id), r.name);
  for (const r of pols) names.set(key("assignmentPolicy", r.id), `${r.name} (${r.pkg})`);
  for (const r of reqs) names.set(key("assignmentRequest", r.id), `${r.pkg} for ${r.target}`);
  for (const r of as) names.set(key("assignment", r.id), `${r.pkg} for ${r.target}`);
  return names;
}

/**
 * The audit log, newest first: who did what to which object, for whom, and whether it was allowed.
 * Identity Governance Administrators only ("audit.read"); anyone else gets an empty list with `allowed: false`.
 */
export async function listAuditEvents(ctx: Ctx, params: AuditFilters & { page?: number; pageSize?: number } = {}): Promise<AuditEventList> {
  const { page, pageSize } = pageOf(params, 50);
  if (!(await can(ctx, "audit.read"))) return { rows: [], total: 0, page, pageSize, allowed: false, actorFilter: null };

  const actor = alias(principals, "actor");
  const onBehalf = alias(principals, "on_behalf");
  const conds: SQL[] = [];
  if (params.action) conds.push(eq(auditEvents.action, params.action));
  if (params.actorId === SYSTEM_ACTOR_FILTER) conds.push(eq(auditEvents.actorType, "system"));
  else if (params.actorId) conds.push(eq(auditEvents.actorId, params.actorId));
  if (params.outcome) conds.push(eq(auditEvents.outcome, params.outcome));
  if (params.targetType) conds.push(eq(auditEvents.targetType, params.targetType));
  if (params.targetId) conds.push(eq(auditEvents.targetId, params.targetId));
  if (params.from) conds.push(gte(auditEvents.at, new Date(`${params.from}T00:00:00Z`)));
  if (params.to) conds.push(lt(auditEvents.at, new Date(Date.parse(`${params.to}T00:00:00Z`) + 24 * 60 * 60 * 1000)));
  const q = params.q?.trim();
  if (q) {
    const pattern = containsPattern(q);
    conds.push(
      or(
        ilike(auditEvents.action, pattern),
        ilike(auditEvents.detail, pattern),
        ilike(auditEvents.targetId, pattern),
        ilike(actor.displayName, pattern),
        ilike(onBehalf.displayName, pattern),
      )!,
    );
  }
  const where = conds.length ? and(...conds) : undefined;

  const [{ total }] = await ctx.db
    .select({ total: count() })
    .from(auditEvents)
    .leftJoin(actor, eq(actor.id, auditEvents.actorId))
    .leftJoin(onBehalf, eq(onBehalf.id, auditEvents.onBehalfOfId))
    .where(where);
  const rows = await ctx.db
    .select({
      id: auditEvents.id,
      at: auditEvents.at,
      actorType: auditEvents.actorType,
      actorId: auditEvents.actorId,
      actorName: actor.displayName,
      onBehalfOfId: auditEvents.onBehalfOfId,
      onBehalfOfName: onBehalf.displayName,
      action: auditEvents.action,
      targetType: auditEvents.targetType,
      targetId: auditEvents.targetId,
      requestId: auditEvents.requestId,
      outcome: auditEvents.outcome,
      detail: auditEvents.detail,
      before: auditEvents.before,
      after: auditEvents.after,
    })
    .from(auditEvents)
    .leftJoin(actor, eq(actor.id, auditEvents.actorId))
    .leftJoin(onBehalf, eq(onBehalf.id, auditEvents.onBehalfOfId))
    .where(where)
    .orderBy(desc(auditEvents.at), desc(auditEvents.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);

  const names = await targetNames(ctx, rows);
  let actorFilter: AuditEventList["actorFilter"] = null;
  if (params.actorId === SYSTEM_ACTOR_FILTER) actorFilter = { id: SYSTEM_ACTOR_FILTER, displayName: "Steward lifecycle job" };
  else if (params.actorId) {
    const [p] = await ctx.db.select({ id: principals.id, displayName: principals.displayName }).from(principals).where(eq(principals.id, params.actorId));
    actorFilter = p ?? { id: params.actorId, displayName: "Deleted principal" };
  }
  return {
    rows: rows.map((r) => ({ ...r, targetName: names.get(`${r.targetType}:${r.targetId}`) ?? null })),
    total: Number(total),
    page,
    pageSize,
    allowed: true,
    actorFilter,
  };
}
