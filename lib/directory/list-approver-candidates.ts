import { and, asc, eq, isNull } from "drizzle-orm";
import { principals } from "@/db/schema";
import type { Ctx } from "@/lib/auth/actor";
import { requirePermission } from "@/lib/auth/permissions";

export type ApproverCandidate = { id: string; displayName: string; jobTitle: string | null };

/**
 * People who can be named as approvers in a policy of the catalog: enabled users who have not left.
 * Requires policies.write on the catalog (the people picker of the package form).
 */
export async function listApproverCandidates(ctx: Ctx, params: { catalogId: string }): Promise<ApproverCandidate[]> {
  await requirePermission(ctx, "policies.write", { catalogId: params.catalogId });
  return ctx.db
    .select({ id: principals.id, displayName: principals.displayName, jobTitle: principals.jobTitle })
    .from(principals)
    .where(and(eq(principals.type, "user"), eq(principals.accountEnabled, true), isNull(principals.leftAt)))
    .orderBy(asc(principals.displayName));
}
