"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getCtx } from "@/lib/auth/session";
import { toActionResult, type ActionResult } from "@/lib/actions/result";
import { createPolicy } from "@/lib/policies/create-policy";
import { replacePolicy } from "@/lib/policies/replace-policy";
import type { FieldErrors } from "@/lib/errors";
import { draftFieldOf, draftToPolicyInput, policyDraftSchema, POLICY_STEPS, validatePolicyStep } from "@/components/packages/policy-draft";

function push(errors: FieldErrors, key: string, messages: string[]) {
  const list = (errors[key] ??= []);
  for (const m of messages) if (!list.includes(m)) list.push(m);
}

/**
 * Saves the policy editor: a new policy on the package (policyId null) or a replacement of an existing one
 * (Graph's PUT). Every step is checked again here; field errors come back keyed "<step>/<field>".
 */
export async function savePolicyAction(packageId: string, policyId: string | null, input: unknown): Promise<ActionResult> {
  const parsed = policyDraftSchema.safeParse(input);
  if (!parsed.success) return { ok: false, code: "invalid", message: "The editor sent something unexpected; reload the page and try again. Nothing was saved." };
  const draft = parsed.data;
  const errors: FieldErrors = {};
  for (const step of POLICY_STEPS) for (const [k, v] of Object.entries(validatePolicyStep(step, draft))) push(errors, `${step}/${k}`, v);
  if (Object.keys(errors).length) return { ok: false, code: "invalid", message: "Some steps need attention; nothing was saved.", fieldErrors: errors };

  const ctx = await getCtx();
  const body = draftToPolicyInput(draft);
  const result = await toActionResult(() => (policyId ? replacePolicy({ ctx, input: { ...body, policyId, accessPackageId: packageId } }) : createPolicy({ ctx, input: { ...body, accessPackageId: packageId } })));
  if (!result.ok) {
    const mapped: FieldErrors = {};
    for (const [key, messages] of Object.entries(result.fieldErrors ?? {})) {
      const { step, field } = draftFieldOf(key);
      push(mapped, `${step}/${field}`, messages);
    }
    return { ...result, message: `${result.message} Nothing was saved.`, fieldErrors: mapped };
  }
  revalidatePath(`/admin/packages/${packageId}`);
  redirect(`/admin/packages/${packageId}?${policyId ? "replaced" : "added"}=1`);
}
