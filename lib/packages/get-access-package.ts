import { eq } from "drizzle-orm";
import { catalogs, type AccessPackage, type Catalog } from "@/db/schema";
import { requirePermission } from "@/lib/auth/permissions";
import type { Ctx } from "@/lib/auth/actor";
import type { Policy } from "@/lib/policies/settings";
import { loadPackage, loadPolicies } from "./load";
import { listIncompatibles, type Incompatibles } from "./incompatibles";
import { listResourceRoleScopes, type ResourceRoleScopeDetail } from "./resource-role-scopes";

export type AccessPackageDetail = {
  accessPackage: AccessPackage;
  catalog: Catalog;
  resourceRoleScopes: ResourceRoleScopeDetail[];
  policies: Policy[];
  incompatibles: Incompatibles;
};

/** One package with everything its edit page and Graph's `$expand` need. Requires catalogs.read on its catalog. */
export async function getAccessPackage(ctx: Ctx, params: { accessPackageId: string }): Promise<AccessPackageDetail> {
  const pkg = await loadPackage(ctx.db, params.accessPackageId);
  await requirePermission(ctx, "catalogs.read", { catalogId: pkg.catalogId });
  const [catalog] = await ctx.db.select().from(catalogs).where(eq(catalogs.id, pkg.catalogId));
  const [resourceRoleScopes, policies, incompatibles] = await Promise.all([listResourceRoleScopes(ctx.db, [pkg.id]), loadPolicies(ctx.db, pkg.id), listIncompatibles(ctx, { accessPackageId: pkg.id })]);
  return { accessPackage: pkg, catalog, resourceRoleScopes, policies, incompatibles };
}
