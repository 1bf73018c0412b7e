import { and, count, eq, inArray, sql, type AnyColumn, type SQL } from "drizzle-orm";
import { z } from "zod";
import { accessPackages, catalogs, catalogState, resourceOriginSystem, resourceRoles, resources, type AccessPackage, type Catalog, type Resource, type ResourceRole } from "@/db/schema";
import type { Ctx } from "@/lib/auth/actor";
import { requirePermission, type Action } from "@/lib/auth/permissions";
import { visibleCatalogs } from "@/lib/catalogs/visible-catalogs";
import { createCatalogInput } from "@/lib/catalogs/create-catalog";
import { updateCatalogInput } from "@/lib/catalogs/update-catalog";
import { forbidden, notFound } from "@/lib/errors";
import { isUuid } from "@/lib/packages/load";
import { runODataList, type ODataPage, type ODataQuery, type ODataSpec } from "./odata";

const EM = "identityGovernance/entitlementManagement";

// ---------------------------------------------------------------- bodies (exported for the OpenAPI document)

const catalogType = z.enum(["userManaged"], { message: "catalogType must be userManaged (the only kind Steward creates)" }).optional();

/** POST …/catalogs (Graph accessPackageCatalog). */
export const createCatalogBody = createCatalogInput.extend({ catalogType });

/** PATCH …/catalogs/{id}: any of the writable properties. */
export const updateCatalogBody = updateCatalogInput.omit({ catalogId: true }).extend({ catalogType });

// ---------------------------------------------------------------- Graph shapes

export function toGraphCatalog(c: Pick<Catalog, "id" | "displayName" | "description" | "state" | "isExternallyVisible" | "createdAt" | "modifiedAt">) {
  return {
    id: c.id,
    displayName: c.displayName,
    description: c.description,
    catalogType: "userManaged" as const,
    state: c.state,
    isExternallyVisible: c.isExternallyVisible,
    createdDateTime: c.createdAt.toISOString(),
    modifiedDateTime: c.modifiedAt.toISOString(),
  };
}

export function toGraphResource(r: Pick<Resource, "id" | "displayName" | "description" | "originId" | "originSystem" | "createdAt">) {
  return {
    id: r.id,
    displayName: r.displayName,
    description: r.description,
    originId: r.originId,
    originSystem: r.originSystem,
    createdDateTime: r.createdAt.toISOString(),
    attributes: [] as unknown[],
  };
}

export function toGraphResourceRole(role: Pick<ResourceRole, "id" | "displayName" | "description" | "originId">, originSystem: string) {
  return { id: role.id, displayName: role.displayName, description: role.description, originId: role.originId, originSystem };
}

/** The accessPackage properties a catalog listing returns (the packages endpoints return the full entity). */
export function toGraphAccessPackageSummary(p: Pick<AccessPackage, "id" | "displayName" | "description" | "isHidden" | "createdAt" | "modifiedAt">) {
  return {
    id: p.id,
    displayName: p.displayName,
    description: p.description,
    isHidden: p.isHidden,
    createdDateTime: p.createdAt.toISOString(),
    modifiedDateTime: p.modifiedAt.toISOString(),
  };
}

// ---------------------------------------------------------------- visibility

/**
 * The condition limiting a list to the catalogs the actor may read for `action` (visible-catalogs.ts); a caller who
 * may read none gets 403, as Graph answers a caller without any entitlement-management permission.
 */
export async function catalogCondition(ctx: Ctx, action: Action, column: AnyColumn): Promise<SQL | undefined> {
  const vis = await visibleCatalogs(ctx, action);
  if (vis.all) return undefined;
  if (vis.catalogIds.length === 0) {
    throw forbidden("You have no entitlement-management permission: an administrator must grant EntitlementManagement.Read.All (or ReadWrite.All), or a catalog role.");
  }
  return inArray(column, vis.catalogIds);
}

/** Requires catalogs.read on the catalog, then its existence (so ids cannot be probed). */
export async function loadReadableCatalog(ctx: Ctx, catalogId: string): Promise<Catalog> {
  if (!isUuid(catalogId)) throw notFound(`No catalog with id ${catalogId}.`);
  await requirePermission(ctx, "catalogs.read", { catalogId });
  const [catalog] = await ctx.db.select().from(catalogs).where(eq(catalogs.id, catalogId));
  if (!catalog) throw notFound(`No catalog with id ${catalogId}.`);
  return catalog;
}

const total = async (q: Promise<{ n: number }[]>) => Number((await q)[0]?.n ?? 0);

// ---------------------------------------------------------------- catalogs

export const catalogSpec: ODataSpec = {
  entitySet: `${EM}/catalogs`,
  fields: {
    id: { type: "guid", column: catalogs.id },
    displayName: { type: "string", column: catalogs.displayName, sort: true },
    description: { type: "string", column: catalogs.description },
    state: { type: { enum: catalogState.enumValues }, column: catalogs.state, sort: true },
    isExternallyVisible: { type: "boolean", column: catalogs.isExternallyVisible },
    // Every Steward catalog is user-managed.
    catalogType: {
      type: { enum: ["userManaged", "serviceDefault", "serviceManaged"] },
      column: sql`'userManaged'`,
      compare: (op, v) => ((v === "userManaged") === (op === "eq") ? sql`true` : sql`false`),
    },
    createdDateTime: { type: "datetime", column: catalogs.createdAt, sort: true },
    modifiedDateTime: { type: "datetime", column: catalogs.modifiedAt, sort: true },
  },
  select: ["id", "displayName", "description", "catalogType", "state", "isExternallyVisible", "createdDateTime", "modifiedDateTime"],
  expand: ["accessPackages"],
  defaultOrderBy: [{ field: "displayName" }],
  key: catalogs.id,
};

async function packagesByCatalog(ctx: Ctx, catalogIds: string[]) {
  if (catalogIds.length === 0) return new Map<string, ReturnType<typeof toGraphAccessPackageSummary>[]>();
  const rows = await ctx.db.select().from(accessPackages).where(inArray(accessPackages.catalogId, catalogIds)).orderBy(accessPackages.displayName, accessPackages.id);
  const out = new Map<string, ReturnType<typeof toGraphAccessPackageSummary>[]>();
  for (const p of rows) out.set(p.catalogId, [...(out.get(p.catalogId) ?? []), toGraphAccessPackageSummary(p)]);
  return out;
}

/** GET …/catalogs: the catalogs the caller may read, with OData. */
export async function listGraphCatalogs(ctx: Ctx, q: ODataQuery): Promise<{ page: ODataPage<Catalog>; items: Record<string, unknown>[] }> {
  const base = await catalogCondition(ctx, "catalogs.read", catalogs.id);
  const page = await runODataList(q, base, {
    rows: ({ where, orderBy, limit, offset }) => ctx.db.select().from(catalogs).where(where).orderBy(...orderBy).limit(limit).offset(offset),
    count: (where) => total(ctx.db.select({ n: count() }).from(catalogs).where(where)),
  });
  const packages = q.expand.has("accessPackages") ? await packagesByCatalog(ctx, page.rows.map((c) => c.id)) : null;
  const items = page.rows.map((c) => ({ ...toGraphCatalog(c), ...(packages ? { accessPackages: packages.get(c.id) ?? [] } : {}) }));
  return { page, items };
}

export async function getGraphCatalog(ctx: Ctx, catalogId: string, expand: Set<string>) {
  const c = await loadReadableCatalog(ctx, catalogId);
  const packages = expand.has("accessPackages") ? await packagesByCatalog(ctx, [c.id]) : null;
  return { ...toGraphCatalog(c), ...(packages ? { accessPackages: packages.get(c.id) ?? [] } : {}) };
}

// ---------------------------------------------------------------- catalog resources and their roles

export const resourceSpec: ODataSpec = {
  entitySet: `${EM}/catalogs('{id}')/resources`,
  fields: {
    id: { type: "guid", column: resources.id },
    displayName: { type: "string", column: resources.displayName, sort: true },
    description: { type: "string", column: resources.description },
    originId: { type: "string", column: sql`${resources.originId}::text` },
    originSystem: { type: { enum: resourceOriginSystem.enumValues }, column: resources.originSystem, sort: true },
    createdDateTime: { type: "datetime", column: resources.createdAt, sort: true },
  },
  select: ["id", "displayName", "description", "originId", "originSystem", "createdDateTime", "attributes"],
  expand: ["roles"],
  defaultOrderBy: [{ field: "displayName" }],
  key: resources.id,
};

/** GET …/catalogs/{id}/resources (optionally $expand=roles). */
export async function listGraphCatalogResources(ctx: Ctx, catalogId: string, q: ODataQuery) {
  const catalog = await loadReadableCatalog(ctx, catalogId);
  const page = await runODataList(q, eq(resources.catalogId, catalog.id), {
    rows: ({ where, orderBy, limit, offset }) => ctx.db.select().from(resources).where(where).orderBy(...orderBy).limit(limit).offset(offset),
    count: (where) => total(ctx.db.select({ n: count() }).from(resources).where(where)),
  });
  const ids = page.rows.map((r) => r.id);
  const roles = q.expand.has("roles") && ids.length ? await ctx.db.select().from(resourceRoles).where(inArray(resourceRoles.resourceId, ids)).orderBy(resourceRoles.displayName) : null;
  const items = page.rows.map((r) => ({
    ...toGraphResource(r),
    ...(roles ? { roles: roles.filter((x) => x.resourceId === r.id).map((x) => toGraphResourceRole(x, r.originSystem)) } : {}),
  }));
  return { page, items };
}

export const resourceRoleSpec: ODataSpec = {
  entitySet: `${EM}/catalogs('{id}')/resourceRoles`,
  fields: {
    id: { type: "guid", column: resourceRoles.id },
    displayName: { type: "string", column: resourceRoles.displayName, sort: true },
    description: { type: "string", column: resourceRoles.description },
    originId: { type: "string", column: resourceRoles.originId },
    originSystem: { type: { enum: resourceOriginSystem.enumValues }, column: resources.originSystem, sort: true },
    "resource/id": { type: "guid", column: resourceRoles.resourceId },
    "resource/originId": { type: "string", column: sql`${resources.originId}::text` },
    "resource/displayName": { type: "string", column: resources.displayName, sort: true },
  },
  select: ["id", "displayName", "description", "originId", "originSystem"],
  expand: ["resource"],
  defaultOrderBy: [{ field: "resource/displayName" }, { field: "displayName" }],
  key: resourceRoles.id,
};

/** GET …/catalogs/{id}/resourceRoles (optionally $expand=resource), e.g. $filter=originSystem eq 'AadGroup' and resource/id eq '…'. */
export async function listGraphCatalogResourceRoles(ctx: Ctx, catalogId: string, q: ODataQuery) {
  const catalog = await loadReadableCatalog(ctx, catalogId);
  const page = await runODataList(q, eq(resources.catalogId, catalog.id), {
    rows: ({ where, orderBy, limit, offset }) =>
      ctx.db
        .select({ role: resourceRoles, resource: resources })
        .from(resourceRoles)
        .innerJoin(resources, eq(resources.id, resourceRoles.resourceId))
        .where(where)
        .orderBy(...orderBy)
        .limit(limit)
        .offset(offset),
    count: (where) => total(ctx.db.select({ n: count() }).from(resourceRoles).innerJoin(resources, eq(resources.id, resourceRoles.resourceId)).where(where)),
  });
  const items = page.rows.map(({ role, resource }) => ({
    ...toGraphResourceRole(role, resource.originSystem),
    ...(q.expand.has("resource") ? { resource: toGraphResource(resource) } : {}),
  }));
  return { page, items };
}

// ---------------------------------------------------------------- a catalog's access packages

export const catalogPackageSpec: ODataSpec = {
  entitySet: `${EM}/catalogs('{id}')/accessPackages`,
  fields: {
    id: { type: "guid", column: accessPackages.id },
    displayName: { type: "string", column: accessPackages.displayName, sort: true },
    description: { type: "string", column: accessPackages.description },
    isHidden: { type: "boolean", column: accessPackages.isHidden },
    createdDateTime: { type: "datetime", column: accessPackages.createdAt, sort: true },
    modifiedDateTime: { type: "datetime", column: accessPackages.modifiedAt, sort: true },
  },
  select: ["id", "displayName", "description", "isHidden", "createdDateTime", "modifiedDateTime"],
  expand: ["catalog"],
  defaultOrderBy: [{ field: "displayName" }],
  key: accessPackages.id,
};

/** GET …/catalogs/{id}/accessPackages. */
export async function listGraphCatalogPackages(ctx: Ctx, catalogId: string, q: ODataQuery) {
  const catalog = await loadReadableCatalog(ctx, catalogId);
  const page = await runODataList(q, eq(accessPackages.catalogId, catalog.id), {
    rows: ({ where, orderBy, limit, offset }) => ctx.db.select().from(accessPackages).where(where).orderBy(...orderBy).limit(limit).offset(offset),
    count: (where) => total(ctx.db.select({ n: count() }).from(accessPackages).where(and(where))),
  });
  const items = page.rows.map((p) => ({ ...toGraphAccessPackageSummary(p), ...(q.expand.has("catalog") ? { catalog: toGraphCatalog(catalog) } : {}) }));
  return { page, items };
}

// ---------------------------------------------------------------- route descriptors (for the OpenAPI document)

export const catalogRoutes = [
  { method: "GET", path: `/${EM}/catalogs`, summary: "List catalogs", odata: catalogSpec },
  { method: "POST", path: `/${EM}/catalogs`, summary: "Create a catalog", body: createCatalogBody, status: 201 },
  { method: "GET", path: `/${EM}/catalogs/{id}`, summary: "Get a catalog", expand: catalogSpec.expand },
  { method: "PATCH", path: `/${EM}/catalogs/{id}`, summary: "Update a catalog", body: updateCatalogBody, status: 200 },
  { method: "DELETE", path: `/${EM}/catalogs/{id}`, summary: "Delete an empty catalog", status: 204 },
  { method: "GET", path: `/${EM}/catalogs/{id}/resources`, summary: "List a catalog's resources", odata: resourceSpec },
  { method: "GET", path: `/${EM}/catalogs/{id}/resourceRoles`, summary: "List the roles of a catalog's resources", odata: resourceRoleSpec },
  { method: "GET", path: `/${EM}/catalogs/{id}/accessPackages`, summary: "List a catalog's access packages", odata: catalogPackageSpec },
] as const;
