import { and, asc, eq } from "drizzle-orm";
import { z } from "zod";
import { catalogRole, catalogRoleAssignments, catalogs, principals, type CatalogRole, type PrincipalType } from "@/db/schema";
import { conflict, invalid, notFound, parseInput } from "@/lib/errors";
import { requirePermission } from "@/lib/auth/permissions";
import { nowOf, type Ctx } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { withRefusalAudit } from "@/lib/audit/with-refusal-audit";
import { isUuid } from "@/lib/packages/load";

export const CATALOG_ROLE_LABELS: Record<CatalogRole, string> = {
  owner: "Catalog owner",
  reader: "Catalog reader",
  accessPackageManager: "Access package manager",
  accessPackageAssignmentManager: "Access package assignment manager",
};

export const catalogRoleInput = z.object({
  catalogId: z.uuid("catalogId must be the id of a catalog"),
  principalId: z.uuid("choose a person or service principal"),
  role: z.enum(catalogRole.enumValues, { message: "role must be owner, reader, accessPackageManager or accessPackageAssignmentManager" }),
});

export type CatalogRoleMember = {
  principalId: string;
  displayName: string;
  mail: string | null;
  type: PrincipalType;
  role: CatalogRole;
  createdAt: Date;
};

/** Who holds which role in a catalog, grouped by role then name. Requires catalogs.read on the catalog. */
export async function listCatalogRoles(ctx: Ctx, params: { catalogId: string }): Promise<CatalogRoleMember[]> {
  if (!isUuid(params.catalogId)) throw notFound(`No catalog with id ${params.catalogId}.`);
  await requirePermission(ctx, "catalogs.read", { catalogId: params.catalogId });
  return ctx.db
    .select({
      principalId: catalogRoleAssignments.principalId,
      displayName: principals.displayName,
      mail: principals.mail,
      type: principals.type,
      role: catalogRoleAssignments.role,
      createdAt: catalogRoleAssignments.createdAt,
    })
    .from(catalogRoleAssignments)
    .innerJoin(principals, eq(principals.id, catalogRoleAssignments.principalId))
    .where(eq(catalogRoleAssignments.catalogId, params.catalogId))
    .orderBy(asc(catalogRoleAssignments.role), asc(principals.displayName));
}

async function loadCatalogFor(ctx: Ctx, catalogId: string) {
  const [catalog] = await ctx.db.select().from(catalogs).where(eq(catalogs.id, catalogId));
  if (!catalog) throw notFound(`No catalog with id ${catalogId}.`);
  return catalog;
}

/**
 * Gives a person (or a service principal) a role in a catalog. Agents cannot hold catalog roles: they act
 * through access packages. Requires catalogs.update on the catalog (owners and administrators).
 */
export async function addCatalogRole({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<CatalogRoleMember> {
  const data = parseInput(catalogRoleInput, input);
  return withRefusalAudit(
    ctx,
    () => ({ action: "catalog.role.add", targetType: "catalog", targetId: data.catalogId }),
    async () => {
      await requirePermission(ctx, "catalogs.update", { catalogId: data.catalogId });
      const catalog = await loadCatalogFor(ctx, data.catalogId);
      const [who] = await ctx.db.select().from(principals).where(eq(principals.id, data.principalId));
      if (!who) throw invalid(`No person or service principal with id ${data.principalId}.`, { principalId: ["not found in the directory"] });
      if (who.type !== "user" && who.type !== "servicePrincipal") {
        throw invalid(`${who.displayName} is ${who.type === "agentIdentity" ? "an agent" : "an agent's user account"}; catalog roles are for people and service principals.`, {
          principalId: ["choose a person or a service principal"],
        });
      }
      if (!who.accountEnabled) throw invalid(`${who.displayName}'s account is disabled.`, { principalId: ["this account is disabled"] });
      return ctx.db.transaction(async (tx) => {
        const inserted = await tx
          .insert(catalogRoleAssignments)
          .values({ catalogId: catalog.id, principalId: who.id, role: data.role, createdAt: nowOf(ctx) })
          .onConflictDoNothing()
          .returning();
        if (inserted.length === 0) throw conflict(`${who.displayName} is already ${CATALOG_ROLE_LABELS[data.role].toLowerCase()} of ${catalog.displayName}.`);
        await recordAudit(tx, ctx, {
          action: "catalog.role.add",
          targetType: "catalog",
          targetId: catalog.id,
          after: { principalId: who.id, displayName: who.displayName, role: data.role },
        });
        return { principalId: who.id, displayName: who.displayName, mail: who.mail, type: who.type, role: data.role, createdAt: inserted[0].createdAt };
      });
    },
  );
}

/** Takes a catalog role away. Requires catalogs.update on the catalog. */
export async function removeCatalogRole({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<void> {
  const data = parseInput(catalogRoleInput, input);
  return withRefusalAudit(
    ctx,
    () => ({ action: "catalog.role.remove", targetType: "catalog", targetId: data.catalogId }),
    async () => {
      await requirePermission(ctx, "catalogs.update", { catalogId: data.catalogId });
      const catalog = await loadCatalogFor(ctx, data.catalogId);
      await ctx.db.transaction(async (tx) => {
        const holders = await tx
          .select({ principalId: catalogRoleAssignments.principalId, displayName: principals.displayName })
          .from(catalogRoleAssignments)
          .innerJoin(principals, eq(principals.id, catalogRoleAssignments.principalId))
          .where(and(eq(catalogRoleAssignments.catalogId, catalog.id), eq(catalogRoleAssignments.role, data.role)));
        const holder = holders.find((h) => h.principalId === data.principalId);
        if (!holder) throw notFound(`That principal is not ${CATALOG_ROLE_LABELS[data.role].toLowerCase()} of ${catalog.displayName}.`);
        await tx
          .delete(catalogRoleAssignments)
          .where(and(eq(catalogRoleAssignments.catalogId, catalog.id), eq(catalogRoleAssignments.principalId, data.principalId), eq(catalogRoleAssignments.role, data.role)));
        await recordAudit(tx, ctx, {
          action: "catalog.role.remove",
          targetType: "catalog",
          targetId: catalog.id,
          before: { principalId: data.principalId, displayName: holder.displayName, role: data.role },
        });
      });
    },
  );
}
