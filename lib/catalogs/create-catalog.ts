import { z } from "zod";
import { catalogs, type Catalog } from "@/db/schema";
import { parseInput } from "@/lib/errors";
import { requirePermission } from "@/lib/auth/permissions";
import { nowOf, type Ctx } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { withRefusalAudit } from "@/lib/audit/with-refusal-audit";

export const createCatalogInput = z.object({
  displayName: z.string().trim().min(1, "a catalog needs a name").max(256, "at most 256 characters"),
  description: z.string().trim().max(1024, "at most 1024 characters").default(""),
  state: z.enum(["published", "unpublished"]).default("published"),
  isExternallyVisible: z.boolean().default(false),
});
export type CreateCatalogInput = z.input<typeof createCatalogInput>;

export async function createCatalog({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<Catalog> {
  const data = parseInput(createCatalogInput, input);
  return withRefusalAudit(
    ctx,
    () => ({ action: "catalog.create", targetType: "catalog", targetId: data.displayName }),
    async () => {
      await requirePermission(ctx, "catalogs.create");
      return ctx.db.transaction(async (tx) => {
        const now = nowOf(ctx);
        const [row] = await tx.insert(catalogs).values({ ...data, createdAt: now, modifiedAt: now }).returning();
        await recordAudit(tx, ctx, { action: "catalog.create", targetType: "catalog", targetId: row.id, after: row });
        return row;
      });
    },
  );
}
