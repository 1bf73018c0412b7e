import { conflict, isDomainError, isSerializationFailure } from "@/lib/errors";
import type { Ctx } from "@/lib/auth/actor";
import { recordAudit, type AuditInput } from "./record-audit";

/**
 * Runs a mutating verb; when it is refused (forbidden or conflict) the refusal is audited on its own,
 * after the verb's transaction has rolled back. Invalid input is not audited: it changes nothing.
 */
export async function withRefusalAudit<T>(
  ctx: Ctx,
  meta: () => Pick<AuditInput, "action" | "targetType" | "targetId" | "requestId" | "onBehalfOfId">,
  fn: () => Promise<T>,
): Promise<T> {
  try {
    return await fn();
  } catch (caught) {
    // A deadlock or serialization failure means another change to the same rows won: a conflict, not a crash.
    const e = isSerializationFailure(caught) ? conflict("Another change to the same request or assignment happened at the same time; try again.") : caught;
    if (isDomainError(e) && (e.code === "forbidden" || e.code === "conflict")) {
      const m = meta();
      await recordAudit(ctx.db, ctx, { ...m, outcome: "failure", detail: e.message }).catch(() => {});
    }
    throw e;
  }
}
