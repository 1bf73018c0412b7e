import { alias } from "drizzle-orm/pg-core";
import { count, desc, eq, or } from "drizzle-orm";
import { auditEvents, principals, type ActorType } from "@/db/schema";
import { forbidden } from "@/lib/errors";
import { can } from "@/lib/auth/permissions";
import type { Ctx } from "@/lib/auth/actor";
import { pageOf } from "@/lib/paging";

export type ActivityRow = {
  id: number;
  at: Date;
  actorType: ActorType;
  actorId: string | null;
  actorName: string | null;
  /** The principal acted (rather than being acted on). */
  byThisPrincipal: boolean;
  onBehalfOfName: string | null;
  action: string;
  targetType: string;
  outcome: "success" | "failure";
  detail: string;
  requestId: string | null;
};

export type Activity = { rows: ActivityRow[]; total: number; page: number; pageSize: number };

/**
 * What an agent did and what was done to it: audit events where it is the actor, the target or the one acted for,
 * newest first. For its sponsors, owners and administrators.
 */
export async function listPrincipalActivity(ctx: Ctx, params: { principalId: string; page?: number; pageSize?: number }): Promise<Activity> {
  const { page, pageSize } = pageOf(params, 20);
  if (!(await can(ctx, "agents.view", { principalId: params.principalId }))) throw forbidden("You can see the activity only of agents you sponsor or own.");
  const id = params.principalId;
  const where = or(eq(auditEvents.actorId, id), eq(auditEvents.targetId, id), eq(auditEvents.onBehalfOfId, id));
  const actor = alias(principals, "actor");
  const onBehalf = alias(principals, "on_behalf");
  const [{ total }] = await ctx.db.select({ total: count() }).from(auditEvents).where(where);
  const rows = await ctx.db
    .select({
      id: auditEvents.id,
      at: auditEvents.at,
      actorType: auditEvents.actorType,
      actorId: auditEvents.actorId,
      actorName: actor.displayName,
      onBehalfOfName: onBehalf.displayName,
      action: auditEvents.action,
      targetType: auditEvents.targetType,
      outcome: auditEvents.outcome,
      detail: auditEvents.detail,
      requestId: auditEvents.requestId,
    })
    .from(auditEvents)
    .leftJoin(actor, eq(actor.id, auditEvents.actorId))
    .leftJoin(onBehalf, eq(onBehalf.id, auditEvents.onBehalfOfId))
    .where(where)
    .orderBy(desc(auditEvents.at), desc(auditEvents.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  return { rows: rows.map((r) => ({ ...r, byThisPrincipal: r.actorId === id })), total: Number(total), page, pageSize };
}
