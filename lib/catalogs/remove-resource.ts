import { and, asc, eq } from "drizzle-orm";
import { z } from "zod";
import { accessPackages, catalogs, resourceOriginSystem, resourceRoles, resourceRoleScopes, resources, type Resource } from "@/db/schema";
import { conflict, notFound, parseInput } from "@/lib/errors";
import { requirePermission } from "@/lib/auth/permissions";
import { nowOf, type Ctx } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { withRefusalAudit } from "@/lib/audit/with-refusal-audit";

/** The resource by its id in the catalog, or (as Graph's resourceRequests name it) by originSystem + originId. */
export const removeResourceInput = z.union([
  z.object({
    catalogId: z.uuid("catalogId must be the id of a catalog"),
    resourceId: z.uuid("resourceId must be the id of a catalog resource"),
  }),
  z.object({
    catalogId: z.uuid("catalogId must be the id of a catalog"),
    originSystem: z.enum(resourceOriginSystem.enumValues, { message: `originSystem must be one of ${resourceOriginSystem.enumValues.join(", ")}` }),
    originId: z.uuid("originId must be the id of a directory object"),
  }),
]);

/**
 * Removes a resource (and its roles) from a catalog. Refused while any access package of the catalog hands out
 * one of its roles: the package would silently lose access it promises. Requires catalogs.update.
 */
export async function removeResourceFromCatalog({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<Resource> {
  const data = parseInput(removeResourceInput, input);
  return withRefusalAudit(
    ctx,
    () => ({ action: "resource.remove", targetType: "catalog", targetId: data.catalogId }),
    async () => {
      await requirePermission(ctx, "catalogs.update", { catalogId: data.catalogId });
      return ctx.db.transaction(async (tx) => {
        const [catalog] = await tx.select().from(catalogs).where(eq(catalogs.id, data.catalogId));
        if (!catalog) throw notFound(`No catalog with id ${data.catalogId}.`);
        const [resource] = await tx
          .select()
          .from(resources)
          .where(
            and(
              eq(resources.catalogId, catalog.id),
              "resourceId" in data ? eq(resources.id, data.resourceId) : and(eq(resources.originSystem, data.originSystem), eq(resources.originId, data.originId)),
            ),
          )
          .for("update");
        if (!resource) throw notFound(`The catalog ${catalog.displayName} holds no such resource.`);
        const users = await tx
          .selectDistinct({ name: accessPackages.displayName })
          .from(resourceRoleScopes)
          .innerJoin(resourceRoles, eq(resourceRoles.id, resourceRoleScopes.resourceRoleId))
          .innerJoin(accessPackages, eq(accessPackages.id, resourceRoleScopes.accessPackageId))
          .where(eq(resourceRoles.resourceId, resource.id))
          .orderBy(asc(accessPackages.displayName));
        if (users.length) {
          const names = users.map((u) => `"${u.name}"`).join(", ");
          const one = users.length === 1;
          throw conflict(
            `${resource.displayName} can't be removed: it is still used by the access ${one ? "package" : "packages"} ${names}. Remove its roles from ${one ? "that package" : "those packages"} first.`,
          );
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
