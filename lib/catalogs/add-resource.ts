import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { catalogs, resourceOriginSystem, resourceRoles, resources, type Resource, type ResourceRole } from "@/db/schema";
import { conflict, invalid, notFound, parseInput } from "@/lib/errors";
import { requirePermission } from "@/lib/auth/permissions";
import { nowOf, type Ctx } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { withRefusalAudit } from "@/lib/audit/with-refusal-audit";
import { isUuid } from "@/lib/packages/load";
import { loadDirectoryObject } from "./derive-resource-roles";

export const addResourceInput = z.object({
  catalogId: z.uuid("catalogId must be an id"),
  originSystem: z.enum(resourceOriginSystem.enumValues),
  originId: z.uuid("originId must be the id of a directory object"),
});

/** Adds a directory object (group, application, API, directory role, site) to a catalog with its roles. */
export async function addResourceToCatalog({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<Resource & { roles: ResourceRole[] }> {
  const data = parseInput(addResourceInput, input);
  return withRefusalAudit(
    ctx,
    () => ({ action: "resource.add", targetType: "catalog", targetId: data.catalogId }),
    async () => {
      const [catalog] = await ctx.db.select().from(catalogs).where(eq(catalogs.id, data.catalogId));
      if (!catalog) throw notFound(`No catalog with id ${data.catalogId}.`);
      await requirePermission(ctx, "resources.add", { catalogId: catalog.id });
      const obj = isUuid(data.originId) ? await loadDirectoryObject(ctx.db, data.originSystem, data.originId) : null;
      if (!obj) throw invalid(`No ${data.originSystem} with id ${data.originId} in the directory.`, { originId: ["not found in the directory"] });
      return ctx.db.transaction(async (tx) => {
        const [existing] = await tx
          .select({ id: resources.id })
          .from(resources)
          .where(and(eq(resources.catalogId, catalog.id), eq(resources.originSystem, data.originSystem), eq(resources.originId, data.originId)));
        if (existing) throw conflict(`${obj.displayName} is already in the catalog ${catalog.displayName}.`);
        const [resource] = await tx
          .insert(resources)
          .values({ catalogId: catalog.id, originSystem: data.originSystem, originId: data.originId, displayName: obj.displayName, description: obj.description, createdAt: nowOf(ctx) })
          .returning();
        const roles = obj.roles.length ? await tx.insert(resourceRoles).values(obj.roles.map((r) => ({ ...r, resourceId: resource.id }))).returning() : [];
        await tx.update(catalogs).set({ modifiedAt: nowOf(ctx) }).where(eq(catalogs.id, catalog.id));
        await recordAudit(tx, ctx, {
          action: "resource.add",
          targetType: "catalog",
          targetId: catalog.id,
          after: { resourceId: resource.id, displayName: resource.displayName, originSystem: resource.originSystem, roles: roles.map((r) => r.displayName) },
        });
        return { ...resource, roles };
      });
    },
  );
}
