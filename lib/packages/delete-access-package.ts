import { eq } from "drizzle-orm";
import { z } from "zod";
import { accessPackages, assignmentPolicies, resourceRoleScopes } from "@/db/schema";
import { conflict, parseInput } from "@/lib/errors";
import { requirePermission } from "@/lib/auth/permissions";
import { nowOf, type Ctx } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { withRefusalAudit } from "@/lib/audit/with-refusal-audit";
import { loadPackage } from "./load";
import { assertDeletable, isForeignKeyViolation } from "./usage";

export const deleteAccessPackageInput = z.object({ accessPackageId: z.uuid("accessPackageId must be the id of an access package") });

/**
 * Deletes an access package with its policies, resource role scopes and incompatibility links (they cascade).
 * Refused (409) while it has active assignments or open requests, and while history refers to it.
 */
export async function deleteAccessPackage({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<void> {
  const data = parseInput(deleteAccessPackageInput, input);
  return withRefusalAudit(
    ctx,
    () => ({ action: "accessPackage.delete", targetType: "accessPackage", targetId: data.accessPackageId }),
    async () => {
      const pkg = await loadPackage(ctx.db, data.accessPackageId);
      await requirePermission(ctx, "packages.write", { catalogId: pkg.catalogId });
      await assertDeletable(ctx.db, { accessPackageId: pkg.id }, "access package", "Hide it (isHidden) so nobody can find it to request it instead.", nowOf(ctx));
      try {
        await ctx.db.transaction(async (tx) => {
          const policies = await tx.select({ id: assignmentPolicies.id, displayName: assignmentPolicies.displayName }).from(assignmentPolicies).where(eq(assignmentPolicies.accessPackageId, pkg.id));
          const scopes = await tx.select({ id: resourceRoleScopes.id, resourceRoleId: resourceRoleScopes.resourceRoleId }).from(resourceRoleScopes).where(eq(resourceRoleScopes.accessPackageId, pkg.id));
          await tx.delete(accessPackages).where(eq(accessPackages.id, pkg.id));
          await recordAudit(tx, ctx, { action: "accessPackage.delete", targetType: "accessPackage", targetId: pkg.id, before: { ...pkg, policies, resourceRoleScopes: scopes } });
        });
      } catch (e) {
        if (isForeignKeyViolation(e)) throw conflict("A request for this access package was made while it was being deleted; it was not deleted.");
        throw e;
      }
    },
  );
}
