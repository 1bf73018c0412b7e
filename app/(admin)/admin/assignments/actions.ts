"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getCtx } from "@/lib/auth/session";
import { toActionResult } from "@/lib/actions/result";
import { removeAssignment } from "@/lib/assignments/remove-assignment";
import { text, type FormState } from "@/components/forms/form-state";

export async function removeAssignmentAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const ctx = await getCtx();
  const result = await toActionResult(() => removeAssignment({ ctx, input: { assignmentId: text(formData, "assignmentId"), justification: text(formData, "justification") } }));
  if (!result.ok) return result;
  const request = result.data;
  // The removal request was accepted but delivery could not remove it (e.g. another removal got there first).
  if (!request || request.state === "deliveryFailed") return { ok: false, code: "conflict", message: request?.status || "The assignment could not be removed." };
  revalidatePath("/admin/assignments");
  revalidatePath("/admin/requests");
  // The row loses its button (and the form its message) once removed, so the page says it; the list keeps its filters.
  const back = new URLSearchParams(text(formData, "returnQuery"));
  back.set("removed", request.id);
  redirect(`/admin/assignments?${back.toString()}`);
}
