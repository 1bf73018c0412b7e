"use server";

import { revalidatePath } from "next/cache";
import { getCtx } from "@/lib/auth/session";
import { toActionResult } from "@/lib/actions/result";
import { submitRequest } from "@/lib/requests/submit-request";
import { listRequestOptions, type PackageOption } from "@/lib/requests/list-request-options";
import type { AssignmentRequest } from "@/db/schema";
import { formValues, text, type FormState } from "@/components/forms/form-state";

function outcome(r: AssignmentRequest): string {
  switch (r.state) {
    case "pendingApproval":
      return "Request submitted: pending approval.";
    case "delivered":
      return "Delivered: the access is granted.";
    case "partiallyDelivered":
      return `Partially delivered: ${r.status}`;
    case "scheduled":
      return `Request submitted: scheduled. ${r.status}`;
    case "deliveryFailed":
      return `Request submitted, but delivery failed: ${r.status}`;
    case "denied":
      return `Request denied: ${r.status}`;
    default:
      return `Request submitted (${r.state}).`;
  }
}

/** Answers from `answer:<questionId>` fields; a question answered with several checkboxes gives a list. */
function answersFrom(formData: FormData): { questionId: string; value: string | string[] }[] {
  const byQuestion = new Map<string, string[]>();
  for (const [k, v] of formData.entries()) {
    if (!k.startsWith("answer:") || typeof v !== "string" || v.trim() === "") continue;
    const id = k.slice("answer:".length);
    byQuestion.set(id, [...(byQuestion.get(id) ?? []), v]);
  }
  return [...byQuestion.entries()].map(([questionId, values]) => ({ questionId, value: formData.get(`multi:${questionId}`) === "1" ? values : values.length === 1 ? values[0] : values }));
}

/** The requested dates (ISO instants from the browser), only when the requestor set any. */
function scheduleFrom(formData: FormData) {
  const start = text(formData, "scheduleStart");
  const end = text(formData, "scheduleEnd");
  if (!start && !end) return undefined;
  return { ...(start ? { startDateTime: start } : {}), ...(end ? { expiration: { type: "afterDateTime" as const, endDateTime: end } } : {}) };
}

export async function submitRequestAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const ctx = await getCtx();
  const targetId = text(formData, "targetId");
  const accessPackageId = text(formData, "accessPackageId");
  if (!accessPackageId) {
    return { ok: false, code: "invalid", message: "Choose an access package.", fieldErrors: { accessPackageId: ["choose an access package"] }, values: formValues(formData) };
  }
  const result = await toActionResult(
    () =>
      submitRequest({
        ctx,
        input: {
          accessPackageId,
          assignmentPolicyId: text(formData, "assignmentPolicyId") || undefined,
          targetId: targetId || undefined,
          justification: text(formData, "justification"),
          answers: answersFrom(formData),
          schedule: scheduleFrom(formData),
        },
      }),
    outcome,
  );
  if (!result.ok) return { ...result, values: formValues(formData) };
  revalidatePath("/access/requests");
  revalidatePath("/access/approvals");
  revalidatePath("/access/mine");
  revalidatePath("/account", "layout");
  return { ok: true, message: result.message };
}

/** For the request form: which packages the chosen target can get, and why not for the others. */
export async function requestOptionsAction(targetId: string | null, accessPackageIds: string[]): Promise<{ ok: true; options: PackageOption[] } | { ok: false; message: string }> {
  const ctx = await getCtx();
  const result = await toActionResult(() => listRequestOptions(ctx, { targetId: targetId || undefined, accessPackageIds }));
  return result.ok ? { ok: true, options: result.data ?? [] } : { ok: false, message: result.message };
}
