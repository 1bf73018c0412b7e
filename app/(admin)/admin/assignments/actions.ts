"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getCtx } from "@/lib/auth/session";
import { toActionResult } from "@/lib/actions/result";
import { removeAssignment } from "@/lib/assignments/remove-assignment";
import { formValues, text, type FormState } from "@/components/forms/form-state";
import { directAssign, type DirectAssignResult } from "@/lib/assignments/direct-assign";

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

export type DirectAssignData = { results: DirectAssignResult[]; accessPackageId: string };

/** A local date-time from the form ("2026-05-01T09:00") plus the browser's offset in minutes, as an ISO instant. */
function instant(local: string, offsetMinutes: number): string | undefined {
  if (!local) return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!m) return local; // the verb says what is wrong with it
  const utc = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5]) + offsetMinutes * 60_000;
  return new Date(utc).toISOString();
}

export async function directAssignAction(_prev: FormState<DirectAssignData>, formData: FormData): Promise<FormState<DirectAssignData>> {
  const ctx = await getCtx();
  const offset = Number(text(formData, "tzOffset")) || 0;
  const start = instant(text(formData, "start"), offset);
  const end = instant(text(formData, "end"), offset);
  const accessPackageId = text(formData, "accessPackageId");
  const result = await toActionResult(() =>
    directAssign({
      ctx,
      input: {
        accessPackageId,
        assignmentPolicyId: text(formData, "assignmentPolicyId"),
        targetIds: formData.getAll("targetIds").map(String),
        justification: text(formData, "justification"),
        schedule: start || end ? { startDateTime: start, expiration: end ? { type: "afterDateTime", endDateTime: end } : undefined } : undefined,
      },
    }),
  );
  if (!result.ok) {
    // Map the verb's schedule keys onto the form's fields.
    const fe = { ...result.fieldErrors };
    if (fe["schedule.startDateTime"]) fe.start = fe["schedule.startDateTime"];
    if (fe["schedule.expiration.endDateTime"]) fe.end = fe["schedule.expiration.endDateTime"];
    return { ...result, fieldErrors: fe, values: formValues(formData) };
  }
  const results = result.data ?? [];
  const ok = results.filter((r) => r.ok).length;
  revalidatePath("/admin/assignments");
  revalidatePath("/admin/requests");
  const message = ok === results.length ? `Assigned to ${ok} ${ok === 1 ? "principal" : "principals"}.` : `Assigned to ${ok} of ${results.length}; see why the others were refused.`;
  return { ok: true, message, data: { results, accessPackageId }, values: ok === results.length ? undefined : formValues(formData) };
}
