import { alias } from "drizzle-orm/pg-core";
import { and, count, eq, gt, inArray, isNotNull, isNull, lte, not, or, sql, type SQL } from "drizzle-orm";
import { accessPackages, assignments, LIVE_ASSIGNMENT_STATES, principals, type Assignment } from "@/db/schema";
import { perDatabase, prepareSql, rowsOf } from "@/db/prepared";
import { confirmCaller, nowOf, type Ctx } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { assignmentIsActive } from "@/lib/assignments/active";
import { effectiveStateAt } from "@/lib/assignments/effective-state";
import { invalid, notFound } from "@/lib/errors";
import { isUuid } from "@/lib/packages/load";
import { catalogCondition } from "./catalogs";
import { DEFAULT_PAGE_SIZE, parseODataQuery, runODataList, type ODataSpec, type ODataValue } from "./odata";
import { loadRelated } from "./related";

const EM = "identityGovernance/entitlementManagement";

/** Graph's accessPackageAssignment states. Steward's "removed" reads as "expired" (the access has ended); status says "Removed". */
export const GRAPH_ASSIGNMENT_STATES = ["delivering", "partiallyDelivered", "delivered", "expired", "deliveryFailed"] as const;
type GraphAssignmentState = (typeof GRAPH_ASSIGNMENT_STATES)[number];

/** An assignment's Graph state as of now (end and now as epoch milliseconds; null: no end). */
function graphStateAt(state: Assignment["state"], endMs: number | null, nowMs: number): GraphAssignmentState {
  const s = effectiveStateAt(state, endMs, nowMs);
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

/** What Graph's accessPackageAssignment is built from, with the timestamps already in toISOString's format. */
type GraphAssignmentParts = {
  id: string;
  state: Assignment["state"];
  status: string;
  startIso: string;
  endIso: string | null;
  expiredIso: string | null;
  /** The end as epoch milliseconds (null: no end), for the state as of now. */
  endMs: number | null;
};

function graphAssignmentOf(p: GraphAssignmentParts, nowMs: number) {
  const state = graphStateAt(p.state, p.endMs, nowMs);
  return {
    id: p.id,
    state,
    status: p.status || STATUS[p.state === "removed" ? "removed" : state],
    expiredDateTime: p.expiredIso ?? (state === "expired" && p.endIso ? p.endIso : null),
    schedule: {
      startDateTime: p.startIso,
      expiration: p.endIso ? { type: "afterDateTime", endDateTime: p.endIso, duration: null } : { type: "noExpiration", endDateTime: null, duration: null },
    },
  };
}

export function toGraphAssignment(a: AssignmentFields, now: Date) {
  return graphAssignmentOf(
    {
      id: a.id,
      state: a.state,
      status: a.status,
      startIso: a.startDateTime.toISOString(),
      endIso: a.endDateTime?.toISOString() ?? null,
      expiredIso: a.expiredDateTime?.toISOString() ?? null,
      endMs: a.endDateTime?.getTime() ?? null,
    },
    now.getTime(),
  );
}

/** The target's ids, which always come back (as on Graph's list, where target is a small complex value); $expand adds the rest. */
const targetRef = (id: string) => ({ id, objectId: id });

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
      target: expand.has("target") ? t : targetRef(a.targetId),
      ...(expand.has("accessPackage") ? { accessPackage: rel.accessPackage(a.accessPackageId) } : {}),
      ...(expand.has("assignmentPolicy") ? { assignmentPolicy: rel.policy(a.assignmentPolicyId) } : {}),
    };
  });
}

/**
 * A timestamp as PostgreSQL text in Date#toISOString's format (UTC, milliseconds; both truncate microseconds), so the
 * answer needs no Date objects — under Next every `new Date(…)` goes through its clock-tracking wrapper.
 */
const isoText = (column: SQL) => sql`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

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
          a.id, a.state, a.status, a.target_id,
          ${isoText(sql`a.start_date_time`)} as start_iso, ${isoText(sql`a.end_date_time`)} as end_iso, ${isoText(sql`a.expired_date_time`)} as expired_iso,
          floor(extract(epoch from a.end_date_time) * 1000)::float8 as end_ms
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
  target_id: string;
  start_iso: string;
  end_iso: string | null;
  expired_iso: string | null;
  end_ms: number | null;
};

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
  if (mode.kind === "mine" && ctx.actor.id && !q.where && !q.count && q.skip === 0 && q.top === DEFAULT_PAGE_SIZE && !q.ordered && q.expand.size === 0) {
    // An agent's plain "my assignments" call (no filter, order, count, paging or expansion): one prepared query, which
    // also confirms the caller; $select applies to the answer as on the general path.
    const rows = isUuid(ctx.actor.id) ? rowsOf<MyAssignmentRow>(await myAssignments(ctx.db).execute({ me: ctx.actor.id, limit: q.top + 1 })) : [];
    const first = rows[0];
    await confirmCaller(ctx, first ? { id: first.caller_id, type: first.caller_type, displayName: first.caller_name, accountEnabled: first.caller_enabled } : null);
    const nowMs = now.getTime();
    const items: Awaited<ReturnType<typeof present>> = [];
    for (const r of rows) {
      if (r.id === null) continue;
      const graph = graphAssignmentOf({ id: r.id, state: r.state, status: r.status, startIso: r.start_iso, endIso: r.end_iso, expiredIso: r.expired_iso, endMs: r.end_ms }, nowMs);
      items.push({ ...graph, target: targetRef(r.target_id) });
    }
    const more = items.length > q.top;
    const page = { rows: more ? items.slice(0, q.top) : items, total: null, nextSkip: more ? q.top : null };
    return { spec, q, page, items: page.rows };
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
