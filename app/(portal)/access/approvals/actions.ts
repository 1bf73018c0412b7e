"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getCtx } from "@/lib/auth/session";
import { toActionResult } from "@/lib/actions/result";
import { decideApproval } from "@/lib/approvals/decide-approval";
import { formValues, text, type FormState } from "@/components/forms/form-state";

export async function decideApprovalAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const ctx = await getCtx();
  const result = await toActionResult(
    () =>
      decideApproval({
        ctx,
        input: {
          requestId: text(formData, "requestId"),
          stageId: text(formData, "stageId") || undefined,
          decision: text(formData, "decision"),
          justification: text(formData, "justification"),
        },
      }),
  );
  if (!result.ok) return { ...result, values: formValues(formData) };
  revalidatePath("/access/approvals");
  revalidatePath("/access/requests");
  revalidatePath("/account");
  // The decided card leaves the inbox, so the outcome is shown by the page (from the history).
  redirect(`/access/approvals?decided=${result.data?.id ?? ""}`);
}
