"use server";

import { revalidatePath } from "next/cache";
import { getCtx } from "@/lib/auth/session";
import { toActionResult } from "@/lib/actions/result";
import { addOwner, addSponsor, removeOwner, removeSponsor } from "@/lib/directory/manage-sponsors";
import { createCredential } from "@/lib/directory/create-credential";
import { removeCredential, removedCredentialMessage } from "@/lib/directory/remove-credential";
import { grantAppPermission, revokeAppPermission } from "@/lib/directory/app-permissions";
import { formValues, text, type FormState } from "@/components/forms/form-state";
import type { CreatedSecretData } from "@/components/agents/create-secret-form";

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

export async function createPrincipalSecretAction(_prev: FormState<CreatedSecretData>, formData: FormData): Promise<FormState<CreatedSecretData>> {
  const ctx = await getCtx();
  const principalId = text(formData, "principalId");
  const result = await toActionResult(async () => {
    const c = await createCredential({ ctx, input: { principalId, displayName: text(formData, "displayName") || undefined } });
    return { clientId: c.clientId, clientSecret: c.clientSecret, expiresAt: c.expiresAt.toISOString(), displayName: c.displayName };
  }, "Client secret created.");
  if (result.ok) revalidatePath(path(principalId));
  return result;
}

/** Removes one client secret (the principal is bound by the page, the secret's id comes with the form). */
export async function removePrincipalSecretAction(principalId: string, _prev: FormState, formData: FormData): Promise<FormState> {
  const ctx = await getCtx();
  const result = await toActionResult(
    () => removeCredential({ ctx, input: { principalId, credentialId: text(formData, "credentialId") } }),
    removedCredentialMessage,
  );
  if (!result.ok) return result;
  revalidatePath(path(principalId));
  revalidatePath(`/account/agents/${principalId}`);
  return { ok: true, message: result.message };
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
