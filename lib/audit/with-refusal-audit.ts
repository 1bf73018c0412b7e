import { isDomainError } from "@/lib/errors";
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
  } catch (e) {
    if (isDomainError(e) && (e.code === "forbidden" || e.code === "conflict")) {
      const m = meta();
      await recordAudit(ctx.db, ctx, { ...m, outcome: "failure", detail: e.message }).catch(() => {});
    }
    throw e;
  }
}
