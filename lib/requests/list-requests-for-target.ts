import { alias } from "drizzle-orm/pg-core";
import { count, desc, eq } from "drizzle-orm";
import { accessPackages, assignmentRequests, principals, type ActorType, type RequestState, type RequestType } from "@/db/schema";
import { forbidden } from "@/lib/errors";
import { can } from "@/lib/auth/permissions";
import type { Ctx } from "@/lib/auth/actor";
import { pageOf } from "@/lib/paging";

export type TargetRequestRow = {
  id: string;
  requestType: RequestType;
  packageName: string;
  requestorName: string | null;
  requestorType: ActorType;
  state: RequestState;
  status: string;
  createdAt: Date;
  completedAt: Date | null;
};

export type TargetRequests = { rows: TargetRequestRow[]; total: number; page: number; pageSize: number };

/** Every request for one principal (any requestor), newest first: the caller's own, or an agent's for its sponsors, owners and administrators. */
export async function listRequestsForTarget(ctx: Ctx, params: { targetId: string; page?: number; pageSize?: number }): Promise<TargetRequests> {
  const { page, pageSize } = pageOf(params, 10);
  if (params.targetId !== ctx.actor.id && !(await can(ctx, "agents.view", { principalId: params.targetId }))) {
    throw forbidden("You can see only your own requests and those of agents you sponsor or own.");
  }
  const requestor = alias(principals, "requestor");
  const where = eq(assignmentRequests.targetId, params.targetId);
  const [{ total }] = await ctx.db.select({ total: count() }).from(assignmentRequests).where(where);
  const rows = await ctx.db
    .select({
      id: assignmentRequests.id,
      requestType: assignmentRequests.requestType,
      packageName: accessPackages.displayName,
      requestorName: requestor.displayName,
      requestorType: assignmentRequests.requestorType,
      state: assignmentRequests.state,
      status: assignmentRequests.status,
      createdAt: assignmentRequests.createdAt,
      completedAt: assignmentRequests.completedAt,
    })
    .from(assignmentRequests)
    .innerJoin(accessPackages, eq(accessPackages.id, assignmentRequests.accessPackageId))
    .leftJoin(requestor, eq(requestor.id, assignmentRequests.requestorId))
    .where(where)
    .orderBy(desc(assignmentRequests.createdAt), desc(assignmentRequests.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  return { rows, total: Number(total), page, pageSize };
}
