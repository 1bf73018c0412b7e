"use server";

import { revalidatePath } from "next/cache";
import { getCtx } from "@/lib/auth/session";
import { toActionResult } from "@/lib/actions/result";
import { createCredential } from "@/lib/directory/create-credential";
import { removeCredential, removedCredentialMessage } from "@/lib/directory/remove-credential";
import { setAgentEnabled } from "@/lib/directory/set-agent-enabled";
import { text, type FormState } from "@/components/forms/form-state";

export type CreatedSecret = { clientId: string; clientSecret: string; expiresAt: string; displayName: string };

/** Creates a client secret for an agent; the secret travels back once, in this result, and is never stored in clear. */
export async function createSecretAction(_prev: FormState<CreatedSecret>, formData: FormData): Promise<FormState<CreatedSecret>> {
  const ctx = await getCtx();
  const result = await toActionResult(async () => {
    const c = await createCredential({ ctx, input: { principalId: text(formData, "principalId"), displayName: text(formData, "displayName") || undefined } });
    return { clientId: c.clientId, clientSecret: c.clientSecret, expiresAt: c.expiresAt.toISOString(), displayName: c.displayName };
  }, "Client secret created.");
  if (result.ok) {
    revalidatePath("/account", "layout");
    revalidatePath("/admin/directory");
  }
  return result;
}

/** Removes one of an agent's client secrets (owners and administrators; the agent is bound by the page). */
export async function removeSecretAction(agentId: string, _prev: FormState, formData: FormData): Promise<FormState> {
  const ctx = await getCtx();
  const result = await toActionResult(
    () => removeCredential({ ctx, input: { principalId: agentId, credentialId: text(formData, "credentialId") } }),
    removedCredentialMessage,
  );
  if (!result.ok) return result;
  revalidatePath("/account", "layout");
  revalidatePath(`/admin/directory/principals/${agentId}`);
  return { ok: true, message: result.message };
}

/** Enables or disables an agent (My Account). While disabled it holds no effective access. */
export async function setAgentEnabledAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const ctx = await getCtx();
  const enabled = text(formData, "enabled");
  const result = await toActionResult(
    () => setAgentEnabled({ ctx, input: { agentId: text(formData, "agentId"), enabled: enabled === "true" ? true : enabled === "false" ? false : enabled } }),
    (a) => (a.accountEnabled ? `${a.displayName} enabled: its access applies again.` : `${a.displayName} disabled: it holds no access while disabled.`),
  );
  if (!result.ok) return result;
  revalidatePath("/account", "layout");
  revalidatePath("/access");
  revalidatePath("/admin/directory");
  return { ok: true, message: result.message };
}
