import { asc, eq, inArray } from "drizzle-orm";
import { accessPackages, catalogs } from "@/db/schema";
import type { Ctx } from "@/lib/auth/actor";
import type { Action } from "@/lib/auth/permissions";
import { visibleCatalogs } from "@/lib/catalogs/visible-catalogs";

export type PackageOption = { id: string; displayName: string; catalogName: string };

/** The access packages of the catalogs the actor may read for `action`: the choices of a "Package" filter. */
export async function listPackageOptions(ctx: Ctx, action: Action): Promise<PackageOption[]> {
  const scope = await visibleCatalogs(ctx, action);
  if (!scope.all && scope.catalogIds.length === 0) return [];
  return ctx.db
    .select({ id: accessPackages.id, displayName: accessPackages.displayName, catalogName: catalogs.displayName })
    .from(accessPackages)
    .innerJoin(catalogs, eq(catalogs.id, accessPackages.catalogId))
    .where(scope.all ? undefined : inArray(accessPackages.catalogId, scope.catalogIds))
    .orderBy(asc(accessPackages.displayName), asc(catalogs.displayName), asc(accessPackages.id))
    .limit(500);
}
