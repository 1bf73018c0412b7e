import NextAuth from "next-auth";
import type { Profile } from "next-auth";
import type { Provider } from "next-auth/providers";
import Credentials from "next-auth/providers/credentials";
import { and, eq, sql } from "drizzle-orm";
import { getDb, type DbOrTx } from "@/db";
import { principals } from "@/db/schema";
import { authConfig, isPersonaSignInEnabled, oidcSettings } from "@/auth.config";

export type SignInPrincipal = { id: string; displayName: string; mail: string | null };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const signInColumns = { id: principals.id, displayName: principals.displayName, mail: principals.mail };

/** The one definition of "may hold a portal session": an existing, enabled user principal. */
export async function findActiveUserById(db: DbOrTx, id: string): Promise<SignInPrincipal | null> {
  if (!UUID.test(id)) return null;
  const [row] = await db
    .select(signInColumns)
    .from(principals)
    .where(and(eq(principals.id, id), eq(principals.type, "user"), eq(principals.accountEnabled, true)))
    .limit(1);
  return row ?? null;
}

async function findActiveUserByMail(db: DbOrTx, mail: string): Promise<SignInPrincipal | null> {
  const [row] = await db
    .select(signInColumns)
    .from(principals)
    .where(
      and(
        eq(principals.type, "user"),
        eq(principals.accountEnabled, true),
        sql`lower(${principals.mail}) = lower(${mail.trim()})`,
      ),
    )
    .limit(1);
  return row ?? null;
}

/**
 * The e-mail an OIDC profile vouches for. Entra ID sends `email` only as an optional claim,
 * so its `preferred_username` (the UPN, set by the tenant's administrators) is the fallback.
 */
function profileMail(profile: Profile | undefined): string | null {
  if (!profile || profile.email_verified === false) return null;
  if (typeof profile.email === "string" && profile.email.includes("@")) return profile.email;
  const upn = profile.preferred_username;
  return typeof upn === "string" && upn.includes("@") ? upn : null;
}

async function principalForProfile(profile: Profile | undefined): Promise<SignInPrincipal | null> {
  const mail = profileMail(profile);
  return mail ? findActiveUserByMail(await getDb(), mail) : null;
}

function providers(): Provider[] {
  const list: Provider[] = [];
  const oidc = oidcSettings();
  if (oidc) {
    list.push({
      id: "oidc",
      name: oidc.name,
      type: "oidc",
      // Entra ID: https://login.microsoftonline.com/<tenant-id>/v2.0 (a tenant id, not "common").
      issuer: oidc.issuer,
      clientId: oidc.clientId,
      clientSecret: oidc.clientSecret,
      authorization: { params: { scope: "openid profile email" } },
    });
  }
  if (isPersonaSignInEnabled()) {
    list.push(
      Credentials({
        id: "persona",
        name: "Persona",
        credentials: { userId: { label: "User id", type: "text" } },
        async authorize(credentials) {
          const userId = credentials?.userId;
          if (typeof userId !== "string") return null;
          const principal = await findActiveUserById(await getDb(), userId);
          if (!principal) return null;
          return { id: principal.id, name: principal.displayName, email: principal.mail };
        },
      }),
    );
  }
  return list;
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  ...authConfig,
  providers: providers(),
  callbacks: {
    ...authConfig.callbacks,
    async signIn({ account, profile }) {
      // Persona sign-in is checked in authorize(); an OIDC account must match an enabled person in our directory.
      if (account?.provider !== "oidc") return true;
      return (await principalForProfile(profile)) !== null;
    },
    async jwt({ token, user, account, profile }) {
      if (!account) return token;
      if (account.provider === "oidc") {
        const principal = await principalForProfile(profile);
        if (!principal) return null;
        return { ...token, sub: principal.id, uid: principal.id, name: principal.displayName, email: principal.mail };
      }
      if (account.provider === "persona" && user?.id) {
        return { ...token, sub: user.id, uid: user.id };
      }
      return null;
    },
  },
});
