import { and, count, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { catalogs, resourceOriginSystem, resourceRoles, resourceRoleScopes, resources, type Resource } from "@/db/schema";
import { conflict, notFound, parseInput } from "@/lib/errors";
import { requirePermission } from "@/lib/auth/permissions";
import { nowOf, type Ctx } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { withRefusalAudit } from "@/lib/audit/with-refusal-audit";

export const removeResourceInput = z.object({
  catalogId: z.uuid("catalogId must be an id"),
  originSystem: z.enum(resourceOriginSystem.enumValues, { message: `originSystem must be one of ${resourceOriginSystem.enumValues.join(", ")}` }),
  originId: z.uuid("originId must be the id of a directory object"),
});

/**
 * Takes a directory object out of a catalog with its roles (Graph: resourceRequests adminRemove). Refused with 409 while
 * an access package hands out one of its roles: remove the role from those packages first.
 */
export async function removeResourceFromCatalog({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<Resource> {
  const data = parseInput(removeResourceInput, input);
  return withRefusalAudit(
    ctx,
    () => ({ action: "resource.remove", targetType: "catalog", targetId: data.catalogId }),
    async () => {
      const [catalog] = await ctx.db.select().from(catalogs).where(eq(catalogs.id, data.catalogId));
      if (!catalog) throw notFound(`No catalog with id ${data.catalogId}.`);
      await requirePermission(ctx, "catalogs.update", { catalogId: catalog.id });
      return ctx.db.transaction(async (tx) => {
        const [resource] = await tx
          .select()
          .from(resources)
          .where(and(eq(resources.catalogId, catalog.id), eq(resources.originSystem, data.originSystem), eq(resources.originId, data.originId)))
          .for("update");
        if (!resource) throw notFound(`The catalog ${catalog.displayName} holds no ${data.originSystem} resource with originId ${data.originId}.`);
        const [{ n }] = await tx
          .select({ n: count() })
          .from(resourceRoleScopes)
          .where(inArray(resourceRoleScopes.resourceRoleId, tx.select({ id: resourceRoles.id }).from(resourceRoles).where(eq(resourceRoles.resourceId, resource.id))));
        if (Number(n) > 0) {
          throw conflict(`${resource.displayName} is still used by ${n} access package role scope${Number(n) === 1 ? "" : "s"}; remove its roles from those access packages first.`);
        }
        await tx.delete(resources).where(eq(resources.id, resource.id));
        await tx.update(catalogs).set({ modifiedAt: nowOf(ctx) }).where(eq(catalogs.id, catalog.id));
        await recordAudit(tx, ctx, {
          action: "resource.remove",
          targetType: "catalog",
          targetId: catalog.id,
          before: { resourceId: resource.id, displayName: resource.displayName, originSystem: resource.originSystem, originId: resource.originId },
        });
        return resource;
      });
    },
  );
}
