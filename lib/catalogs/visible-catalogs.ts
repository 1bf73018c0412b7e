import { and, eq, inArray } from "drizzle-orm";
import { catalogRoleAssignments, type CatalogRole } from "@/db/schema";
import type { Ctx } from "@/lib/auth/actor";
import { PERMISSIONS, rolesFor, type Action, type Role } from "@/lib/auth/permissions";

/** Where an admin list may look for `action`: every catalog, or only the listed ones (none at all when empty). */
export type CatalogVisibility = { all: true } | { all: false; catalogIds: string[] };

/**
 * The catalogs whose contents the actor may read for a catalog-scoped action: all of them for an Identity
 * Governance Administrator (and the system), otherwise those where the actor holds a catalog role that the
 * permission table grants the action to. Read from the database on every call, like every permission check.
 */
export async function visibleCatalogs(ctx: Ctx, action: Action): Promise<CatalogVisibility> {
  if (ctx.actor.type === "system") return { all: true };
  const me = ctx.actor.id;
  if (!me) return { all: false, catalogIds: [] };
  const allowed = PERMISSIONS[action] as readonly Role[];
  const tenantWide = await rolesFor(ctx.db, me);
  if (allowed.some((r) => !r.startsWith("catalog.") && tenantWide.has(r))) return { all: true };
  const roles = allowed.filter((r) => r.startsWith("catalog.")).map((r) => r.slice("catalog.".length) as CatalogRole);
  if (roles.length === 0) return { all: false, catalogIds: [] };
  const rows = await ctx.db
    .selectDistinct({ catalogId: catalogRoleAssignments.catalogId })
    .from(catalogRoleAssignments)
    .where(and(eq(catalogRoleAssignments.principalId, me), inArray(catalogRoleAssignments.role, roles)));
  return { all: false, catalogIds: rows.map((r) => r.catalogId) };
}
