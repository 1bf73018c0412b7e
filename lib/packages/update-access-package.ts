import { eq } from "drizzle-orm";
import { z } from "zod";
import { accessPackages, type AccessPackage } from "@/db/schema";
import { notFound, parseInput } from "@/lib/errors";
import { requirePermission } from "@/lib/auth/permissions";
import { nowOf, type Ctx } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { withRefusalAudit } from "@/lib/audit/with-refusal-audit";
import { loadPackage } from "./load";
import { createAccessPackageInput } from "./create-access-package";

const base = createAccessPackageInput.shape;

/** The fields of a package an editor (or Graph PATCH) may change; an omitted field stays as it is. */
export const updateAccessPackageInput = z.object({
  accessPackageId: z.uuid("accessPackageId must be the id of an access package"),
  displayName: base.displayName.optional(),
  description: z.string().trim().max(2048, "at most 2048 characters").optional(),
  isHidden: z.boolean("isHidden must be true or false").optional(),
});
export type UpdateAccessPackageInput = z.input<typeof updateAccessPackageInput>;

/** Changes a package's name, description or visibility. A request with nothing to change changes nothing. */
export async function updateAccessPackage({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<AccessPackage> {
  const data = parseInput(updateAccessPackageInput, input);
  return withRefusalAudit(
    ctx,
    () => ({ action: "accessPackage.update", targetType: "accessPackage", targetId: data.accessPackageId }),
    async () => {
      const pkg = await loadPackage(ctx.db, data.accessPackageId);
      await requirePermission(ctx, "packages.write", { catalogId: pkg.catalogId });
      const patch: Partial<Pick<AccessPackage, "displayName" | "description" | "isHidden">> = {};
      if (data.displayName !== undefined && data.displayName !== pkg.displayName) patch.displayName = data.displayName;
      if (data.description !== undefined && data.description !== pkg.description) patch.description = data.description;
      if (data.isHidden !== undefined && data.isHidden !== pkg.isHidden) patch.isHidden = data.isHidden;
      if (Object.keys(patch).length === 0) return pkg;
      return ctx.db.transaction(async (tx) => {
        const [row] = await tx
          .update(accessPackages)
          .set({ ...patch, modifiedAt: nowOf(ctx) })
          .where(eq(accessPackages.id, pkg.id))
          .returning();
        if (!row) throw notFound(`No access package with id ${pkg.id}.`);
        const before = Object.fromEntries(Object.keys(patch).map((k) => [k, pkg[k as keyof typeof patch]]));
        await recordAudit(tx, ctx, { action: "accessPackage.update", targetType: "accessPackage", targetId: pkg.id, before, after: patch });
        return row;
      });
    },
  );
}
