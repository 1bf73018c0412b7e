"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getCtx } from "@/lib/auth/session";
import { toActionResult } from "@/lib/actions/result";
import { decideApproval } from "@/lib/approvals/decide-approval";
import { decideMany, type DecideManyResult } from "@/lib/approvals/decide-many";
import { formValues, text, type FormState } from "@/components/forms/form-state";

function revalidate() {
  revalidatePath("/access/approvals", "layout");
  revalidatePath("/access/requests");
  revalidatePath("/access/mine");
  revalidatePath("/account", "layout");
}

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
  revalidate();
  // The decided card leaves the inbox, so the outcome is shown by the page (from the history).
  redirect(`/access/approvals?decided=${result.data?.id ?? ""}`);
}

/** "3 approved, 1 could not be: …" */
function summary(r: DecideManyResult): string {
  const verb = r.decision === "Approve" ? "approved" : "denied";
  const failures = r.results.filter((x) => !x.ok);
  const reasons = [...new Set(failures.map((f) => (f.ok ? "" : f.message)))];
  const head = `${r.succeeded} ${verb}`;
  return failures.length ? `${head}, ${failures.length} could not be: ${reasons.join(" ")}` : `${head}.`;
}

/** Decides every selected request (`item` = "requestId:stageId") with one decision and justification. */
export async function decideManyAction(_prev: FormState<DecideManyResult>, formData: FormData): Promise<FormState<DecideManyResult>> {
  const ctx = await getCtx();
  const items = formData
    .getAll("item")
    .filter((v): v is string => typeof v === "string")
    .map((v) => {
      const [requestId, stageId] = v.split(":");
      return { requestId, stageId: stageId || undefined };
    });
  const result = await toActionResult(() => decideMany({ ctx, input: { items, decision: text(formData, "decision"), justification: text(formData, "justification") } }), summary);
  if (!result.ok) return { ...result, values: formValues(formData) };
  // Per-request outcomes travel back (shown as a list); refusals changed nothing, so only successes refresh the pages.
  if (result.data && result.data.succeeded > 0) revalidate();
  return result;
}
