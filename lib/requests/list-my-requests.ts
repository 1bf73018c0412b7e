import { alias } from "drizzle-orm/pg-core";
import { count, desc, eq, or } from "drizzle-orm";
import { accessPackages, assignmentRequests, principals, type RequestState, type RequestType } from "@/db/schema";
import type { Ctx } from "@/lib/auth/actor";
import { pageOf } from "@/lib/paging";

export type MyRequestRow = {
  id: string;
  requestType: RequestType;
  accessPackageId: string;
  packageName: string;
  targetId: string;
  targetName: string;
  targetType: string;
  /** The request is for the viewer themselves. */
  forMe: boolean;
  requestorName: string | null;
  /** The viewer made the request (rather than being its target). */
  requestedByMe: boolean;
  state: RequestState;
  status: string;
  justification: string;
  createdAt: Date;
  completedAt: Date | null;
  /** Still pending, so the requestor (or target) may cancel it. */
  cancelable: boolean;
};

export type MyRequests = { rows: MyRequestRow[]; total: number; page: number; pageSize: number };

const CANCELABLE: readonly RequestState[] = ["submitted", "pendingApproval", "scheduled"];

/** Requests the actor made or that are for the actor, newest first. */
export async function listMyRequests(ctx: Ctx, params: { page?: number; pageSize?: number } = {}): Promise<MyRequests> {
  const { page, pageSize } = pageOf(params, 25);
  const me = ctx.actor.id;
  if (!me) return { rows: [], total: 0, page, pageSize };
  const target = alias(principals, "target");
  const requestor = alias(principals, "requestor");
  const where = or(eq(assignmentRequests.requestorId, me), eq(assignmentRequests.targetId, me));
  const [{ total }] = await ctx.db.select({ total: count() }).from(assignmentRequests).where(where);
  const rows = await ctx.db
    .select({
      id: assignmentRequests.id,
      requestType: assignmentRequests.requestType,
      accessPackageId: assignmentRequests.accessPackageId,
      packageName: accessPackages.displayName,
      targetId: assignmentRequests.targetId,
      targetName: target.displayName,
      targetType: target.type,
      requestorId: assignmentRequests.requestorId,
      requestorName: requestor.displayName,
      state: assignmentRequests.state,
      status: assignmentRequests.status,
      justification: assignmentRequests.justification,
      createdAt: assignmentRequests.createdAt,
      completedAt: assignmentRequests.completedAt,
    })
    .from(assignmentRequests)
    .innerJoin(accessPackages, eq(accessPackages.id, assignmentRequests.accessPackageId))
    .innerJoin(target, eq(target.id, assignmentRequests.targetId))
    .leftJoin(requestor, eq(requestor.id, assignmentRequests.requestorId))
    .where(where)
    .orderBy(desc(assignmentRequests.createdAt), desc(assignmentRequests.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  return {
    rows: rows.map(({ requestorId, ...r }) => ({
      ...r,
      forMe: r.targetId === me,
      requestedByMe: requestorId === me,
      cancelable: CANCELABLE.includes(r.state),
    })),
    total: Number(total),
    page,
    pageSize,
  };
}
