import { unstable_rethrow } from "next/navigation";
import { isDomainError, type ErrorCode, type FieldErrors } from "@/lib/errors";

/** What a server action returns to `useActionState`: serialisable, never a stack trace. */
export type ActionResult<T = undefined> =
  | { ok: true; message?: string; data?: T }
  | { ok: false; code: ErrorCode | "internal"; message: string; fieldErrors?: FieldErrors };

/**
 * Runs a server action's work and maps the outcome once: DomainError → its code, message and
 * field errors; anything else → a generic message (logged here, never sent to the browser).
 * Next's own control-flow throws (redirect, notFound) pass through untouched.
 */
export async function toActionResult<T>(
  fn: () => Promise<T>,
  successMessage?: string | ((data: T) => string | undefined),
): Promise<ActionResult<T>> {
  try {
    const data = await fn();
    const message = typeof successMessage === "function" ? successMessage(data) : successMessage;
    return data === undefined ? { ok: true, message } : { ok: true, message, data };
  } catch (e) {
    unstable_rethrow(e);
    if (isDomainError(e)) {
      return { ok: false, code: e.code, message: e.message, fieldErrors: e.fieldErrors };
    }
    console.error("Server action failed", e);
    return { ok: false, code: "internal", message: "Something went wrong; nothing was changed." };
  }
}
