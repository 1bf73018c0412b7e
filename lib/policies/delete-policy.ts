import { eq } from "drizzle-orm";
import { z } from "zod";
import { assignmentPolicies } from "@/db/schema";
import { conflict, parseInput } from "@/lib/errors";
import { requirePermission } from "@/lib/auth/permissions";
import { nowOf, type Ctx } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { withRefusalAudit } from "@/lib/audit/with-refusal-audit";
import { loadPackage, loadPolicy } from "@/lib/packages/load";
import { assertDeletable, isForeignKeyViolation } from "@/lib/packages/usage";

export const deletePolicyInput = z.object({ policyId: z.uuid("policyId must be the id of an assignment policy") });

/** Deletes an assignment policy. Refused (409) while it has active assignments or open requests, or history refers to it. */
export async function deletePolicy({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<void> {
  const data = parseInput(deletePolicyInput, input);
  return withRefusalAudit(
    ctx,
    () => ({ action: "policy.delete", targetType: "assignmentPolicy", targetId: data.policyId }),
    async () => {
      const policy = await loadPolicy(ctx.db, data.policyId);
      const pkg = await loadPackage(ctx.db, policy.accessPackageId);
      await requirePermission(ctx, "policies.write", { catalogId: pkg.catalogId });
      await assertDeletable(ctx.db, { assignmentPolicyId: policy.id }, "policy", "Change its settings with a replacement instead, so nobody new can use it.", nowOf(ctx));
      try {
        await ctx.db.transaction(async (tx) => {
          await tx.delete(assignmentPolicies).where(eq(assignmentPolicies.id, policy.id));
          await recordAudit(tx, ctx, { action: "policy.delete", targetType: "assignmentPolicy", targetId: policy.id, before: policy });
        });
      } catch (e) {
        if (isForeignKeyViolation(e)) throw conflict("A request under this policy was made while it was being deleted; it was not deleted.");
        throw e;
      }
    },
  );
}
