"use server";

import { revalidatePath } from "next/cache";
import { getCtx } from "@/lib/auth/session";
import { toActionResult } from "@/lib/actions/result";
import { createCredential } from "@/lib/directory/create-credential";
import { text, type FormState } from "@/components/forms/form-state";

export type CreatedSecret = { clientId: string; clientSecret: string; expiresAt: string; displayName: string };

/** Creates a client secret for an agent; the secret travels back once, in this result, and is never stored in clear. */
export async function createSecretAction(_prev: FormState<CreatedSecret>, formData: FormData): Promise<FormState<CreatedSecret>> {
  const ctx = await getCtx();
  const result = await toActionResult(async () => {
    const c = await createCredential({ ctx, input: { principalId: text(formData, "principalId") } });
    return { clientId: c.clientId, clientSecret: c.clientSecret, expiresAt: c.expiresAt.toISOString(), displayName: c.displayName };
  }, "Client secret created.");
  if (result.ok) {
    revalidatePath("/account");
    revalidatePath("/admin/directory");
  }
  return result;
}
