import { eq } from "drizzle-orm";
import { z } from "zod";
import { assignments, type AssignmentRequest } from "@/db/schema";
import { notFound, parseInput } from "@/lib/errors";
import { can } from "@/lib/auth/permissions";
import type { Ctx } from "@/lib/auth/actor";
import { loadPackage } from "@/lib/packages/load";
import { submitRequest } from "@/lib/requests/submit-request";

export const removeAssignmentInput = z.object({
  assignmentId: z.uuid("assignmentId must be the id of an assignment"),
  justification: z.string().trim().max(4000).default(""),
});

/**
 * Removes an assignment through a removal request: adminRemove for administrators and assignment managers,
 * otherwise userRemove (for oneself, or on an agent's behalf where the policy allows it). Grants go with it.
 */
export async function removeAssignment({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<AssignmentRequest> {
  const data = parseInput(removeAssignmentInput, input);
  const [a] = await ctx.db.select().from(assignments).where(eq(assignments.id, data.assignmentId));
  if (!a) throw notFound(`No assignment with id ${data.assignmentId}.`);
  const pkg = await loadPackage(ctx.db, a.accessPackageId);
  const asAdmin = await can(ctx, "assignments.manage", { catalogId: pkg.catalogId });
  return submitRequest({
    ctx,
    input: { requestType: asAdmin ? "adminRemove" : "userRemove", accessPackageId: a.accessPackageId, targetId: a.targetId, assignmentId: a.id, justification: data.justification },
  });
}
