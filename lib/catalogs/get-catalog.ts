import { and, asc, count, eq, inArray } from "drizzle-orm";
import { accessPackages, assignmentPolicies, assignments, catalogs, resourceRoles, resourceRoleScopes, resources, type Catalog, type Resource, type ResourceRole } from "@/db/schema";
import { nowOf, type Ctx } from "@/lib/auth/actor";
import { can, requirePermission } from "@/lib/auth/permissions";
import { assignmentIsActive } from "@/lib/assignments/active";
import { notFound } from "@/lib/errors";
import { isUuid } from "@/lib/packages/load";

export type CatalogResource = Pick<Resource, "id" | "originSystem" | "originId" | "displayName" | "description" | "createdAt"> & {
  roles: Pick<ResourceRole, "id" | "originId" | "displayName" | "description" | "assignableToServicePrincipals" | "assignableToUsers">[];
};

export type CatalogPackage = {
  id: string;
  displayName: string;
  description: string;
  isHidden: boolean;
  createdAt: Date;
  policyCount: number;
  activeAssignmentCount: number;
  /** Names of the resource roles the package hands out, as "resource: role". */
  roles: string[];
};

export type CatalogDetail = {
  catalog: Catalog;
  resources: CatalogResource[];
  packages: CatalogPackage[];
  /** What the viewer may do here (for showing forms; the verbs check again). */
  permissions: { addResources: boolean; writePackages: boolean };
};

/** A catalog with its resources (and their roles) and access packages. Requires catalogs.read on the catalog. */
export async function getCatalog(ctx: Ctx, params: { catalogId: string }): Promise<CatalogDetail> {
  const { catalogId } = params;
  // Permission first, so a non-member cannot learn whether a catalog id exists.
  if (!isUuid(catalogId)) throw notFound(`No catalog with id ${catalogId}.`);
  await requirePermission(ctx, "catalogs.read", { catalogId });
  const [catalog] = await ctx.db.select().from(catalogs).where(eq(catalogs.id, catalogId));
  if (!catalog) throw notFound(`No catalog with id ${catalogId}.`);

  const now = nowOf(ctx);
  const resourceRows = await ctx.db.select().from(resources).where(eq(resources.catalogId, catalogId)).orderBy(asc(resources.displayName), asc(resources.id));
  const roleRows = resourceRows.length
    ? await ctx.db
        .select()
        .from(resourceRoles)
        .where(inArray(resourceRoles.resourceId, resourceRows.map((r) => r.id)))
        .orderBy(asc(resourceRoles.displayName))
    : [];

  const packageRows = await ctx.db
    .select({
      id: accessPackages.id,
      displayName: accessPackages.displayName,
      description: accessPackages.description,
      isHidden: accessPackages.isHidden,
      createdAt: accessPackages.createdAt,
    })
    .from(accessPackages)
    .where(eq(accessPackages.catalogId, catalogId))
    .orderBy(asc(accessPackages.displayName), asc(accessPackages.id));
  const packageIds = packageRows.map((p) => p.id);
  const active = packageIds.length
    ? await ctx.db
        .select({ accessPackageId: assignments.accessPackageId, n: count() })
        .from(assignments)
        .where(and(inArray(assignments.accessPackageId, packageIds), assignmentIsActive(now)))
        .groupBy(assignments.accessPackageId)
    : [];
  const scopes = packageIds.length
    ? await ctx.db
        .select({ accessPackageId: resourceRoleScopes.accessPackageId, role: resourceRoles.displayName, resource: resources.displayName })
        .from(resourceRoleScopes)
        .innerJoin(resourceRoles, eq(resourceRoles.id, resourceRoleScopes.resourceRoleId))
        .innerJoin(resources, eq(resources.id, resourceRoles.resourceId))
        .where(inArray(resourceRoleScopes.accessPackageId, packageIds))
        .orderBy(asc(resources.displayName), asc(resourceRoles.displayName))
    : [];

  const policyCounts = packageIds.length
    ? await ctx.db
        .select({ accessPackageId: assignmentPolicies.accessPackageId, n: count() })
        .from(assignmentPolicies)
        .where(inArray(assignmentPolicies.accessPackageId, packageIds))
        .groupBy(assignmentPolicies.accessPackageId)
    : [];

  const [addResources, writePackages] = await Promise.all([can(ctx, "resources.add", { catalogId }), can(ctx, "packages.write", { catalogId })]);

  return {
    catalog,
    resources: resourceRows.map((r) => ({
      id: r.id,
      originSystem: r.originSystem,
      originId: r.originId,
      displayName: r.displayName,
      description: r.description,
      createdAt: r.createdAt,
      roles: roleRows
        .filter((x) => x.resourceId === r.id)
        .map((x) => ({
          id: x.id,
          originId: x.originId,
          displayName: x.displayName,
          description: x.description,
          assignableToServicePrincipals: x.assignableToServicePrincipals,
          assignableToUsers: x.assignableToUsers,
        })),
    })),
    packages: packageRows.map((p) => ({
      ...p,
      policyCount: Number(policyCounts.find((c) => c.accessPackageId === p.id)?.n ?? 0),
      activeAssignmentCount: Number(active.find((a) => a.accessPackageId === p.id)?.n ?? 0),
      roles: scopes.filter((s) => s.accessPackageId === p.id).map((s) => `${s.resource}: ${s.role}`),
    })),
    permissions: { addResources, writePackages },
  };
}
