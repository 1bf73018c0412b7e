import { eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { accessPackages, catalogs, resourceRoleScopes, resourceRoles, resources, type AccessPackage } from "@/db/schema";
import { invalid, notFound, parseInput } from "@/lib/errors";
import { requirePermission } from "@/lib/auth/permissions";
import { nowOf, type Ctx } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { withRefusalAudit } from "@/lib/audit/with-refusal-audit";

export const createAccessPackageInput = z.object({
  catalogId: z.uuid("catalogId must be an id"),
  displayName: z.string().trim().min(1, "a package needs a name").max(256, "at most 256 characters"),
  description: z.string().trim().max(2048, "at most 2048 characters").default(""),
  isHidden: z.boolean().default(false),
  resourceRoleIds: z.array(z.uuid("each resource role must be an id")).max(100).default([]),
});

/** Creates an access package in a catalog, with the resource roles it hands out. */
export async function createAccessPackage({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<AccessPackage & { resourceRoleIds: string[] }> {
  const data = parseInput(createAccessPackageInput, input);
  return withRefusalAudit(
    ctx,
    () => ({ action: "accessPackage.create", targetType: "catalog", targetId: data.catalogId }),
    async () => {
      const [catalog] = await ctx.db.select().from(catalogs).where(eq(catalogs.id, data.catalogId));
      if (!catalog) throw notFound(`No catalog with id ${data.catalogId}.`);
      await requirePermission(ctx, "packages.write", { catalogId: catalog.id });
      const roleIds = [...new Set(data.resourceRoleIds)];
      if (roleIds.length) {
        const found = await ctx.db
          .select({ id: resourceRoles.id, catalogId: resources.catalogId })
          .from(resourceRoles)
          .innerJoin(resources, eq(resources.id, resourceRoles.resourceId))
          .where(inArray(resourceRoles.id, roleIds));
        const inCatalog = new Set(found.filter((r) => r.catalogId === catalog.id).map((r) => r.id));
        const missing = roleIds.filter((id) => !inCatalog.has(id));
        if (missing.length) throw invalid(`Resource roles not in catalog ${catalog.displayName}: ${missing.join(", ")}.`, { resourceRoleIds: ["every role must belong to a resource in this catalog"] });
      }
      return ctx.db.transaction(async (tx) => {
        const now = nowOf(ctx);
        const [pkg] = await tx
          .insert(accessPackages)
          .values({ catalogId: catalog.id, displayName: data.displayName, description: data.description, isHidden: data.isHidden, createdById: ctx.actor.id, createdAt: now, modifiedAt: now })
          .returning();
        if (roleIds.length) await tx.insert(resourceRoleScopes).values(roleIds.map((resourceRoleId) => ({ accessPackageId: pkg.id, resourceRoleId, createdAt: now })));
        await recordAudit(tx, ctx, { action: "accessPackage.create", targetType: "accessPackage", targetId: pkg.id, after: { ...pkg, resourceRoleIds: roleIds } });
        return { ...pkg, resourceRoleIds: roleIds };
      });
    },
  );
}
