"use server";

import { revalidatePath } from "next/cache";
import { getCtx } from "@/lib/auth/session";
import { toActionResult } from "@/lib/actions/result";
import { createSecretFromForm, removeSecretFromForm, type CreatedSecretView } from "@/lib/actions/client-secrets";
import { setAgentEnabled } from "@/lib/directory/set-agent-enabled";
import { text, type FormState } from "@/components/forms/form-state";

/** Creates a client secret for an agent (owners and administrators); see createSecretFromForm. */
export async function createSecretAction(_prev: FormState<CreatedSecretView>, formData: FormData): Promise<FormState<CreatedSecretView>> {
  return createSecretFromForm(await getCtx(), { principalId: text(formData, "principalId"), displayName: text(formData, "displayName") });
}

/** Removes one of an agent's client secrets (owners and administrators; the agent is bound by the page). */
export async function removeSecretAction(agentId: string, _prev: FormState, formData: FormData): Promise<FormState> {
  return removeSecretFromForm(await getCtx(), { principalId: agentId, credentialId: text(formData, "credentialId"), credentialLabel: text(formData, "credentialLabel") });
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
