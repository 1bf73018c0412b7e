"use server";

import { revalidatePath } from "next/cache";
import { getCtx } from "@/lib/auth/session";
import { toActionResult } from "@/lib/actions/result";
import { submitRequest } from "@/lib/requests/submit-request";
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

export async function submitRequestAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const ctx = await getCtx();
  const targetId = text(formData, "targetId");
  const accessPackageId = text(formData, "accessPackageId");
  if (!accessPackageId) {
    return { ok: false, code: "invalid", message: "Choose an access package.", fieldErrors: { accessPackageId: ["choose an access package"] }, values: formValues(formData) };
  }
  const answers = [...formData.entries()]
    .filter(([k, v]) => k.startsWith("answer:") && typeof v === "string" && v.trim() !== "")
    .map(([k, v]) => ({ questionId: k.slice("answer:".length), value: String(v) }));
  const result = await toActionResult(
    () =>
      submitRequest({
        ctx,
        input: {
          accessPackageId,
          targetId: targetId || undefined,
          justification: text(formData, "justification"),
          answers,
        },
      }),
    outcome,
  );
  if (!result.ok) return { ...result, values: formValues(formData) };
  revalidatePath("/access/requests");
  revalidatePath("/access/approvals");
  revalidatePath("/account");
  return { ok: true, message: result.message };
}
