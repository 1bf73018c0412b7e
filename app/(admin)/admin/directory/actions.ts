"use server";

import { revalidatePath } from "next/cache";
import { getCtx } from "@/lib/auth/session";
import { toActionResult } from "@/lib/actions/result";
import { addOwner, addSponsor, removeOwner, removeSponsor } from "@/lib/directory/manage-sponsors";
import { createSecretFromForm, removeSecretFromForm, type CreatedSecretView } from "@/lib/actions/client-secrets";
import { grantAppPermission, revokeAppPermission } from "@/lib/directory/app-permissions";
import { formValues, text, type FormState } from "@/components/forms/form-state";

const path = (principalId: string) => `/admin/directory/principals/${principalId}`;

type PeopleVerb = typeof addSponsor;
const PEOPLE: Record<string, { verb: PeopleVerb; done: string }> = {
  addSponsor: { verb: addSponsor, done: "Sponsor added." },
  removeSponsor: { verb: removeSponsor, done: "Sponsor removed." },
  addOwner: { verb: addOwner, done: "Owner added." },
  removeOwner: { verb: removeOwner, done: "Owner removed." },
};

/** Adds or removes a sponsor or owner (`op` is bound by the page: addSponsor, removeSponsor, addOwner, removeOwner). */
export async function principalPersonAction(op: keyof typeof PEOPLE, principalId: string, _prev: FormState, formData: FormData): Promise<FormState> {
  const ctx = await getCtx();
  // `op` arrives from the browser with the bound arguments: only the four known changes are accepted.
  const entry = Object.hasOwn(PEOPLE, op) ? PEOPLE[op] : undefined;
  if (!entry) return { ok: false, code: "invalid", message: "Unknown change." };
  const result = await toActionResult(() => entry.verb({ ctx, input: { principalId, userId: text(formData, "userId") } }), entry.done);
  if (!result.ok) return { ...result, values: formValues(formData) };
  revalidatePath(path(principalId));
  revalidatePath("/admin/directory");
  return { ok: true, message: result.message };
}

/** Creates a client secret for an agent or service principal; see createSecretFromForm. */
export async function createPrincipalSecretAction(_prev: FormState<CreatedSecretView>, formData: FormData): Promise<FormState<CreatedSecretView>> {
  return createSecretFromForm(await getCtx(), { principalId: text(formData, "principalId"), displayName: text(formData, "displayName") });
}

/** Removes one client secret (the principal is bound by the page, the secret's id comes with the form). */
export async function removePrincipalSecretAction(principalId: string, _prev: FormState, formData: FormData): Promise<FormState> {
  return removeSecretFromForm(await getCtx(), { principalId, credentialId: text(formData, "credentialId"), credentialLabel: text(formData, "credentialLabel") });
}

export async function grantAppPermissionAction(principalId: string, _prev: FormState, formData: FormData): Promise<FormState> {
  const ctx = await getCtx();
  const result = await toActionResult(
    () => grantAppPermission({ ctx, input: { principalId, permission: text(formData, "permission") } }),
    (g) => (g.created ? `${g.permission} granted.` : `${g.permission} was already granted.`),
  );
  if (!result.ok) return { ...result, values: formValues(formData) };
  revalidatePath(path(principalId));
  return { ok: true, message: result.message };
}

export async function revokeAppPermissionAction(principalId: string, _prev: FormState, formData: FormData): Promise<FormState> {
  const ctx = await getCtx();
  const result = await toActionResult(
    () => revokeAppPermission({ ctx, input: { principalId, permission: text(formData, "permission") } }),
    (r) => (r.revoked ? `${r.permission} revoked.` : `${r.permission} was not granted.`),
  );
  if (!result.ok) return result;
  revalidatePath(path(principalId));
  return { ok: true, message: result.message };
}
