import { and, asc, count, eq, exists, ilike, inArray, or, sql, type SQL } from "drizzle-orm";
import { unionAll, type AnyPgColumn } from "drizzle-orm/pg-core";
import { apiPermissions, applications, appRoles, directoryRoles, groups, resourceOriginSystem, resources, sites, type ResourceOriginSystem } from "@/db/schema";
import type { Ctx } from "@/lib/auth/actor";
import { requirePermission } from "@/lib/auth/permissions";
import { notFound } from "@/lib/errors";
import { isUuid } from "@/lib/packages/load";
import { containsPattern } from "@/lib/text/search";
import { pageOf } from "@/lib/paging";

export type ResourceCandidate = {
  originSystem: ResourceOriginSystem;
  originId: string;
  displayName: string;
  description: string;
  /** How many roles the resource would offer (group Member/Owner, app roles, API permissions, ...). */
  roleCount: number;
  /** DOMAIN.md §1: API permissions and directory roles make a catalog privileged. */
  privileged: boolean;
  alreadyInCatalog: boolean;
};

export const RESOURCE_TYPE_LABELS: Record<ResourceOriginSystem, string> = {
  AadGroup: "Group",
  AadApplication: "Application (app roles)",
  ApiPermission: "API permissions",
  DirectoryRole: "Directory role",
  SharePointOnline: "SharePoint site",
};

/** Whether a resource of this type makes its catalog privileged (DOMAIN.md §1). */
export function isPrivilegedOrigin(originSystem: ResourceOriginSystem): boolean {
  return originSystem === "ApiPermission" || originSystem === "DirectoryRole";
}

export type SearchResourceCandidatesParams = {
  catalogId: string;
  q?: string;
  /** Only this type; every type when absent. */
  type?: ResourceOriginSystem;
  page?: number;
  pageSize?: number;
};

export type ResourceCandidatePage = { rows: ResourceCandidate[]; total: number; page: number; pageSize: number };

/**
 * Directory objects that can be added to a catalog, searched and paged on the server for the add-resource
 * picker: groups, applications that define app roles, APIs that expose permissions (Microsoft Graph), directory
 * roles and sites. Sorted by name. Requires resources.add on the catalog.
 */
export async function searchResourceCandidates(ctx: Ctx, params: SearchResourceCandidatesParams): Promise<ResourceCandidatePage> {
  if (!isUuid(params.catalogId)) throw notFound(`No catalog with id ${params.catalogId}.`);
  await requirePermission(ctx, "resources.add", { catalogId: params.catalogId });
  const { page, pageSize } = pageOf(params, 10, 50);
  const type = params.type && (resourceOriginSystem.enumValues as readonly string[]).includes(params.type) ? params.type : undefined;
  const q = params.q?.trim().slice(0, 200);
  const pattern = q ? containsPattern(q) : null;
  const match = (name: AnyPgColumn, description: AnyPgColumn): SQL | undefined => (pattern ? or(ilike(name, pattern), ilike(description, pattern)) : undefined);
  // Every branch selects the same aliased shape, so they can be combined with UNION ALL.
  const shape = (originSystem: ResourceOriginSystem, id: AnyPgColumn, name: AnyPgColumn, description: SQL, roleCount: SQL) => ({
    originSystem: sql<ResourceOriginSystem>`${originSystem}::text`.as("origin_system"),
    originId: sql<string>`${id}`.as("origin_id"),
    displayName: sql<string>`${name}`.as("display_name"),
    description: sql<string>`${description}`.as("description"),
    roleCount: sql<number>`${roleCount}`.as("role_count"),
  });
  const db = ctx.db;
  const appRoleCount = sql`(select count(*)::int from ${appRoles} where ${appRoles.applicationId} = ${applications.id})`;
  const apiPermissionCount = sql`(select count(*)::int from ${apiPermissions} where ${apiPermissions.applicationId} = ${applications.id})`;

  const branches = {
    AadGroup: () =>
      db
        .select(shape("AadGroup", groups.id, groups.displayName, sql`coalesce(${groups.description}, '')`, sql`2`))
        .from(groups)
        .where(match(groups.displayName, groups.description)),
    AadApplication: () =>
      db
        .select(shape("AadApplication", applications.id, applications.displayName, sql`coalesce(${applications.description}, '')`, appRoleCount))
        .from(applications)
        .where(and(exists(db.select({ x: appRoles.id }).from(appRoles).where(eq(appRoles.applicationId, applications.id))), match(applications.displayName, applications.description))),
    ApiPermission: () =>
      db
        .select(shape("ApiPermission", applications.id, applications.displayName, sql`coalesce(${applications.description}, '')`, apiPermissionCount))
        .from(applications)
        .where(and(exists(db.select({ x: apiPermissions.id }).from(apiPermissions).where(eq(apiPermissions.applicationId, applications.id))), match(applications.displayName, applications.description))),
    DirectoryRole: () =>
      db
        .select(shape("DirectoryRole", directoryRoles.id, directoryRoles.displayName, sql`coalesce(${directoryRoles.description}, '')`, sql`1`))
        .from(directoryRoles)
        .where(match(directoryRoles.displayName, directoryRoles.description)),
    SharePointOnline: () =>
      db
        .select(shape("SharePointOnline", sites.id, sites.displayName, sql`coalesce(${sites.description}, ${sites.webUrl})`, sql`3`))
        .from(sites)
        .where(pattern ? or(ilike(sites.displayName, pattern), ilike(sites.description, pattern), ilike(sites.webUrl, pattern)) : undefined),
  } as const;

  // Each branch reads a different table; drizzle types a union per table, though the selected shape is identical.
  type Branch = ReturnType<(typeof branches)["AadGroup"]>;
  const chosen = (type ? [branches[type]()] : resourceOriginSystem.enumValues.map((t) => branches[t]())) as unknown as Branch[];
  const candidates = (chosen.length === 1 ? chosen[0] : unionAll(chosen[0], chosen[1], ...chosen.slice(2))).as("candidates");

  const [{ total }] = await db.select({ total: count() }).from(candidates);
  const rows = await db
    .select()
    .from(candidates)
    .orderBy(asc(candidates.displayName), asc(candidates.originSystem), asc(candidates.originId))
    .limit(pageSize)
    .offset((page - 1) * pageSize);

  const present = rows.length
    ? await db
        .select({ originSystem: resources.originSystem, originId: resources.originId })
        .from(resources)
        .where(and(eq(resources.catalogId, params.catalogId), inArray(resources.originId, rows.map((r) => r.originId))))
    : [];
  const inCatalog = new Set(present.map((r) => `${r.originSystem}:${r.originId}`));
  return {
    rows: rows.map((r) => ({
      originSystem: r.originSystem,
      originId: r.originId,
      displayName: r.displayName,
      description: r.description,
      roleCount: Number(r.roleCount),
      privileged: isPrivilegedOrigin(r.originSystem),
      alreadyInCatalog: inCatalog.has(`${r.originSystem}:${r.originId}`),
    })),
    total: Number(total),
    page,
    pageSize,
  };
}
