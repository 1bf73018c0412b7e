import { and, asc, count, desc, eq, gt, ilike, inArray, isNotNull, isNull, lte, or, type SQL } from "drizzle-orm";
import { z } from "zod";
import {
  accessPackages,
  assignmentPolicies,
  assignmentRequests,
  assignments,
  assignmentState,
  catalogs,
  LIVE_ASSIGNMENT_STATES,
  principals,
  principalType,
  type ActorType,
  type AssignmentState,
  type PrincipalType,
  type RequestType,
} from "@/db/schema";
import { nowOf, type Ctx } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { visibleCatalogs } from "@/lib/catalogs/visible-catalogs";
import { assignmentIsActive } from "./active";
import { effectiveAssignmentState } from "./effective-state";
import { containsPattern } from "@/lib/text/search";
import { pageOf } from "@/lib/paging";

export type AssignmentListRow = {
  id: string;
  targetId: string;
  targetName: string;
  targetType: PrincipalType;
  accessPackageId: string;
  packageName: string;
  catalogId: string;
  catalogName: string;
  policyId: string;
  policyName: string;
  /** As it is now: a live assignment whose end has passed is "expired" even before the sweep marks it. */
  state: AssignmentState;
  startDateTime: Date;
  endDateTime: Date | null;
  /** How the access was obtained, from the request that created the assignment; null when no request is recorded. */
  pathway: string | null;
  /** The request that created the assignment. */
  originRequestId: string | null;
  /** The actor may remove it (assignment manager of its catalog) and it is still held. */
  canRemove: boolean;
};

export const ASSIGNMENT_SORTS = ["targetName", "packageName", "state", "startDateTime", "endDateTime"] as const;
export type AssignmentSortId = (typeof ASSIGNMENT_SORTS)[number];
export type AssignmentSort = { id: AssignmentSortId; desc: boolean };

/** "active" is every assignment held right now, whatever its live state; the others are states as shown. */
export const ASSIGNMENT_STATE_FILTERS = ["active", ...assignmentState.enumValues] as const;
export type AssignmentStateFilter = (typeof ASSIGNMENT_STATE_FILTERS)[number];

/** The first value of a query parameter; empty means "not set". */
const one = (v: unknown) => (Array.isArray(v) ? v[0] : v) || undefined;

/** The list's filters as they arrive in a URL; a value that is not valid is ignored rather than refused. */
export const assignmentFiltersSchema = z.object({
  state: z.preprocess(one, z.enum(ASSIGNMENT_STATE_FILTERS).optional()).catch(undefined),
  accessPackageId: z.preprocess(one, z.uuid().optional()).catch(undefined),
  targetType: z.preprocess(one, z.enum(principalType.enumValues).optional()).catch(undefined),
  q: z.preprocess(one, z.string().transform((s) => s.trim().slice(0, 200) || undefined).optional()).catch(undefined),
});
export type AssignmentFilters = z.infer<typeof assignmentFiltersSchema>;

export function assignmentFiltersFrom(searchParams: Record<string, string | string[] | undefined>): AssignmentFilters {
  return assignmentFiltersSchema.parse(searchParams);
}

export type ListAssignmentsParams = AssignmentFilters & { page?: number; pageSize?: number; sort?: AssignmentSort | null };

export type AssignmentList = {
  rows: AssignmentListRow[];
  total: number;
  page: number;
  pageSize: number;
  /** False when the actor may not read assignments in any catalog (the list is then empty). */
  allowed: boolean;
};

/** The request pathways (DOMAIN.md §3), named from the request that created an assignment. */
export function pathwayOf(requestType: RequestType, requestorType: ActorType): string {
  switch (requestType) {
    case "adminAdd":
      return "Admin direct";
    case "onBehalfAdd":
      return "On behalf";
    case "systemAdd":
      return "Automatic";
    case "userAdd":
      return requestorType === "user" ? "Self" : requestorType === "servicePrincipal" ? "Service principal (self)" : "Agent (self)";
    default:
      return "Other";
  }
}

function stateCondition(state: AssignmentStateFilter, now: Date): SQL {
  const live = LIVE_ASSIGNMENT_STATES as readonly string[];
  if (state === "active") return assignmentIsActive(now);
  if (state === "expired") {
    return or(
      eq(assignments.state, "expired"),
      and(inArray(assignments.state, [...LIVE_ASSIGNMENT_STATES]), isNotNull(assignments.endDateTime), lte(assignments.endDateTime, now)),
    )!;
  }
  if (live.includes(state)) return and(eq(assignments.state, state), or(isNull(assignments.endDateTime), gt(assignments.endDateTime, now)))!;
  return eq(assignments.state, state);
}

/**
 * Assignments in the admin center, with the same visibility as requests: all of them for an Identity Governance
 * Administrator, otherwise those in catalogs where the actor holds a catalog role; nobody else sees any.
 */
export async function listAssignments(ctx: Ctx, params: ListAssignmentsParams = {}): Promise<AssignmentList> {
  const { page, pageSize } = pageOf(params, 25);
  const scope = await visibleCatalogs(ctx, "assignments.read");
  if (!scope.all && scope.catalogIds.length === 0) return { rows: [], total: 0, page, pageSize, allowed: false };
  const now = nowOf(ctx);

  // Every filter is a condition on the assignments row itself (joined tables through semi-joins on small
  // tables), so the count reads one table through an index and the page query joins only its 25 rows.
  const packagesWhere = (cond: SQL) => inArray(assignments.accessPackageId, ctx.db.select({ id: accessPackages.id }).from(accessPackages).where(cond));
  const targetsWhere = (cond: SQL) => inArray(assignments.targetId, ctx.db.select({ id: principals.id }).from(principals).where(cond));
  const conds: SQL[] = [];
  if (!scope.all) conds.push(packagesWhere(inArray(accessPackages.catalogId, scope.catalogIds)));
  if (params.state) conds.push(stateCondition(params.state, now));
  if (params.accessPackageId) conds.push(eq(assignments.accessPackageId, params.accessPackageId));
  if (params.targetType) conds.push(targetsWhere(eq(principals.type, params.targetType)));
  const q = params.q?.trim();
  if (q) conds.push(or(targetsWhere(ilike(principals.displayName, containsPattern(q))), packagesWhere(ilike(accessPackages.displayName, containsPattern(q))))!);
  const where = conds.length ? and(...conds) : undefined;

  const totalQuery = ctx.db.select({ total: count() }).from(assignments).where(where);

  const dir = params.sort?.desc === false ? asc : desc;
  const sortId = params.sort?.id ?? "startDateTime";
  const column = {
    targetName: principals.displayName,
    packageName: accessPackages.displayName,
    state: assignments.state,
    startDateTime: assignments.startDateTime,
    endDateTime: assignments.endDateTime,
  }[sortId];

  const rowsQuery = ctx.db
    .select({
      id: assignments.id,
      targetId: assignments.targetId,
      targetName: principals.displayName,
      targetType: principals.type,
      accessPackageId: assignments.accessPackageId,
      packageName: accessPackages.displayName,
      catalogId: catalogs.id,
      catalogName: catalogs.displayName,
      policyId: assignmentPolicies.id,
      policyName: assignmentPolicies.displayName,
      state: assignments.state,
      startDateTime: assignments.startDateTime,
      endDateTime: assignments.endDateTime,
    })
    .from(assignments)
    .innerJoin(accessPackages, eq(accessPackages.id, assignments.accessPackageId))
    .innerJoin(catalogs, eq(catalogs.id, accessPackages.catalogId))
    .innerJoin(assignmentPolicies, eq(assignmentPolicies.id, assignments.assignmentPolicyId))
    .innerJoin(principals, eq(principals.id, assignments.targetId))
    .where(where)
    .orderBy(dir(column), desc(assignments.startDateTime), desc(assignments.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  const [[{ total }], rows] = await Promise.all([totalQuery, rowsQuery]);

  const ids = rows.map((r) => r.id);
  const catalogIds = [...new Set(rows.map((r) => r.catalogId))];
  // The earliest request naming an assignment is the one that created it (later ones extend or remove it).
  const [origins, manages] = await Promise.all([
    ids.length
      ? ctx.db
          .select({ id: assignmentRequests.id, assignmentId: assignmentRequests.assignmentId, requestType: assignmentRequests.requestType, requestorType: assignmentRequests.requestorType })
          .from(assignmentRequests)
          .where(inArray(assignmentRequests.assignmentId, ids))
          .orderBy(asc(assignmentRequests.createdAt), asc(assignmentRequests.id))
      : [],
    Promise.all(catalogIds.map(async (id) => [id, await can(ctx, "assignments.manage", { catalogId: id })] as const)).then((pairs) => new Map(pairs)),
  ]);
  const originOf = new Map<string, (typeof origins)[number]>();
  for (const o of origins) if (o.assignmentId && !originOf.has(o.assignmentId)) originOf.set(o.assignmentId, o);

  return {
    rows: rows.map((r) => {
      const state = effectiveAssignmentState(r, now);
      const origin = originOf.get(r.id);
      return {
        ...r,
        state,
        pathway: origin ? pathwayOf(origin.requestType, origin.requestorType) : null,
        originRequestId: origin?.id ?? null,
        canRemove: (manages.get(r.catalogId) ?? false) && (LIVE_ASSIGNMENT_STATES as readonly string[]).includes(state),
      };
    }),
    total: Number(total),
    page,
    pageSize,
    allowed: true,
  };
}
