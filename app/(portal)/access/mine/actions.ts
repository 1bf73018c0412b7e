"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getCtx } from "@/lib/auth/session";
import { toActionResult } from "@/lib/actions/result";
import { submitRequest } from "@/lib/requests/submit-request";
import { removeAssignment } from "@/lib/assignments/remove-assignment";
import { isUuid } from "@/lib/packages/load";
import type { AssignmentRequest } from "@/db/schema";
import { formatUtc } from "@/components/format";
import { formValues, text, type FormState } from "@/components/forms/form-state";

/** Where a held-assignment form may send the browser back to: My access, or one agent's page. */
function returnPath(formData: FormData): string {
  const agentId = text(formData, "agentId");
  return isUuid(agentId) ? `/account/agents/${agentId}` : "/access/mine";
}

function revalidate(path: string) {
  revalidatePath(path);
  revalidatePath("/access/mine");
  revalidatePath("/access/requests");
  revalidatePath("/access/approvals");
  revalidatePath("/account", "layout");
}

function extended(r: AssignmentRequest): string {
  if (r.state === "pendingApproval") return "Extension requested: pending approval.";
  if (r.state === "delivered") {
    const end = /^Access now ends (.+)\.$/.exec(r.status)?.[1];
    return end ? `Extended: access now ends ${end === "never" ? "never" : formatUtc(end)}.` : `Extended. ${r.status}`;
  }
  return r.state === "deliveryFailed" ? `The extension failed: ${r.status}` : `Extension ${r.state}.`;
}

/** Extends an assignment through the extension path: a userUpdate request, approved again where the policy says. */
export async function extendAssignmentAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const ctx = await getCtx();
  const end = text(formData, "scheduleEnd");
  const targetId = text(formData, "targetId");
  const result = await toActionResult(
    () =>
      submitRequest({
        ctx,
        input: {
          requestType: "userUpdate",
          accessPackageId: text(formData, "accessPackageId"),
          assignmentId: text(formData, "assignmentId"),
          targetId: targetId || undefined,
          justification: text(formData, "justification"),
          schedule: end ? { expiration: { type: "afterDateTime", endDateTime: end } } : undefined,
        },
      }),
    extended,
  );
  if (!result.ok) return { ...result, values: formValues(formData) };
  revalidate(returnPath(formData));
  return { ok: true, message: result.message };
}

/** Gives up access (a removal request, which takes effect at once), where the policy lets the holder or sponsor remove it. */
export async function removeHeldAssignmentAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const ctx = await getCtx();
  const result = await toActionResult(() => removeAssignment({ ctx, input: { assignmentId: text(formData, "assignmentId"), justification: text(formData, "justification") } }));
  if (!result.ok) return { ...result, values: formValues(formData) };
  const path = returnPath(formData);
  revalidate(path);
  if (result.data?.state !== "delivered") return { ok: true, message: `Removal ${result.data?.state ?? "submitted"}: ${result.data?.status ?? ""}` };
  // The row goes away with the access, so the page says what happened.
  redirect(`${path}?removed=${encodeURIComponent(text(formData, "packageName").slice(0, 200))}`);
}
