"use server";

import { AuthError } from "next-auth";
import { redirect } from "next/navigation";
import { signIn, signOut } from "@/auth";

/** Only same-site paths; anything else (absolute, protocol-relative, back to /signin) goes home. */
function safeCallbackUrl(value: FormDataEntryValue | null): string {
  if (typeof value !== "string" || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return "/";
  if (value === "/signin" || value.startsWith("/signin?") || value.startsWith("/signin/")) return "/";
  return value;
}

function backToSignIn(error: string, callbackUrl: string): never {
  const params = new URLSearchParams({ error });
  if (callbackUrl !== "/") params.set("callbackUrl", callbackUrl);
  redirect(`/signin?${params}`);
}

export async function signInAsPersona(formData: FormData): Promise<void> {
  const callbackUrl = safeCallbackUrl(formData.get("callbackUrl"));
  const userId = formData.get("userId");
  try {
    await signIn("persona", { userId: typeof userId === "string" ? userId : "", redirectTo: callbackUrl });
  } catch (e) {
    // signIn redirects by throwing; only auth failures are handled here.
    if (e instanceof AuthError) backToSignIn(e.type, callbackUrl);
    throw e;
  }
}

export async function signInWithOidc(formData: FormData): Promise<void> {
  const callbackUrl = safeCallbackUrl(formData.get("callbackUrl"));
  try {
    await signIn("oidc", { redirectTo: callbackUrl });
  } catch (e) {
    if (e instanceof AuthError) backToSignIn(e.type, callbackUrl);
    throw e;
  }
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/signin" });
}
