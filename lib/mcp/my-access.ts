import { and, asc, eq } from "drizzle-orm";
import { accessPackages, assignmentPolicies, assignments, type AssignmentState } from "@/db/schema";
import { nowOf, type Ctx } from "@/lib/auth/actor";
import { assignmentIsActive } from "@/lib/assignments/active";

export type MyAssignment = {
  id: string;
  accessPackageId: string;
  packageName: string;
  policyName: string;
  state: AssignmentState;
  startDateTime: Date;
  endDateTime: Date | null;
};

/** The caller's own assignments that are held right now (an assignment past its end is not), optionally of one package. */
export async function listMyActiveAssignments(ctx: Ctx, filter: { accessPackageId?: string; assignmentId?: string } = {}): Promise<MyAssignment[]> {
  const me = ctx.actor.id;
  if (!me) return [];
  const conds = [eq(assignments.targetId, me), assignmentIsActive(nowOf(ctx))];
  if (filter.accessPackageId) conds.push(eq(assignments.accessPackageId, filter.accessPackageId));
  if (filter.assignmentId) conds.push(eq(assignments.id, filter.assignmentId));
  return ctx.db
    .select({
      id: assignments.id,
      accessPackageId: assignments.accessPackageId,
      packageName: accessPackages.displayName,
      policyName: assignmentPolicies.displayName,
      state: assignments.state,
      startDateTime: assignments.startDateTime,
      endDateTime: assignments.endDateTime,
    })
    .from(assignments)
    .innerJoin(accessPackages, eq(accessPackages.id, assignments.accessPackageId))
    .innerJoin(assignmentPolicies, eq(assignmentPolicies.id, assignments.assignmentPolicyId))
    .where(and(...conds))
    .orderBy(asc(accessPackages.displayName));
}
