import { alias } from "drizzle-orm/pg-core";
import { and, asc, count, eq, inArray } from "drizzle-orm";
import { appPermissionGrants, applications, principalOwners, principals, type AppPermission } from "@/db/schema";
import type { Ctx } from "@/lib/auth/actor";
import { requirePermission } from "@/lib/auth/permissions";
import { pageOf, searchCondition, type DirectoryPage, type DirectoryPageParams } from "./list-query";

export type DirectoryServicePrincipalRow = {
  id: string;
  displayName: string;
  appId: string | null;
  applicationName: string | null;
  accountEnabled: boolean;
  lastSignInAt: Date | null;
  owners: string[];
  /** Application permissions it holds (carried as roles in its tokens), sorted. */
  permissions: AppPermission[];
};

/** Service principals (apps acting as themselves) with their application, owners and application permissions. Requires directory.read. */
export async function listServicePrincipals(ctx: Ctx, params: DirectoryPageParams = {}): Promise<DirectoryPage<DirectoryServicePrincipalRow>> {
  await requirePermission(ctx, "directory.read");
  const { page, pageSize, offset } = pageOf(params);
  const where = and(eq(principals.type, "servicePrincipal"), searchCondition(params.q, principals.displayName, principals.description));
  const [{ total }] = await ctx.db.select({ total: count() }).from(principals).where(where);
  const rows = await ctx.db
    .select({
      id: principals.id,
      displayName: principals.displayName,
      appId: principals.appId,
      applicationName: applications.displayName,
      accountEnabled: principals.accountEnabled,
      lastSignInAt: principals.lastSignInAt,
    })
    .from(principals)
    .leftJoin(applications, eq(applications.id, principals.applicationId))
    .where(where)
    .orderBy(asc(principals.displayName), asc(principals.id))
    .limit(pageSize)
    .offset(offset);
  const owner = alias(principals, "owner");
  const ids = rows.map((r) => r.id);
  const [ownerRows, grantRows] = ids.length
    ? await Promise.all([
        ctx.db
          .select({ principalId: principalOwners.principalId, name: owner.displayName })
          .from(principalOwners)
          .innerJoin(owner, eq(owner.id, principalOwners.ownerId))
          .where(inArray(principalOwners.principalId, ids))
          .orderBy(asc(owner.displayName)),
        ctx.db
          .select({ principalId: appPermissionGrants.principalId, permission: appPermissionGrants.permission })
          .from(appPermissionGrants)
          .where(inArray(appPermissionGrants.principalId, ids))
          .orderBy(asc(appPermissionGrants.permission)),
      ])
    : [[], []];
  return {
    rows: rows.map((r) => ({
      ...r,
      owners: ownerRows.filter((o) => o.principalId === r.id).map((o) => o.name),
      permissions: grantRows.filter((g) => g.principalId === r.id).map((g) => g.permission),
    })),
    total: Number(total),
    page,
    pageSize,
  };
}
