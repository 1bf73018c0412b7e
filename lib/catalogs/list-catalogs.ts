import { and, asc, count, desc, eq, ilike, inArray, or, type SQL } from "drizzle-orm";
import { accessPackages, catalogRoleAssignments, catalogs, resources, type Catalog } from "@/db/schema";
import type { Ctx } from "@/lib/auth/actor";
import { isGovernanceAdmin } from "@/lib/auth/permissions";
import { containsPattern } from "@/lib/text/search";
import { pageOf } from "@/lib/paging";

export type CatalogListRow = Pick<Catalog, "id" | "displayName" | "description" | "state" | "isExternallyVisible" | "createdAt"> & {
  resourceCount: number;
  packageCount: number;
};

export const CATALOG_SORTS = ["displayName", "state", "createdAt"] as const;
export type CatalogSortId = (typeof CATALOG_SORTS)[number];

export type ListCatalogsParams = { q?: string; page?: number; pageSize?: number; sort?: { id: CatalogSortId; desc: boolean } | null };

export type CatalogList = { rows: CatalogListRow[]; total: number; page: number; pageSize: number };

function catalogOrder(sort: ListCatalogsParams["sort"]) {
  const dir = sort?.desc ? desc : asc;
  if (sort?.id === "state") return [dir(catalogs.state), asc(catalogs.displayName), asc(catalogs.id)];
  if (sort?.id === "createdAt") return [dir(catalogs.createdAt), asc(catalogs.id)];
  return [dir(catalogs.displayName), asc(catalogs.id)];
}

/**
 * Catalogs the actor may see: every catalog for an Identity Governance Administrator (and the system),
 * otherwise only catalogs where the actor holds a catalog role. With counts of resources and packages.
 */
export async function listCatalogs(ctx: Ctx, params: ListCatalogsParams = {}): Promise<CatalogList> {
  const { page, pageSize } = pageOf(params, 25);
  const actorId = ctx.actor.id;
  const seesAll = ctx.actor.type === "system" || (actorId !== null && (await isGovernanceAdmin(ctx.db, actorId)));
  if (!seesAll && !actorId) return { rows: [], total: 0, page, pageSize };

  const conds: SQL[] = [];
  if (!seesAll) {
    conds.push(
      inArray(
        catalogs.id,
        ctx.db.select({ id: catalogRoleAssignments.catalogId }).from(catalogRoleAssignments).where(eq(catalogRoleAssignments.principalId, actorId!)),
      ),
    );
  }
  const q = params.q?.trim();
  if (q) conds.push(or(ilike(catalogs.displayName, containsPattern(q)), ilike(catalogs.description, containsPattern(q)))!);
  const where = conds.length ? and(...conds) : undefined;

  const [{ total }] = await ctx.db.select({ total: count() }).from(catalogs).where(where);
  const rows = await ctx.db
    .select({
      id: catalogs.id,
      displayName: catalogs.displayName,
      description: catalogs.description,
      state: catalogs.state,
      isExternallyVisible: catalogs.isExternallyVisible,
      createdAt: catalogs.createdAt,
    })
    .from(catalogs)
    .where(where)
    .orderBy(...catalogOrder(params.sort))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  const ids = rows.map((r) => r.id);
  const [resourceCounts, packageCounts] = ids.length
    ? await Promise.all([
        ctx.db.select({ catalogId: resources.catalogId, n: count() }).from(resources).where(inArray(resources.catalogId, ids)).groupBy(resources.catalogId),
        ctx.db.select({ catalogId: accessPackages.catalogId, n: count() }).from(accessPackages).where(inArray(accessPackages.catalogId, ids)).groupBy(accessPackages.catalogId),
      ])
    : [[], []];
  const countOf = (list: { catalogId: string; n: number }[], id: string) => Number(list.find((x) => x.catalogId === id)?.n ?? 0);
  return {
    rows: rows.map((r) => ({ ...r, resourceCount: countOf(resourceCounts, r.id), packageCount: countOf(packageCounts, r.id) })),
    total: Number(total),
    page,
    pageSize,
  };
}
