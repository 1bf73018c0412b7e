"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getCtx } from "@/lib/auth/session";
import { toActionResult } from "@/lib/actions/result";
import { cancelRequest } from "@/lib/requests/cancel-request";
import { text, type FormState } from "@/components/forms/form-state";

export async function cancelRequestAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const ctx = await getCtx();
  const result = await toActionResult(() => cancelRequest({ ctx, input: { requestId: text(formData, "requestId") } }));
  if (!result.ok) return result;
  revalidatePath("/access/requests");
  revalidatePath("/access/approvals");
  revalidatePath("/account", "layout");
  const id = result.data?.id ?? "";
  // Only pages of My Access and My Account are valid places to come back to.
  const back = text(formData, "returnTo");
  if (back === "detail") redirect(`/access/requests/${id}?canceled=1`);
  // The row loses its button (and the form its message) once canceled, so the page says it.
  redirect(`/access/requests?canceled=${id}`);
}
