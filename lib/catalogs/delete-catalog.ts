import { count, eq } from "drizzle-orm";
import { z } from "zod";
import { accessPackages, catalogs } from "@/db/schema";
import { conflict, notFound, parseInput } from "@/lib/errors";
import { requirePermission } from "@/lib/auth/permissions";
import type { Ctx } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { withRefusalAudit } from "@/lib/audit/with-refusal-audit";
import { isUuid } from "@/lib/packages/load";

export const deleteCatalogInput = z.object({ catalogId: z.uuid("catalogId must be the id of a catalog") });

/**
 * Deletes an empty catalog (its resources and role assignments go with it). A catalog that still holds access packages
 * is refused with 409: their assignments and history must be dealt with first.
 */
export async function deleteCatalog({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<void> {
  const { catalogId } = parseInput(deleteCatalogInput, input);
  return withRefusalAudit(
    ctx,
    () => ({ action: "catalog.delete", targetType: "catalog", targetId: catalogId }),
    async () => {
      if (!isUuid(catalogId)) throw notFound(`No catalog with id ${catalogId}.`);
      await requirePermission(ctx, "catalogs.update", { catalogId });
      await ctx.db.transaction(async (tx) => {
        const [before] = await tx.select().from(catalogs).where(eq(catalogs.id, catalogId)).for("update");
        if (!before) throw notFound(`No catalog with id ${catalogId}.`);
        const [{ n }] = await tx.select({ n: count() }).from(accessPackages).where(eq(accessPackages.catalogId, catalogId));
        if (Number(n) > 0) {
          throw conflict(`The catalog ${before.displayName} still holds ${n} access package${Number(n) === 1 ? "" : "s"}; delete or move them before deleting the catalog.`);
        }
        await tx.delete(catalogs).where(eq(catalogs.id, catalogId));
        await recordAudit(tx, ctx, { action: "catalog.delete", targetType: "catalog", targetId: catalogId, before });
      });
    },
  );
}
