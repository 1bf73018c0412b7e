import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { acquirePgliteLock, openPglite, type Database } from "@/db";
import { seed, SEED_IDS } from "@/db/seed";
import { auditEvents, principals } from "@/db/schema";
import { createTestDatabase } from "@/lib/testing/test-db";
import { issueClientCredentialsToken } from "@/lib/auth/client-credentials";
import { verifyAccessToken } from "@/lib/auth/tokens";
import { listAppPermissions } from "@/lib/directory/app-permissions";
import { CliError, runCommand } from "./commands";

const TSX = path.resolve("node_modules/.bin/tsx");
const ENTRY = path.resolve("lib/cli/steward.ts");

type Run = { code: number | null; stdout: string; stderr: string };

/** Runs `npm run steward -- …` (the same entry) against the PGlite directory `dir`, bounded in time. */
function steward(dir: string, args: string[]): Promise<Run> {
  const env: NodeJS.ProcessEnv = { ...process.env, PGLITE_DIR: dir };
  delete env.DATABASE_URL;
  return new Promise((resolve) => {
    execFile(TSX, [ENTRY, ...args], { env, timeout: 90_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === "number" ? err.code : null) : 0, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

const NO_STACK = /\n\s+at |node_modules|\.ts:\d+/;

describe("steward CLI as a process, on an embedded database directory", () => {
  let tmp: string;
  let dir: string;
  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "steward-cli-"));
    dir = path.join(tmp, "pglite");
    // Seed the directory here, once, so each CLI run only opens it.
    const database = await openPglite(dir);
    await seed(database.db);
    await database.close();
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it("help and a wrong command answer without opening the database (exit 0, exit 2 with usage)", async () => {
    const [help, wrong] = await Promise.all([steward(dir, ["help"]), steward(dir, ["credentails", "add", "x"])]);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/credentials add <principal>/);
    expect(help.stdout).toMatch(/permissions grant <principal> <permission>/);
    expect(help.stdout).toMatch(/credentials remove <principal> <credential id>/);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/Unknown command: credentails add x/);
  });

  it("credentials add prints a client id and secret that the token endpoint accepts; permissions grant is audited as the system actor", async () => {
    const created = await steward(dir, ["credentials", "add", "steward automation", "--name", "ci pipeline"]);
    expect(created.stderr).toBe("");
    expect(created.code).toBe(0);
    const out = JSON.parse(created.stdout);
    expect(out).toMatchObject({ clientId: SEED_IDS.applicationAppIds.stewardAutomation, clientSecret: expect.stringMatching(/8Q~/), credentialName: "ci pipeline" });

    const granted = await steward(dir, ["permissions", "grant", "Payroll Sync", "EntitlementManagement.Read.All"]);
    expect(granted.code).toBe(0);
    expect(granted.stdout).toMatch(/Granted EntitlementManagement.Read.All to Payroll Sync/);

    const database = await openPglite(dir);
    try {
      const { access_token } = await issueClientCredentialsToken(database.db, { grant_type: "client_credentials", client_id: out.clientId, client_secret: out.clientSecret });
      expect((await verifyAccessToken(access_token)).claims).toMatchObject({ sub: SEED_IDS.servicePrincipals.stewardAutomation, roles: ["EntitlementManagement.ReadWrite.All"] });
      expect(await listAppPermissions(database.db, SEED_IDS.servicePrincipals.payrollSync)).toEqual([expect.objectContaining({ permission: "EntitlementManagement.Read.All", grantedById: null })]);
      const audit = await database.db.select().from(auditEvents).where(and(eq(auditEvents.actorType, "system"), eq(auditEvents.outcome, "success")));
      expect(audit.map((a) => a.action).sort()).toEqual(["appPermission.grant", "credential.create"]);
    } finally {
      await database.close();
    }
  });

  it("while another process holds the embedded database, it says so and exits 1 without a stack trace", async () => {
    const release = acquirePgliteLock(dir);
    try {
      const r = await steward(dir, ["permissions", "list", "Payroll Sync"]);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(new RegExp(`already open in process ${process.pid}.*stop that process first`, "s"));
      expect(r.stderr).not.toMatch(NO_STACK);
      expect(r.stdout).toBe("");
    } finally {
      release();
    }
  });
});

describe("steward CLI commands (in process, on the test database)", () => {
  let database: Database;
  const lines: string[] = [];
  const out = { stdout: (s: string) => lines.push(s) };
  beforeAll(async () => {
    database = await createTestDatabase();
    await database.db.insert(principals).values([
      { type: "servicePrincipal", displayName: "Report Exporter" },
      { type: "servicePrincipal", displayName: "report exporter" },
    ]);
  });
  afterAll(async () => {
    await database?.close();
  });

  it("an ambiguous display name is refused, listing every match with its id", async () => {
    const err = await runCommand(["permissions", "grant", "Report Exporter", "EntitlementManagement.Read.All"], database.db, out).catch((e) => e);
    expect(err).toBeInstanceOf(CliError);
    expect(err.exitCode).toBe(1);
    expect(err.message).toMatch(/2 principals are named "Report Exporter"; use the object id/);
    expect(err.message.match(/servicePrincipal/g)).toHaveLength(2);
  });

  it("an unknown name is refused with similar names; an unknown id says so", async () => {
    await expect(runCommand(["permissions", "list", "Payroll"], database.db, out)).rejects.toThrow(/No principal is named "Payroll". Similar names:\n.*Payroll Sync/);
    await expect(runCommand(["permissions", "list", "00000000-0000-4000-8000-999999999999"], database.db, out)).rejects.toThrow(/No principal has the object id or client id/);
  });

  it("grant, list and revoke resolve a principal by client id and accept the permission in any case; re-running is a no-op", async () => {
    const clientId = SEED_IDS.applicationAppIds.payrollSync;
    lines.length = 0;
    await runCommand(["permissions", "grant", clientId, "entitlementmanagement.readwrite.all"], database.db, out);
    await runCommand(["permissions", "grant", clientId, "EntitlementManagement.ReadWrite.All"], database.db, out);
    await runCommand(["permissions", "list", "payroll sync"], database.db, out);
    await runCommand(["permissions", "revoke", "Payroll Sync", "EntitlementManagement.ReadWrite.All"], database.db, out);
    expect(lines[0]).toMatch(/^Granted EntitlementManagement.ReadWrite.All to Payroll Sync/);
    expect(lines[1]).toMatch(/already holds EntitlementManagement.ReadWrite.All; nothing changed/);
    expect(JSON.parse(lines[2])).toMatchObject({ principalId: SEED_IDS.servicePrincipals.payrollSync, permissions: [{ permission: "EntitlementManagement.ReadWrite.All", grantedBy: "system" }] });
    expect(lines[3]).toMatch(/^Revoked EntitlementManagement.ReadWrite.All from Payroll Sync/);
    expect(await listAppPermissions(database.db, SEED_IDS.servicePrincipals.payrollSync)).toEqual([]);
  });

  it("credentials list shows every secret without the secret; credentials remove by id stops the token endpoint accepting it, audited as the system actor", async () => {
    lines.length = 0;
    await runCommand(["credentials", "add", "Payroll Sync", "--name", "old"], database.db, out);
    await runCommand(["credentials", "add", "Payroll Sync", "--name", "new"], database.db, out);
    const [oldCred, newCred] = lines.map((l) => JSON.parse(l));
    lines.length = 0;
    await runCommand(["credentials", "list", "payroll sync"], database.db, out);
    const listed = JSON.parse(lines[0]);
    expect(listed).toMatchObject({ principalId: SEED_IDS.servicePrincipals.payrollSync, clientId: oldCred.clientId });
    expect(listed.credentials.map((c: { name: string }) => c.name).sort()).toEqual(["new", "old"]);
    expect(listed.credentials.find((c: { name: string }) => c.name === "old")).toMatchObject({ credentialId: oldCred.credentialId, hint: `${oldCred.clientSecret.slice(0, 3)}•••`, createdBy: null, expired: false });
    expect(lines[0]).not.toContain(oldCred.clientSecret);

    await runCommand(["credentials", "remove", "Payroll Sync", oldCred.credentialId], database.db, out);
    expect(lines[1]).toMatch(/^Removed client secret "old" \(.{3}•••\) from Payroll Sync/);
    const grant = (c: { clientId: string; clientSecret: string }) => issueClientCredentialsToken(database.db, { grant_type: "client_credentials", client_id: c.clientId, client_secret: c.clientSecret });
    await expect(grant(oldCred)).rejects.toMatchObject({ error: "invalid_client" });
    await expect(grant(newCred)).resolves.toMatchObject({ token_type: "Bearer" });
    const audit = await database.db.select().from(auditEvents).where(and(eq(auditEvents.action, "credential.remove"), eq(auditEvents.targetId, SEED_IDS.servicePrincipals.payrollSync)));
    expect(audit).toEqual([expect.objectContaining({ actorType: "system", outcome: "success" })]);

    // Removing it again says so (exit 1 in the process), and an id that is not an id is wrong usage (exit 2).
    await expect(runCommand(["credentials", "remove", "Payroll Sync", oldCred.credentialId], database.db, out)).rejects.toThrow(/Payroll Sync has no client secret with id .*; it may have been removed already/);
    await expect(runCommand(["credentials", "remove", "Payroll Sync", "old"], database.db, out)).rejects.toMatchObject({ code: "invalid", message: expect.stringMatching(/credentialId must be the id of one of the principal's client secrets/) });
  });

  it("wrong usage exits 2: missing arguments, unknown options, a non-numeric --days", async () => {
    for (const argv of [["permissions", "grant", "Payroll Sync"], ["credentials", "remove", "Payroll Sync"], ["credentials", "list"], ["credentials", "list", "Payroll Sync", "--days", "3"], ["credentials", "add", "Payroll Sync", "--colour", "red"], ["credentials", "add", "Payroll Sync", "--days", "soon"]]) {
      const err = await runCommand(argv, database.db, out).catch((e) => e);
      expect(err, argv.join(" ")).toBeInstanceOf(CliError);
      expect(err.exitCode).toBe(2);
    }
  });
});
