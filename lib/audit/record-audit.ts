import { auditEvents } from "@/db/schema";
import type { DbOrTx } from "@/db";
import { nowOf, type Ctx } from "@/lib/auth/actor";

export type AuditInput = {
  action: string;
  targetType: string;
  targetId: string;
  requestId?: string | null;
  onBehalfOfId?: string | null;
  before?: unknown;
  after?: unknown;
  outcome?: "success" | "failure";
  detail?: string;
};

/** The audit_events row for an event (for callers that insert it as part of a larger statement). */
export function auditRow(ctx: Ctx, e: AuditInput): typeof auditEvents.$inferInsert {
  return {
    at: nowOf(ctx),
    actorType: ctx.actor.type,
    actorId: ctx.actor.id,
    onBehalfOfId: e.onBehalfOfId ?? null,
    action: e.action,
    targetType: e.targetType,
    targetId: e.targetId,
    requestId: e.requestId ?? null,
    outcome: e.outcome ?? "success",
    before: e.before ?? null,
    after: e.after ?? null,
    detail: e.detail ?? "",
  };
}

/** Writes one audit event; call it inside the transaction that makes the change. */
export async function recordAudit(tx: DbOrTx, ctx: Ctx, e: AuditInput): Promise<void> {
  await tx.insert(auditEvents).values(auditRow(ctx, e));
}
