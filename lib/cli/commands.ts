import { parseArgs } from "node:util";
import { eq, ilike, or, sql } from "drizzle-orm";
import { principals, type Principal } from "@/db/schema";
import type { Db } from "@/db";
import { systemCtx, type Ctx } from "@/lib/auth/actor";
import { createCredential } from "@/lib/directory/create-credential";
import { listCredentials } from "@/lib/directory/list-credentials";
import { removeCredential } from "@/lib/directory/remove-credential";
import { APP_PERMISSIONS, grantAppPermission, listAppPermissions, revokeAppPermission } from "@/lib/directory/app-permissions";
import { containsPattern } from "@/lib/text/search";

export const USAGE = `Steward command line (acts as the system actor; every change is audited).
Uses PostgreSQL when DATABASE_URL is set, else the embedded database (PGLITE_DIR or .data/pglite).

Usage: npm run steward -- <command>

  credentials add <principal> [--name <credential name>] [--days <1-730>]
      Creates a client secret for an agent identity or service principal and prints
      { "clientId", "clientSecret", "credentialId", … } as JSON. The secret is shown only this once.
  credentials list <principal>
      Prints the principal's client secrets as JSON (name, first characters, dates; never the secret).
  credentials remove <principal> <credential id>
      Removes a client secret: the token endpoint refuses it from then on. Tokens already issued
      with it stay valid until they expire (at most an hour).
  permissions grant <principal> <permission>
  permissions revoke <principal> <permission>
      Grants or revokes an application permission of a service principal:
      ${APP_PERMISSIONS.join(" | ")}
  permissions list <principal>
      Prints the principal's application permissions as JSON.
  help
      Shows this text.

<principal> is an object id, a client (app) id, or an exact display name (case-insensitive).

Exit codes: 0 done, 1 refused or failed, 2 wrong usage.`;

/** A failure the CLI reports with its message alone; `usage` failures exit 2, others 1. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2 = 1,
  ) {
    super(message);
  }
}

export type Output = { stdout: (s: string) => void };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function describe(p: Principal): string {
  return `  ${p.id}  ${p.type.padEnd(16)} ${p.displayName}${p.appId ? `  (client id ${p.appId})` : ""}`;
}

/** Finds one principal by object id, client id or exact display name; ambiguity and misses are explained. */
export async function resolvePrincipal(db: Db, ref: string): Promise<Principal> {
  const needle = ref.trim();
  if (!needle) throw new CliError("Name the principal: its object id, client id or display name.", 2);
  if (UUID.test(needle)) {
    const rows = await db.select().from(principals).where(or(eq(principals.id, needle), eq(principals.appId, needle)));
    if (rows.length === 1) return rows[0];
    if (rows.length === 0) throw new CliError(`No principal has the object id or client id ${needle}.`);
  }
  const exact = await db.select().from(principals).where(sql`lower(${principals.displayName}) = lower(${needle})`);
  if (exact.length === 1) return exact[0];
  if (exact.length > 1) {
    throw new CliError(`${exact.length} principals are named "${needle}"; use the object id of the one you mean:\n${exact.map(describe).join("\n")}`);
  }
  const similar = await db.select().from(principals).where(ilike(principals.displayName, containsPattern(needle))).limit(10);
  throw new CliError(`No principal is named "${needle}".${similar.length ? ` Similar names:\n${similar.map(describe).join("\n")}` : ""}`);
}

function permissionArg(value: string | undefined): string {
  if (!value) throw new CliError(`Name the permission: ${APP_PERMISSIONS.join(" or ")}.`, 2);
  return APP_PERMISSIONS.find((p) => p.toLowerCase() === value.toLowerCase()) ?? value;
}

function parse(argv: string[]) {
  try {
    return parseArgs({ args: argv, allowPositionals: true, strict: true, options: { name: { type: "string" }, days: { type: "string" }, help: { type: "boolean", short: "h" } } });
  } catch (e) {
    throw new CliError(`${(e as Error).message}\n\n${USAGE}`, 2);
  }
}

/** True when the command needs no database (help, or a usage error found before opening it). */
export function needsDatabase(argv: string[]): boolean {
  const { positionals, values } = parse(argv);
  return !values.help && positionals.length > 0 && positionals[0] !== "help";
}

/** Runs one command against `db` as the system actor. */
export async function runCommand(argv: string[], db: Db, out: Output, ctx: Ctx = systemCtx(db)): Promise<void> {
  const { positionals, values } = parse(argv);
  const [group, verb, ...rest] = positionals;
  if (!group || group === "help" || values.help) {
    out.stdout(USAGE);
    return;
  }
  if (!(group === "credentials" && verb === "add") && (values.name !== undefined || values.days !== undefined)) {
    throw new CliError(`--name and --days belong to credentials add only.\n\n${USAGE}`, 2);
  }
  if (group === "credentials" && verb === "add") {
    if (rest.length !== 1) throw new CliError(`credentials add takes one principal (quote display names with spaces).\n\n${USAGE}`, 2);
    const principal = await resolvePrincipal(db, rest[0]);
    const days = values.days === undefined ? undefined : Number(values.days);
    if (days !== undefined && !Number.isInteger(days)) throw new CliError("--days must be a whole number of days (1-730).", 2);
    const created = await createCredential({ ctx, input: { principalId: principal.id, displayName: values.name, validForDays: days } });
    out.stdout(JSON.stringify({ clientId: created.clientId, clientSecret: created.clientSecret, credentialId: created.id, principalId: principal.id, displayName: principal.displayName, credentialName: created.displayName, expiresAt: created.expiresAt.toISOString() }, null, 2));
    return;
  }
  if (group === "credentials" && verb === "list") {
    if (rest.length !== 1) throw new CliError(`credentials list takes one principal.\n\n${USAGE}`, 2);
    const principal = await resolvePrincipal(db, rest[0]);
    const now = Date.now();
    const list = await listCredentials(db, principal.id);
    // createdBy is null for secrets made by the system actor (this CLI) or by an account since deleted.
    out.stdout(
      JSON.stringify(
        {
          principalId: principal.id,
          displayName: principal.displayName,
          clientId: principal.appId,
          credentials: list.map((c) => ({ credentialId: c.id, name: c.displayName, hint: `${c.hint}•••`, createdAt: c.createdAt.toISOString(), createdBy: c.createdByDisplayName, expiresAt: c.expiresAt.toISOString(), expired: c.expiresAt.getTime() <= now })),
        },
        null,
        2,
      ),
    );
    return;
  }
  if (group === "credentials" && verb === "remove") {
    if (rest.length !== 2) throw new CliError(`credentials remove takes a principal and a credential id (see credentials list).\n\n${USAGE}`, 2);
    const principal = await resolvePrincipal(db, rest[0]);
    const removed = await removeCredential({ ctx, input: { principalId: principal.id, credentialId: rest[1].trim() } });
    out.stdout(`Removed client secret "${removed.displayName}" (${removed.hint}•••) from ${principal.displayName} (${principal.id}). Tokens already issued with it expire within an hour.`);
    return;
  }
  if (group === "permissions" && (verb === "grant" || verb === "revoke")) {
    if (rest.length !== 2) throw new CliError(`permissions ${verb} takes a principal and a permission.\n\n${USAGE}`, 2);
    const principal = await resolvePrincipal(db, rest[0]);
    const permission = permissionArg(rest[1]);
    if (verb === "grant") {
      const g = await grantAppPermission({ ctx, input: { principalId: principal.id, permission } });
      out.stdout(g.created ? `Granted ${g.permission} to ${principal.displayName} (${principal.id}).` : `${principal.displayName} already holds ${g.permission}; nothing changed.`);
    } else {
      const r = await revokeAppPermission({ ctx, input: { principalId: principal.id, permission } });
      out.stdout(r.revoked ? `Revoked ${r.permission} from ${principal.displayName} (${principal.id}).` : `${principal.displayName} does not hold ${r.permission}; nothing changed.`);
    }
    return;
  }
  if (group === "permissions" && verb === "list") {
    if (rest.length !== 1) throw new CliError(`permissions list takes one principal.\n\n${USAGE}`, 2);
    const principal = await resolvePrincipal(db, rest[0]);
    const grants = await listAppPermissions(db, principal.id);
    out.stdout(JSON.stringify({ principalId: principal.id, displayName: principal.displayName, type: principal.type, permissions: grants.map((g) => ({ permission: g.permission, grantedAt: g.grantedAt.toISOString(), grantedBy: g.grantedByDisplayName ?? (g.grantedById ? g.grantedById : "system") })) }, null, 2));
    return;
  }
  throw new CliError(`Unknown command: ${positionals.join(" ")}\n\n${USAGE}`, 2);
}
