import { and, count, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { assignmentPolicies, assignmentRequests, OPEN_REQUEST_STATES } from "@/db/schema";
import { conflict, invalid, isUniqueViolation, notFound, parseInput } from "@/lib/errors";
import { requirePermission } from "@/lib/auth/permissions";
import { nowOf, type Ctx } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { withRefusalAudit } from "@/lib/audit/with-refusal-audit";
import { loadPackage, loadPolicy } from "@/lib/packages/load";
import { policyInputSchema, type Policy } from "./settings";
import { checkSubjectsExist } from "./check-subjects-exist";

/** The id of the policy to replace; the rest of the input is the body createPolicy takes. */
const target = z.object({
  policyId: z.uuid("policyId must be the id of an assignment policy"),
  accessPackageId: z.uuid("accessPackageId must be the id of an access package").optional(),
});
export type ReplacePolicyInput = { policyId: string } & Omit<z.input<typeof policyInputSchema>, "accessPackageId"> & { accessPackageId?: string };

/**
 * Replaces a policy as Graph's PUT does: every setting comes from the input (omitted ones take their defaults);
 * the access package cannot change. Existing assignments keep their dates: the new expiration applies to
 * requests and extensions from now on.
 *
 * Open requests keep the settings they were submitted under: approval stages, approver justification,
 * timeouts and the expiration counted at delivery are read from the policy while a request waits
 * (decide-approval, advance-timeouts, deliver), and requests keep no copy of them. So a replacement that
 * changes requestApprovalSettings or expiration is refused (409) while the policy has open requests; one that
 * changes only names, who may request, questions or requestor settings goes ahead (those are read at submission).
 */
export async function replacePolicy({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<Policy> {
  const ids = parseInput(target, input);
  const { policyId, ...body } = input as Record<string, unknown>;
  return withRefusalAudit(
    ctx,
    () => ({ action: "policy.replace", targetType: "assignmentPolicy", targetId: ids.policyId }),
    async () => {
      const existing = await loadPolicy(ctx.db, policyId as string);
      if (ids.accessPackageId && ids.accessPackageId !== existing.accessPackageId) {
        throw invalid("A policy cannot move to another access package; create a policy on that package instead.", { accessPackageId: ["must be the policy's own access package"] });
      }
      const data = parseInput(policyInputSchema, { ...body, accessPackageId: existing.accessPackageId });
      const pkg = await loadPackage(ctx.db, existing.accessPackageId);
      await requirePermission(ctx, "policies.write", { catalogId: pkg.catalogId });
      await checkSubjectsExist(ctx.db, data);
      const changesOpenRequests =
        JSON.stringify(data.requestApprovalSettings) !== JSON.stringify(existing.requestApprovalSettings) || JSON.stringify(data.expiration) !== JSON.stringify(existing.expiration);
      try {
        return await ctx.db.transaction(async (tx) => {
          if (changesOpenRequests) {
            const [{ n }] = await tx
              .select({ n: count() })
              .from(assignmentRequests)
              .where(and(eq(assignmentRequests.assignmentPolicyId, existing.id), inArray(assignmentRequests.state, [...OPEN_REQUEST_STATES])));
            if (Number(n) > 0) {
              throw conflict(
                `The policy has ${n} open request${Number(n) === 1 ? "" : "s"} that were submitted under its current approval and expiration settings; wait for them to complete (or cancel them) before changing those settings.`,
              );
            }
          }
          const [row] = await tx
            .update(assignmentPolicies)
            .set({ ...data, modifiedAt: nowOf(ctx) })
            .where(eq(assignmentPolicies.id, existing.id))
            .returning();
          if (!row) throw notFound(`No assignment policy with id ${existing.id}.`);
          await recordAudit(tx, ctx, { action: "policy.replace", targetType: "assignmentPolicy", targetId: row.id, before: existing, after: data });
          return loadPolicy(tx, row.id);
        });
      } catch (e) {
        if (isUniqueViolation(e)) throw conflict(`The package already has a policy named "${data.displayName}".`);
        throw e;
      }
    },
  );
}
