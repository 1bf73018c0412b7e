import { assignmentPolicies } from "@/db/schema";
import { conflict, isUniqueViolation, parseInput } from "@/lib/errors";
import { requirePermission } from "@/lib/auth/permissions";
import { nowOf, type Ctx } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { withRefusalAudit } from "@/lib/audit/with-refusal-audit";
import { loadPackage } from "@/lib/packages/load";
import { policyFromRow, policyInputSchema, type Policy } from "./settings";
import { checkSubjectsExist } from "./check-subjects-exist";

/** Creates an assignment policy on an access package; settings are validated by policyInputSchema. */
export async function createPolicy({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<Policy> {
  const data = parseInput(policyInputSchema, input);
  return withRefusalAudit(
    ctx,
    () => ({ action: "policy.create", targetType: "accessPackage", targetId: data.accessPackageId }),
    async () => {
      const pkg = await loadPackage(ctx.db, data.accessPackageId);
      await requirePermission(ctx, "policies.write", { catalogId: pkg.catalogId });
      await checkSubjectsExist(ctx.db, data);
      try {
        return await ctx.db.transaction(async (tx) => {
          const now = nowOf(ctx);
          const [row] = await tx.insert(assignmentPolicies).values({ ...data, createdAt: now, modifiedAt: now }).returning();
          await recordAudit(tx, ctx, { action: "policy.create", targetType: "assignmentPolicy", targetId: row.id, after: row });
          return policyFromRow(row);
        });
      } catch (e) {
        if (isUniqueViolation(e)) throw conflict(`The package already has a policy named "${data.displayName}".`);
        throw e;
      }
    },
  );
}
