import { asc, count, eq } from "drizzle-orm";
import { apiPermissions, applications, appRoles, directoryRoles, groups, resources, sites, type ResourceOriginSystem } from "@/db/schema";
import type { Ctx } from "@/lib/auth/actor";
import { requirePermission } from "@/lib/auth/permissions";
import { notFound } from "@/lib/errors";
import { isUuid } from "@/lib/packages/load";

export type ResourceCandidate = {
  originSystem: ResourceOriginSystem;
  originId: string;
  displayName: string;
  description: string;
  /** How many roles the resource would offer (group Member/Owner, app roles, API permissions, ...). */
  roleCount: number;
  alreadyInCatalog: boolean;
};

export type ResourceCandidateGroup = { originSystem: ResourceOriginSystem; label: string; candidates: ResourceCandidate[] };

const LABELS: Record<ResourceOriginSystem, string> = {
  AadGroup: "Groups",
  AadApplication: "Applications (app roles)",
  ApiPermission: "API permissions",
  DirectoryRole: "Directory roles",
  SharePointOnline: "SharePoint sites",
};

/**
 * Directory objects that can be added to a catalog, grouped by type, for the add-resource picker:
 * groups, applications that define app roles, APIs that expose permissions (Microsoft Graph),
 * directory roles and sites. Requires resources.add on the catalog.
 */
export async function listResourceCandidates(ctx: Ctx, params: { catalogId: string }): Promise<ResourceCandidateGroup[]> {
  if (!isUuid(params.catalogId)) throw notFound(`No catalog with id ${params.catalogId}.`);
  await requirePermission(ctx, "resources.add", { catalogId: params.catalogId });
  const db = ctx.db;
  const [inCatalog, groupRows, appRoleRows, apiRows, roleRows, siteRows] = await Promise.all([
    db.select({ originSystem: resources.originSystem, originId: resources.originId }).from(resources).where(eq(resources.catalogId, params.catalogId)),
    db.select({ id: groups.id, displayName: groups.displayName, description: groups.description }).from(groups).orderBy(asc(groups.displayName)),
    db
      .select({ id: applications.id, displayName: applications.displayName, description: applications.description, n: count(appRoles.id) })
      .from(applications)
      .innerJoin(appRoles, eq(appRoles.applicationId, applications.id))
      .groupBy(applications.id, applications.displayName, applications.description)
      .orderBy(asc(applications.displayName)),
    db
      .select({ id: applications.id, displayName: applications.displayName, description: applications.description, n: count(apiPermissions.id) })
      .from(applications)
      .innerJoin(apiPermissions, eq(apiPermissions.applicationId, applications.id))
      .groupBy(applications.id, applications.displayName, applications.description)
      .orderBy(asc(applications.displayName)),
    db.select({ id: directoryRoles.id, displayName: directoryRoles.displayName, description: directoryRoles.description }).from(directoryRoles).orderBy(asc(directoryRoles.displayName)),
    db.select({ id: sites.id, displayName: sites.displayName, description: sites.description, webUrl: sites.webUrl }).from(sites).orderBy(asc(sites.displayName)),
  ]);
  const present = new Set(inCatalog.map((r) => `${r.originSystem}:${r.originId}`));
  const make = (originSystem: ResourceOriginSystem, rows: { id: string; displayName: string; description: string | null; roleCount: number }[]): ResourceCandidateGroup => ({
    originSystem,
    label: LABELS[originSystem],
    candidates: rows.map((r) => ({
      originSystem,
      originId: r.id,
      displayName: r.displayName,
      description: r.description ?? "",
      roleCount: r.roleCount,
      alreadyInCatalog: present.has(`${originSystem}:${r.id}`),
    })),
  });
  return [
    make("AadGroup", groupRows.map((g) => ({ ...g, roleCount: 2 }))),
    make("AadApplication", appRoleRows.map((a) => ({ ...a, roleCount: Number(a.n) }))),
    make("ApiPermission", apiRows.map((a) => ({ ...a, roleCount: Number(a.n) }))),
    make("DirectoryRole", roleRows.map((r) => ({ ...r, roleCount: 1 }))),
    make("SharePointOnline", siteRows.map((s) => ({ ...s, description: s.description ?? s.webUrl, roleCount: 3 }))),
  ];
}
