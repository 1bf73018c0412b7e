import type { NextAuthConfig } from "next-auth";

/**
 * The database-free half of the auth configuration, shared by `auth.ts` and `proxy.ts`,
 * so the proxy can read the session cookie without opening the database.
 */

const DEV_ONLY_SECRET = "steward-dev-only-secret-never-use-in-production-0000";

/**
 * AUTH_SECRET; a fixed fallback only outside production (next-auth then refuses to run without one). The one source of
 * the secret: sessions, the API's signing key (lib/auth/tokens.ts) and OData's $skiptoken HMAC all derive from it.
 */
export function authSecret(): string | undefined {
  if (process.env.AUTH_SECRET) return process.env.AUTH_SECRET;
  return process.env.NODE_ENV !== "production" ? DEV_ONLY_SECRET : undefined;
}

/** authSecret(), for code that cannot run without one. */
export function requireAuthSecret(): string {
  const s = authSecret();
  if (!s) throw new Error("AUTH_SECRET must be set in production.");
  return s;
}

/** The persona picker: always in development and tests, in production only when explicitly enabled. */
export function isPersonaSignInEnabled(): boolean {
  return process.env.NODE_ENV !== "production" || process.env.STEWARD_PERSONA_SIGNIN === "true";
}

export type OidcSettings = { issuer: string; clientId: string; clientSecret: string; name: string };

/** The external OIDC provider (Entra ID or any issuer), or null when it is not configured. */
export function oidcSettings(): OidcSettings | null {
  const issuer = process.env.AUTH_OIDC_ISSUER;
  const clientId = process.env.AUTH_OIDC_CLIENT_ID;
  const clientSecret = process.env.AUTH_OIDC_CLIENT_SECRET;
  if (!issuer || !clientId || !clientSecret) return null;
  return { issuer, clientId, clientSecret, name: process.env.AUTH_OIDC_NAME || "Microsoft Entra ID" };
}

export const authConfig = {
  secret: authSecret(),
  session: { strategy: "jwt" },
  // Errors (e.g. AccessDenied for an unknown OIDC account) come back to the picker, which explains them.
  pages: { signIn: "/signin", error: "/signin" },
  providers: [],
  callbacks: {
    // The session carries our principal id and nothing authoritative: roles are read from the database per request.
    session({ session, token }) {
      const uid = typeof token.uid === "string" ? token.uid : undefined;
      return {
        ...session,
        user: { id: uid, name: token.name ?? null, email: token.email ?? null },
      };
    },
  },
} satisfies NextAuthConfig;
