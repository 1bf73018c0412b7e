import { eq } from "drizzle-orm";
import { z } from "zod";
import { catalogs, type Catalog } from "@/db/schema";
import { invalid, notFound, parseInput } from "@/lib/errors";
import { requirePermission } from "@/lib/auth/permissions";
import { nowOf, type Ctx } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { withRefusalAudit } from "@/lib/audit/with-refusal-audit";
import { isUuid } from "@/lib/packages/load";

export const updateCatalogInput = z.object({
  catalogId: z.uuid("catalogId must be the id of a catalog"),
  displayName: z.string().trim().min(1, "a catalog needs a name").max(256, "at most 256 characters").optional(),
  description: z.string().trim().max(1024, "at most 1024 characters").optional(),
  state: z.enum(["published", "unpublished"], { message: "state must be published or unpublished" }).optional(),
  isExternallyVisible: z.boolean({ message: "isExternallyVisible must be true or false" }).optional(),
});
export type UpdateCatalogInput = z.input<typeof updateCatalogInput>;

/** Changes a catalog's name, description, state or external visibility. Catalog owners and administrators only. */
export async function updateCatalog({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<Catalog> {
  const data = parseInput(updateCatalogInput, input);
  const { catalogId, ...changes } = data;
  const set = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) as Partial<Pick<Catalog, "displayName" | "description" | "state" | "isExternallyVisible">>;
  if (Object.keys(set).length === 0) throw invalid("Nothing to change: give displayName, description, state or isExternallyVisible.");
  return withRefusalAudit(
    ctx,
    () => ({ action: "catalog.update", targetType: "catalog", targetId: catalogId }),
    async () => {
      // Permission before existence, so a caller without rights cannot probe catalog ids.
      if (!isUuid(catalogId)) throw notFound(`No catalog with id ${catalogId}.`);
      await requirePermission(ctx, "catalogs.update", { catalogId });
      return ctx.db.transaction(async (tx) => {
        const [before] = await tx.select().from(catalogs).where(eq(catalogs.id, catalogId)).for("update");
        if (!before) throw notFound(`No catalog with id ${catalogId}.`);
        const [after] = await tx.update(catalogs).set({ ...set, modifiedAt: nowOf(ctx) }).where(eq(catalogs.id, catalogId)).returning();
        const changed = Object.keys(set) as (keyof typeof set)[];
        await recordAudit(tx, ctx, {
          action: "catalog.update",
          targetType: "catalog",
          targetId: catalogId,
          before: Object.fromEntries(changed.map((k) => [k, before[k]])),
          after: Object.fromEntries(changed.map((k) => [k, after[k]])),
        });
        return after;
      });
    },
  );
}
