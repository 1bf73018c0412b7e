import { and, count, desc, eq, inArray, ne, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { auditEvents, catalogs, resourceOriginSystem, resources, type AuditEvent } from "@/db/schema";
import type { Ctx } from "@/lib/auth/actor";
import { addResourceToCatalog } from "@/lib/catalogs/add-resource";
import { removeResourceFromCatalog } from "@/lib/catalogs/remove-resource";
import { parseInput } from "@/lib/errors";
import { catalogCondition, toGraphCatalog } from "./catalogs";
import { runODataList, type ODataQuery, type ODataSpec } from "./odata";

/**
 * Graph's accessPackageResourceRequest, without a table of its own: Steward adds or removes the resource at once, so
 * every request is "delivered" when answered, and the request *is* the audit event that recorded it. Its id is that
 * audit event's id; listing resourceRequests lists those audit events (resource.add / resource.remove, successful).
 */

/** POST …/resourceRequests. */
export const createResourceRequestBody = z.object({
  requestType: z.enum(["adminAdd", "adminRemove"], { message: "requestType must be adminAdd or adminRemove" }),
  resource: z.object(
    {
      originId: z.uuid("resource.originId must be the id of the directory object"),
      originSystem: z.enum(resourceOriginSystem.enumValues, { message: `resource.originSystem must be one of ${resourceOriginSystem.enumValues.join(", ")}` }),
    },
    { message: "resource is required: { originId, originSystem }" },
  ),
  catalog: z.object({ id: z.uuid("catalog.id must be the id of a catalog") }, { message: "catalog is required: { id }" }),
  justification: z.string().max(4000).optional(),
});

const ACTIONS = { adminAdd: "resource.add", adminRemove: "resource.remove" } as const;

type Snapshot = { resourceId?: string; displayName?: string; originSystem?: string; originId?: string };

function toGraphResourceRequest(e: AuditEvent, expand: Set<string>, extra: { catalog?: Parameters<typeof toGraphCatalog>[0]; originId?: string | null; description?: string }) {
  const snap = ((e.action === "resource.add" ? e.after : e.before) ?? {}) as Snapshot;
  return {
    id: String(e.id),
    requestType: e.action === "resource.add" ? "adminAdd" : "adminRemove",
    state: "delivered",
    createdDateTime: e.at.toISOString(),
    ...(expand.has("catalog") ? { catalog: extra.catalog ? toGraphCatalog(extra.catalog) : { id: e.targetId } } : {}),
    ...(expand.has("resource")
      ? {
          resource: {
            id: snap.resourceId ?? null,
            displayName: snap.displayName ?? null,
            description: extra.description ?? "",
            originSystem: snap.originSystem ?? null,
            originId: snap.originId ?? extra.originId ?? null,
            attributes: [],
          },
        }
      : {}),
  };
}

async function present(ctx: Ctx, rows: AuditEvent[], expand: Set<string>) {
  const catalogIds = [...new Set(rows.map((r) => r.targetId))];
  const cats = expand.has("catalog") && catalogIds.length ? await ctx.db.select().from(catalogs).where(inArray(catalogs.id, catalogIds)) : [];
  const resourceIds = rows.map((r) => ((r.after ?? r.before ?? {}) as Snapshot).resourceId).filter((x): x is string => !!x && /^[0-9a-f-]{36}$/i.test(x));
  const res = expand.has("resource") && resourceIds.length ? await ctx.db.select().from(resources).where(inArray(resources.id, resourceIds)) : [];
  return rows.map((e) => {
    const snap = ((e.after ?? e.before ?? {}) as Snapshot).resourceId;
    const r = res.find((x) => x.id === snap);
    return toGraphResourceRequest(e, expand, { catalog: cats.find((c) => c.id === e.targetId), originId: r?.originId, description: r?.description });
  });
}

/** Adds (adminAdd) or removes (adminRemove) a directory object in a catalog; answers the request, delivered. */
export async function submitResourceRequest(ctx: Ctx, body: unknown) {
  const b = parseInput(createResourceRequestBody, body);
  const input = { catalogId: b.catalog.id, originSystem: b.resource.originSystem, originId: b.resource.originId };
  const resourceId = b.requestType === "adminAdd" ? (await addResourceToCatalog({ ctx, input })).id : (await removeResourceFromCatalog({ ctx, input })).id;
  const snapshot = b.requestType === "adminAdd" ? auditEvents.after : auditEvents.before;
  const [event] = await ctx.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.action, ACTIONS[b.requestType]), eq(auditEvents.outcome, "success"), eq(auditEvents.targetId, b.catalog.id), sql`${snapshot}->>'resourceId' = ${resourceId}`))
    .orderBy(desc(auditEvents.id))
    .limit(1);
  const [item] = await present(ctx, [event], new Set(["catalog", "resource"]));
  return item;
}

const resourceIdOf = sql`coalesce(${auditEvents.after}->>'resourceId', ${auditEvents.before}->>'resourceId')`;
/** Compares as text: audit target ids are text, and a uuid cast could fail on other events' ids. */
const textEq = (column: SQL) => (op: "eq" | "ne", v: unknown) => (op === "eq" ? sql`${column} = ${String(v)}` : sql`${column} <> ${String(v)}`);
const targetIdText = sql`${auditEvents.targetId}`;

export const resourceRequestSpec: ODataSpec = {
  entitySet: "identityGovernance/entitlementManagement/resourceRequests",
  fields: {
    id: { type: "string", column: sql`${auditEvents.id}::text` },
    requestType: {
      type: { enum: ["adminAdd", "adminRemove"] },
      column: auditEvents.action,
      compare: (op, v) => (op === "eq" ? eq(auditEvents.action, ACTIONS[v as keyof typeof ACTIONS]) : ne(auditEvents.action, ACTIONS[v as keyof typeof ACTIONS])),
    },
    state: { type: { enum: ["delivered"] }, column: sql`'delivered'`, compare: (op) => (op === "eq" ? sql`true` : sql`false`) },
    "catalog/id": { type: "guid", column: targetIdText, compare: textEq(targetIdText) },
    "resource/id": { type: "guid", column: resourceIdOf, compare: textEq(resourceIdOf) },
    createdDateTime: { type: "datetime", column: auditEvents.at, sort: true },
  },
  select: ["id", "requestType", "state", "createdDateTime"],
  expand: ["catalog", "resource"],
  defaultOrderBy: [{ field: "createdDateTime", desc: true }],
  key: auditEvents.id,
};

/** GET …/resourceRequests: resource additions and removals in the catalogs the caller may read. */
export async function listGraphResourceRequests(ctx: Ctx, q: ODataQuery) {
  const visible = await catalogCondition(ctx, "catalogs.read", auditEvents.targetId);
  const base = and(inArray(auditEvents.action, Object.values(ACTIONS)), eq(auditEvents.outcome, "success"), visible);
  const page = await runODataList(q, base, {
    rows: ({ where, orderBy, limit, offset }) => ctx.db.select().from(auditEvents).where(where).orderBy(...orderBy).limit(limit).offset(offset),
    count: async (where) => Number((await ctx.db.select({ n: count() }).from(auditEvents).where(where))[0]?.n ?? 0),
  });
  return { page, items: await present(ctx, page.rows, q.expand) };
}

export const resourceRequestRoutes = [
  { method: "GET", path: "/identityGovernance/entitlementManagement/resourceRequests", summary: "List resource requests", odata: resourceRequestSpec },
  { method: "POST", path: "/identityGovernance/entitlementManagement/resourceRequests", summary: "Add or remove a catalog resource", body: createResourceRequestBody, status: 201 },
] as const;
