import { revalidatePath } from "next/cache";
import type { Ctx } from "@/lib/auth/actor";
import { createCredential } from "@/lib/directory/create-credential";
import { removeCredential, removedCredentialMessage } from "@/lib/directory/remove-credential";
import { toActionResult, type ActionResult } from "@/lib/actions/result";

/** What the portal shows once after creating a client secret (the secret itself is never stored in clear). */
export type CreatedSecretView = { credentialId: string; clientId: string; clientSecret: string; expiresAt: string; displayName: string };

/** Client secrets are shown on the agent's My Account page and on the admin directory: both are re-rendered. */
function revalidateSecretPages(): void {
  revalidatePath("/account", "layout");
  revalidatePath("/admin/directory", "layout");
}

/** The create-secret forms of My Account and the admin directory: the secret travels back once, in this result. */
export async function createSecretFromForm(ctx: Ctx, input: { principalId: string; displayName: string }): Promise<ActionResult<CreatedSecretView>> {
  const result = await toActionResult(async () => {
    const c = await createCredential({ ctx, input: { principalId: input.principalId, displayName: input.displayName || undefined } });
    return { credentialId: c.id, clientId: c.clientId, clientSecret: c.clientSecret, expiresAt: c.expiresAt.toISOString(), displayName: c.displayName };
  }, "Client secret created.");
  if (result.ok) revalidateSecretPages();
  return result;
}

/**
 * The Remove buttons of both secret lists. `credentialLabel` is the row's "name (abc•••)" as the list showed it:
 * when the secret is already gone (removed in another tab, or by someone else) the refusal names it that way, and the
 * pages are re-rendered so the stale row goes too.
 */
export async function removeSecretFromForm(ctx: Ctx, input: { principalId: string; credentialId: string; credentialLabel: string }): Promise<ActionResult> {
  const result = await toActionResult(() => removeCredential({ ctx, input: { principalId: input.principalId, credentialId: input.credentialId } }), removedCredentialMessage);
  if (result.ok) {
    revalidateSecretPages();
    return { ok: true, message: result.message };
  }
  if (result.code !== "notFound") return result;
  revalidateSecretPages();
  const label = input.credentialLabel.slice(0, 140);
  return label ? { ...result, message: `Client secret ${label} was already removed, in another tab or by someone else; the list now shows the secrets that remain.` } : result;
}
