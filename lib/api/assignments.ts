import { alias } from "drizzle-orm/pg-core";
import { and, count, eq, gt, inArray, isNotNull, isNull, lte, not, or, sql, type SQL } from "drizzle-orm";
import { accessPackages, assignments, LIVE_ASSIGNMENT_STATES, principals, type Assignment } from "@/db/schema";
import { perDatabase, prepareSql, rowsOf } from "@/db/prepared";
import { confirmCaller, nowOf, type Ctx } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { assignmentIsActive } from "@/lib/assignments/active";
import { effectiveAssignmentState } from "@/lib/assignments/effective-state";
import { invalid, notFound } from "@/lib/errors";
import { isUuid } from "@/lib/packages/load";
import { catalogCondition } from "./catalogs";
import { DEFAULT_PAGE_SIZE, parseODataQuery, runODataList, type ODataSpec, type ODataValue } from "./odata";
import { loadRelated } from "./related";

const EM = "identityGovernance/entitlementManagement";

/** Graph's accessPackageAssignment states. Steward's "removed" reads as "expired" (the access has ended); status says "Removed". */
export const GRAPH_ASSIGNMENT_STATES = ["delivering", "partiallyDelivered", "delivered", "expired", "deliveryFailed"] as const;
type GraphAssignmentState = (typeof GRAPH_ASSIGNMENT_STATES)[number];

export function graphAssignmentState(a: Pick<Assignment, "state" | "endDateTime">, now: Date): GraphAssignmentState {
  const s = effectiveAssignmentState(a, now);
  return s === "removed" ? "expired" : s;
}

const STATUS: Record<string, string> = { delivering: "Delivering", partiallyDelivered: "PartiallyDelivered", delivered: "Delivered", expired: "Expired", deliveryFailed: "DeliveryFailed", removed: "Removed" };

/** The SQL for `state eq '<graph state>'`, evaluated as of now (an assignment whose end has passed is expired). */
function stateIs(state: GraphAssignmentState, now: Date): SQL {
  const ended = and(isNotNull(assignments.endDateTime), lte(assignments.endDateTime, now));
  const live = LIVE_ASSIGNMENT_STATES as readonly string[];
  if (state === "expired") return or(inArray(assignments.state, ["expired", "removed"]), and(inArray(assignments.state, [...LIVE_ASSIGNMENT_STATES]), ended))!;
  if (live.includes(state)) return and(eq(assignments.state, state), or(isNull(assignments.endDateTime), gt(assignments.endDateTime, now)))!;
  return eq(assignments.state, state);
}

/** What an assignment's Graph shape (and its expandable references) is built from. */
type AssignmentFields = Pick<Assignment, "id" | "state" | "status" | "startDateTime" | "endDateTime" | "expiredDateTime" | "targetId" | "accessPackageId" | "assignmentPolicyId">;

export function toGraphAssignment(a: AssignmentFields, now: Date) {
  const state = graphAssignmentState(a, now);
  return {
    id: a.id,
    state,
    status: a.status || STATUS[a.state === "removed" ? "removed" : state],
    expiredDateTime: a.expiredDateTime?.toISOString() ?? (state === "expired" && a.endDateTime ? a.endDateTime.toISOString() : null),
    schedule: {
      startDateTime: a.startDateTime.toISOString(),
      expiration: a.endDateTime ? { type: "afterDateTime", endDateTime: a.endDateTime.toISOString(), duration: null } : { type: "noExpiration", endDateTime: null, duration: null },
    },
  };
}

const target = alias(principals, "target");

export function assignmentSpec(now: Date): ODataSpec {
  return {
    entitySet: `${EM}/assignments`,
    fields: {
      id: { type: "guid", column: assignments.id },
      state: {
        type: { enum: GRAPH_ASSIGNMENT_STATES },
        column: assignments.state,
        sort: true,
        compare: (op, v: ODataValue) => (op === "eq" ? stateIs(v as GraphAssignmentState, now) : not(stateIs(v as GraphAssignmentState, now))),
      },
      status: { type: "string", column: assignments.status },
      "accessPackage/id": { type: "guid", column: assignments.accessPackageId },
      "accessPackage/displayName": { type: "string", column: accessPackages.displayName, sort: true },
      "accessPackage/catalog/id": { type: "guid", column: accessPackages.catalogId },
      "assignmentPolicy/id": { type: "guid", column: assignments.assignmentPolicyId },
      "target/objectId": { type: "guid", column: assignments.targetId },
      "target/id": { type: "guid", column: assignments.targetId },
      "target/displayName": { type: "string", column: target.displayName, sort: true },
      "target/email": { type: "string", column: target.mail, nullable: true },
      "schedule/startDateTime": { type: "datetime", column: assignments.startDateTime, sort: true },
      "schedule/expiration/endDateTime": { type: "datetime", column: assignments.endDateTime, sort: true, nullable: true },
      expiredDateTime: { type: "datetime", column: assignments.expiredDateTime, sort: true, nullable: true },
    },
    select: ["id", "state", "status", "expiredDateTime", "schedule"],
    expand: ["target", "accessPackage", "assignmentPolicy"],
    defaultOrderBy: [{ field: "schedule/startDateTime", desc: true }],
    key: assignments.id,
  };
}

async function present(ctx: Ctx, rows: AssignmentFields[], expand: Set<string>, now: Date) {
  const rel = await loadRelated(ctx.db, {
    principals: expand.has("target") ? rows.map((r) => r.targetId) : [],
    packages: expand.has("accessPackage") ? rows.map((r) => r.accessPackageId) : [],
    policies: expand.has("assignmentPolicy") ? rows.map((r) => r.assignmentPolicyId) : [],
  });
  return rows.map((a) => {
    const t = rel.subject(a.targetId);
    return {
      ...toGraphAssignment(a, now),
      // The target's ids always come back (as on Graph's list, where target is a small complex value); $expand adds the rest.
      target: expand.has("target") ? t : { id: a.targetId, objectId: a.targetId },
      ...(expand.has("accessPackage") ? { accessPackage: rel.accessPackage(a.accessPackageId) } : {}),
      ...(expand.has("assignmentPolicy") ? { assignmentPolicy: rel.policy(a.assignmentPolicyId) } : {}),
    };
  });
}

/**
 * The caller's assignments in the default order (the spec's: start descending, then id), each row carrying the
 * caller's own principal row (one row with no assignment when there is none), so the API edge need not read the
 * caller separately (ctx.caller). Only the columns the answer is built from; the general query's joins are left out
 * (an assignment's package and target always exist, and nothing here filters or sorts on them). Hand-written and
 * prepared per database, and its rows mapped here rather than by drizzle: this is the most frequent call an agent
 * makes, and drizzle's per-field row mapping cost more than the query.
 */
const myAssignments = perDatabase((db) =>
  prepareSql(
    db,
    "steward_my_assignments",
    sql`select p.id as caller_id, p.type as caller_type, p.display_name as caller_name, p.account_enabled as caller_enabled,
          a.id, a.state, a.status, a.start_date_time, a.end_date_time, a.expired_date_time, a.target_id, a.access_package_id, a.assignment_policy_id
        from principals p left join assignments a on a.target_id = p.id
        where p.id = ${sql.placeholder("me")}::uuid
        order by a.start_date_time desc, a.id asc
        limit ${sql.placeholder("limit")}::int`,
  ),
);

type MyAssignmentRow = {
  caller_id: string;
  caller_type: string;
  caller_name: string;
  caller_enabled: boolean;
  id: string | null;
  state: Assignment["state"];
  status: string;
  /** Timestamps come as PostgreSQL's text (the driver's date parsing is off, as for drizzle). */
  start_date_time: string;
  end_date_time: string | null;
  expired_date_time: string | null;
  target_id: string;
  access_package_id: string;
  assignment_policy_id: string;
};

const dateOf = (s: string | null) => (s === null ? null : new Date(s));

export type AssignmentListMode =
  | { kind: "all" }
  | { kind: "mine" }
  /** Graph's additionalAccess: assignments of `accessPackageId` whose targets also hold `incompatibleAccessPackageId`. */
  | { kind: "additionalAccess"; accessPackageId: string; incompatibleAccessPackageId: string };

/**
 * Lists assignments with OData. "all" and "additionalAccess" need assignments.read (tenant-wide or in a catalog; only
 * those catalogs are listed); "mine" is the caller's own assignments and needs no grant.
 */
export async function listGraphAssignments(ctx: Ctx, url: string, mode: AssignmentListMode) {
  const now = nowOf(ctx);
  const spec = assignmentSpec(now);
  const q = parseODataQuery(url, spec);
  let base: SQL | undefined;
  if (mode.kind === "mine") {
    base = ctx.actor.id ? eq(assignments.targetId, ctx.actor.id) : sql`false`;
  } else {
    base = await catalogCondition(ctx, "assignments.read", accessPackages.catalogId);
    if (mode.kind === "additionalAccess") {
      for (const [k, v] of Object.entries(mode)) if (k !== "kind" && !isUuid(v)) throw invalid(`additionalAccess: ${k} must be the id of an access package.`);
      const other = alias(assignments, "other");
      const holdsOther = ctx.db
        .select({ id: other.targetId })
        .from(other)
        .where(
          and(
            eq(other.accessPackageId, mode.incompatibleAccessPackageId),
            inArray(other.state, [...LIVE_ASSIGNMENT_STATES]),
            or(isNull(other.endDateTime), gt(other.endDateTime, now)),
          ),
        );
      base = and(base, eq(assignments.accessPackageId, mode.accessPackageId), assignmentIsActive(now), inArray(assignments.targetId, holdsOther));
    }
  }
  const from = () => ctx.db.select({ a: assignments }).from(assignments).innerJoin(accessPackages, eq(accessPackages.id, assignments.accessPackageId)).innerJoin(target, eq(target.id, assignments.targetId));
  if (mode.kind === "mine" && ctx.actor.id && !q.where && !q.count && q.skip === 0 && q.top === DEFAULT_PAGE_SIZE && !q.ordered) {
    // An agent's plain "my assignments" call (no filter, order, count or paging): the same query, prepared once,
    // which also confirms the caller.
    const rows = isUuid(ctx.actor.id) ? rowsOf<MyAssignmentRow>(await myAssignments(ctx.db).execute({ me: ctx.actor.id, limit: q.top + 1 })) : [];
    const first = rows[0];
    await confirmCaller(ctx, first ? { id: first.caller_id, type: first.caller_type, displayName: first.caller_name, accountEnabled: first.caller_enabled } : null);
    const fetched: AssignmentFields[] = [];
    for (const r of rows) {
      if (r.id === null) continue;
      fetched.push({
        id: r.id,
        state: r.state,
        status: r.status,
        startDateTime: new Date(r.start_date_time),
        endDateTime: dateOf(r.end_date_time),
        expiredDateTime: dateOf(r.expired_date_time),
        targetId: r.target_id,
        accessPackageId: r.access_package_id,
        assignmentPolicyId: r.assignment_policy_id,
      });
    }
    const more = fetched.length > q.top;
    const page = { rows: more ? fetched.slice(0, q.top) : fetched, total: null, nextSkip: more ? q.top : null };
    return { spec, q, page, items: await present(ctx, page.rows, q.expand, now) };
  }
  const page = await runODataList(q, base, {
    rows: async ({ where, orderBy, limit, offset }) => (await from().where(where).orderBy(...orderBy).limit(limit).offset(offset)).map((r) => r.a),
    count: async (where) =>
      Number(
        (
          await ctx.db
            .select({ n: count() })
            .from(assignments)
            .innerJoin(accessPackages, eq(accessPackages.id, assignments.accessPackageId))
            .innerJoin(target, eq(target.id, assignments.targetId))
            .where(where)
        )[0]?.n ?? 0,
      ),
  });
  return { spec, q, page, items: await present(ctx, page.rows, q.expand, now) };
}

/** One assignment, for its target or a reader of its catalog; anyone else gets 404 so ids cannot be probed. */
export async function getGraphAssignment(ctx: Ctx, id: string, expand: Set<string>) {
  const missing = notFound(`No assignment with id ${id}.`);
  if (!isUuid(id)) throw missing;
  const [row] = await ctx.db.select({ a: assignments, catalogId: accessPackages.catalogId }).from(assignments).innerJoin(accessPackages, eq(accessPackages.id, assignments.accessPackageId)).where(eq(assignments.id, id));
  if (!row) throw missing;
  if (row.a.targetId !== ctx.actor.id && !(await can(ctx, "assignments.read", { catalogId: row.catalogId }))) throw missing;
  const [item] = await present(ctx, [row.a], expand, nowOf(ctx));
  return item;
}

export const assignmentRoutes = [
  { method: "GET", path: `/${EM}/assignments`, summary: "List assignments", odata: assignmentSpec(new Date(0)) },
  { method: "GET", path: `/${EM}/assignments/{id}`, summary: "Get an assignment" },
  { method: "GET", path: `/${EM}/assignments/filterByCurrentUser(on='target')`, summary: "The caller's own assignments", odata: assignmentSpec(new Date(0)) },
  { method: "GET", path: `/${EM}/assignments/additionalAccess(accessPackageId='{id}',incompatibleAccessPackageId='{id}')`, summary: "Assignments of a package whose targets also hold an incompatible one", odata: assignmentSpec(new Date(0)) },
  { method: "POST", path: `/${EM}/assignments/{id}/reprocess`, summary: "Reprocess a partially delivered or failed assignment", status: 202 },
] as const;
