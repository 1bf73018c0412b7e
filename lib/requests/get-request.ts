import { and, eq } from "drizzle-orm";
import { approvalStages, assignmentRequests, stageApprovers, type AssignmentRequest } from "@/db/schema";
import { notFound } from "@/lib/errors";
import { can } from "@/lib/auth/permissions";
import type { Ctx } from "@/lib/auth/actor";
import { isUuid, loadPackage } from "@/lib/packages/load";

/**
 * One request, for those who may see it: its requestor, its target, the sponsors and owners of an agent target,
 * its approvers, and catalog readers and administrators. Anyone else gets "not found", so ids cannot be probed.
 */
export async function getRequest({ ctx, input }: { ctx: Ctx; input: { requestId: string } }): Promise<AssignmentRequest> {
  const missing = notFound(`No request with id ${input.requestId}.`);
  if (!isUuid(input.requestId)) throw missing;
  const [r] = await ctx.db.select().from(assignmentRequests).where(eq(assignmentRequests.id, input.requestId));
  if (!r) throw missing;
  const me = ctx.actor.id;
  if (ctx.actor.type === "system" || r.requestorId === me || r.targetId === me) return r;
  if (ctx.actor.type === "user") {
    if (await can(ctx, "agents.view", { principalId: r.targetId })) return r;
    const [approver] = await ctx.db
      .select({ id: stageApprovers.principalId })
      .from(stageApprovers)
      .innerJoin(approvalStages, eq(approvalStages.id, stageApprovers.stageId))
      .where(and(eq(approvalStages.requestId, r.id), eq(stageApprovers.principalId, me!)))
      .limit(1);
    if (approver) return r;
  }
  // Catalog readers, administrators, and service principals granted EntitlementManagement.Read(Write).All.
  const pkg = await loadPackage(ctx.db, r.accessPackageId);
  if (await can(ctx, "requests.readAll", { catalogId: pkg.catalogId })) return r;
  throw missing;
}
