import { alias } from "drizzle-orm/pg-core";
import { asc, count, eq, inArray, sql } from "drizzle-orm";
import { apiPermissions, applicationOwners, applications, appRoles, principals } from "@/db/schema";
import type { Ctx } from "@/lib/auth/actor";
import { requirePermission } from "@/lib/auth/permissions";
import { pageOf, searchCondition, type DirectoryPage, type DirectoryPageParams } from "./list-query";

export type DirectoryApplicationRow = {
  id: string;
  appId: string;
  displayName: string;
  description: string | null;
  publisher: string | null;
  appRoleCount: number;
  apiPermissionCount: number;
  owners: string[];
};

/** App registrations with the app roles and API permissions they define, and their owners. Requires directory.read. */
export async function listApplications(ctx: Ctx, params: DirectoryPageParams = {}): Promise<DirectoryPage<DirectoryApplicationRow>> {
  await requirePermission(ctx, "directory.read");
  const { page, pageSize, offset } = pageOf(params);
  const where = searchCondition(params.q, applications.displayName, applications.description, applications.publisher);
  const [{ total }] = await ctx.db.select({ total: count() }).from(applications).where(where);
  const rows = await ctx.db
    .select({
      id: applications.id,
      appId: applications.appId,
      displayName: applications.displayName,
      description: applications.description,
      publisher: applications.publisher,
      appRoleCount: sql<number>`(select count(*)::int from ${appRoles} where ${appRoles.applicationId} = ${applications.id})`,
      apiPermissionCount: sql<number>`(select count(*)::int from ${apiPermissions} where ${apiPermissions.applicationId} = ${applications.id})`,
    })
    .from(applications)
    .where(where)
    .orderBy(asc(applications.displayName), asc(applications.id))
    .limit(pageSize)
    .offset(offset);
  const owner = alias(principals, "owner");
  const ownerRows = rows.length
    ? await ctx.db
        .select({ applicationId: applicationOwners.applicationId, name: owner.displayName })
        .from(applicationOwners)
        .innerJoin(owner, eq(owner.id, applicationOwners.ownerId))
        .where(inArray(applicationOwners.applicationId, rows.map((r) => r.id)))
        .orderBy(asc(owner.displayName))
    : [];
  return {
    rows: rows.map((r) => ({
      ...r,
      appRoleCount: Number(r.appRoleCount),
      apiPermissionCount: Number(r.apiPermissionCount),
      owners: ownerRows.filter((o) => o.applicationId === r.id).map((o) => o.name),
    })),
    total: Number(total),
    page,
    pageSize,
  };
}
