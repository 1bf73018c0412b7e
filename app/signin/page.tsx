import type { Metadata } from "next";
import { asc, count, eq, and } from "drizzle-orm";
import { isPersonaSignInEnabled, oidcSettings } from "@/auth.config";
import { getDb } from "@/db";
import { adminRoleAssignments, agentSponsors, catalogRoleAssignments, principals } from "@/db/schema";
import { signInAsPersona, signInWithOidc } from "./actions";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Sign in" };

const ERRORS: Record<string, string> = {
  CredentialsSignin: "That person cannot sign in: the account no longer exists or is disabled.",
  AccessDenied:
    "Your account is not in Steward's directory, or it is disabled. Ask an administrator to add a person with your e-mail address.",
  Configuration: "Sign-in is not configured correctly on the server. Check the AUTH_* settings.",
  Verification: "The sign-in link is no longer valid. Start again.",
};

type Persona = { id: string; displayName: string; jobTitle: string | null; hints: string[] };

async function loadPersonas(): Promise<Persona[]> {
  const db = await getDb();
  const [people, admins, owners, sponsorships] = await Promise.all([
    db
      .select({ id: principals.id, displayName: principals.displayName, jobTitle: principals.jobTitle })
      .from(principals)
      .where(and(eq(principals.type, "user"), eq(principals.accountEnabled, true)))
      .orderBy(asc(principals.displayName)),
    db
      .select({ id: adminRoleAssignments.principalId })
      .from(adminRoleAssignments)
      .where(eq(adminRoleAssignments.role, "identityGovernanceAdministrator")),
    db
      .selectDistinct({ id: catalogRoleAssignments.principalId })
      .from(catalogRoleAssignments)
      .where(eq(catalogRoleAssignments.role, "owner")),
    db
      .select({ id: agentSponsors.sponsorId, agents: count() })
      .from(agentSponsors)
      .groupBy(agentSponsors.sponsorId),
  ]);
  const adminIds = new Set(admins.map((r) => r.id));
  const ownerIds = new Set(owners.map((r) => r.id));
  const sponsored = new Map(sponsorships.map((r) => [r.id, Number(r.agents)]));
  return people.map((p) => {
    const hints: string[] = [];
    if (adminIds.has(p.id) && p.jobTitle !== "Identity Governance Administrator") hints.push("Identity Governance Administrator");
    if (ownerIds.has(p.id)) hints.push("Catalog owner");
    const agents = sponsored.get(p.id) ?? 0;
    if (agents > 0) hints.push(`Sponsor of ${agents} ${agents === 1 ? "agent" : "agents"}`);
    return { ...p, hints };
  });
}

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w.charAt(0).toUpperCase())
    .join("");
}

export default async function SignInPage({ searchParams }: PageProps<"/signin">) {
  const params = await searchParams;
  const callbackUrl = typeof params.callbackUrl === "string" ? params.callbackUrl : "";
  const errorCode = typeof params.error === "string" ? params.error : null;
  const error = errorCode ? (ERRORS[errorCode] ?? "Sign-in failed. Try again.") : null;

  const oidc = oidcSettings();
  const personaEnabled = isPersonaSignInEnabled();
  const personas = personaEnabled ? await loadPersonas() : [];

  return (
    <main id="main" className="mx-auto flex min-h-dvh max-w-xl flex-col justify-center px-4 py-10">
      <p className="mb-2 text-lg font-semibold tracking-tight">
        <span aria-hidden="true" className="mr-1 text-blue-600 dark:text-blue-400">
          ◆
        </span>
        Steward
      </p>
      <h1 className="text-2xl font-semibold tracking-tight">Sign in to Steward</h1>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
        Request access, approve requests and look after your agents.
      </p>

      {error ? (
        <div
          role="alert"
          className="mt-6 rounded-md border border-red-300 bg-red-50 px-4 py-3 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
        >
          {error}
        </div>
      ) : null}

      {oidc ? (
        <form action={signInWithOidc} className="mt-6">
          <input type="hidden" name="callbackUrl" value={callbackUrl} />
          <button
            type="submit"
            className="inline-flex h-11 w-full items-center justify-center rounded-md bg-blue-600 px-4 text-sm font-medium text-white hover:bg-blue-700 dark:bg-blue-500 dark:text-slate-950 dark:hover:bg-blue-400"
          >
            Sign in with {oidc.name}
          </button>
        </form>
      ) : null}

      {personaEnabled ? (
        <section aria-labelledby="personas-heading" className="mt-8">
          <h2 id="personas-heading" className="text-base font-semibold">
            {oidc ? "Or pick a demo person" : "Pick a person to sign in as"}
          </h2>
          <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
            Demo sign-in: no password. Turn it off in production by leaving <code>STEWARD_PERSONA_SIGNIN</code> unset.
          </p>
          {personas.length === 0 ? (
            <p className="mt-4 rounded-md border border-dashed border-slate-300 px-4 py-6 text-center text-sm text-slate-600 dark:border-slate-700 dark:text-slate-400">
              The directory has no enabled people yet. Run <code>npm run db:seed</code> to load the demo organisation.
            </p>
          ) : (
            <ul className="mt-4 space-y-2">
              {personas.map((p) => (
                <li key={p.id}>
                  <form action={signInAsPersona}>
                    <input type="hidden" name="userId" value={p.id} />
                    <input type="hidden" name="callbackUrl" value={callbackUrl} />
                    <button
                      type="submit"
                      className="flex w-full items-center gap-3 rounded-lg border border-slate-200 bg-white px-4 py-3 text-left hover:border-blue-400 hover:bg-blue-50 dark:border-slate-800 dark:bg-slate-900 dark:hover:border-blue-500 dark:hover:bg-slate-800"
                    >
                      <span
                        aria-hidden="true"
                        className="flex size-10 shrink-0 items-center justify-center rounded-full bg-slate-200 text-sm font-semibold text-slate-700 dark:bg-slate-700 dark:text-slate-200"
                      >
                        {initials(p.displayName)}
                      </span>
                      <span className="min-w-0 flex-1">
                        <span className="block font-medium">{p.displayName}</span>
                        {p.jobTitle ? (
                          <span className="block truncate text-sm text-slate-600 dark:text-slate-400">{p.jobTitle}</span>
                        ) : null}
                        {p.hints.length ? (
                          <span className="mt-0.5 block text-xs text-blue-800 dark:text-blue-300">
                            {p.hints.join(" · ")}
                          </span>
                        ) : null}
                      </span>
                    </button>
                  </form>
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}

      {!personaEnabled && !oidc ? (
        <div
          role="alert"
          className="mt-6 rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100"
        >
          <p className="font-medium">No way to sign in is configured.</p>
          <p className="mt-1">
            To sign in with your identity provider (for example Microsoft Entra ID), set <code>AUTH_OIDC_ISSUER</code>,{" "}
            <code>AUTH_OIDC_CLIENT_ID</code> and <code>AUTH_OIDC_CLIENT_SECRET</code> (and optionally{" "}
            <code>AUTH_OIDC_NAME</code>). For a demo, set <code>STEWARD_PERSONA_SIGNIN=true</code> to use the persona
            picker.
          </p>
        </div>
      ) : null}
    </main>
  );
}
