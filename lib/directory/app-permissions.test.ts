import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { decodeJwt } from "jose";
import type { Database } from "@/db";
import { SEED_IDS } from "@/db/seed";
import { appPermissionGrants, auditEvents } from "@/db/schema";
import { createTestDatabase } from "@/lib/testing/test-db";
import { ctxAs } from "@/lib/testing/actors";
import { systemCtx } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { authenticate } from "@/lib/api/graph";
import { issueClientCredentialsToken } from "@/lib/auth/client-credentials";
import { createCredential } from "./create-credential";
import { grantAppPermission, listAppPermissions, revokeAppPermission } from "./app-permissions";
import { listServicePrincipals } from "./list-service-principals";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

const PAYROLL = SEED_IDS.servicePrincipals.payrollSync;
const READ = "EntitlementManagement.Read.All";
const WRITE = "EntitlementManagement.ReadWrite.All";

async function auditFor(action: string, targetId: string) {
  return database.db.select().from(auditEvents).where(and(eq(auditEvents.action, action), eq(auditEvents.targetId, targetId)));
}

async function tokenFor(principalId: string) {
  const ines = await ctxAs(database.db, SEED_IDS.users.ines);
  const cred = await createCredential({ ctx: ines, input: { principalId } });
  const { access_token } = await issueClientCredentialsToken(database.db, { grant_type: "client_credentials", client_id: cred.clientId, client_secret: cred.clientSecret });
  return access_token;
}

describe("application permissions", () => {
  it("the seeded Steward Automation token carries its ReadWrite.All permission in roles; an agent's token carries none", async () => {
    expect(decodeJwt(await tokenFor(SEED_IDS.servicePrincipals.stewardAutomation)).roles).toEqual([WRITE]);
    expect(decodeJwt(await tokenFor(SEED_IDS.agents.triage)).roles).toEqual([]);
  });

  it("an Identity Governance Administrator grants Read.All to a service principal: grant row, audit event, roles in the next token; a second grant is a no-op", async () => {
    const ines = await ctxAs(database.db, SEED_IDS.users.ines);
    expect(decodeJwt(await tokenFor(PAYROLL)).roles).toEqual([]);
    const grant = await grantAppPermission({ ctx: ines, input: { principalId: PAYROLL, permission: READ } });
    expect(grant).toMatchObject({ principalId: PAYROLL, permission: READ, grantedById: SEED_IDS.users.ines, grantedByDisplayName: expect.any(String), created: true });
    expect(await listAppPermissions(database.db, PAYROLL)).toEqual([expect.objectContaining({ permission: READ })]);
    const audits = await auditFor("appPermission.grant", PAYROLL);
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actorId: SEED_IDS.users.ines, outcome: "success", after: { permission: READ } });
    expect(decodeJwt(await tokenFor(PAYROLL)).roles).toEqual([READ]);
    // The admin directory's list of service principals shows what each holds.
    const listed = await listServicePrincipals(ines);
    expect(listed.rows.find((r) => r.id === PAYROLL)?.permissions).toEqual([READ]);
    expect(listed.rows.find((r) => r.id === SEED_IDS.servicePrincipals.stewardAutomation)?.permissions).toEqual([WRITE]);

    const again = await grantAppPermission({ ctx: ines, input: { principalId: PAYROLL, permission: READ } });
    expect(again.created).toBe(false);
    expect(await auditFor("appPermission.grant", PAYROLL)).toHaveLength(1);
  });

  it("revoking takes effect at once, even for a token minted before that still lists the role", async () => {
    const ines = await ctxAs(database.db, SEED_IDS.users.ines);
    await grantAppPermission({ ctx: ines, input: { principalId: PAYROLL, permission: WRITE } });
    const token = await tokenFor(PAYROLL);
    expect(decodeJwt(token).roles).toContain(WRITE);
    const req = () => new Request("http://127.0.0.1/api/x", { headers: { authorization: `Bearer ${token}` } });
    expect(await can(await authenticate(req(), database.db), "catalogs.create")).toBe(true);

    expect(await revokeAppPermission({ ctx: ines, input: { principalId: PAYROLL, permission: WRITE } })).toEqual({ principalId: PAYROLL, permission: WRITE, revoked: true });
    expect(await can(await authenticate(req(), database.db), "catalogs.create")).toBe(false);
    expect(await auditFor("appPermission.revoke", PAYROLL)).toEqual([expect.objectContaining({ outcome: "success", before: expect.objectContaining({ permission: WRITE }) })]);
    // Revoking again changes nothing and writes nothing.
    expect((await revokeAppPermission({ ctx: ines, input: { principalId: PAYROLL, permission: WRITE } })).revoked).toBe(false);
    expect(await auditFor("appPermission.revoke", PAYROLL)).toHaveLength(1);
  });

  it("the system actor (CLI) may grant and revoke", async () => {
    const sys = systemCtx(database.db);
    const g = await grantAppPermission({ ctx: sys, input: { principalId: PAYROLL, permission: WRITE } });
    expect(g).toMatchObject({ created: true, grantedById: null });
    expect((await auditFor("appPermission.grant", PAYROLL)).at(-1)).toMatchObject({ actorType: "system" });
    expect((await revokeAppPermission({ ctx: sys, input: { principalId: PAYROLL, permission: WRITE } })).revoked).toBe(true);
  });

  it.each([
    ["a person who is not an Identity Governance Administrator", SEED_IDS.users.carlos],
    ["a service principal holding ReadWrite.All (no self-escalation)", SEED_IDS.servicePrincipals.stewardAutomation],
  ])("%s is refused with forbidden, nothing written, the refusal audited", async (_label, actorId) => {
    const ctx = await ctxAs(database.db, actorId);
    const before = await listAppPermissions(database.db, PAYROLL);
    await expect(grantAppPermission({ ctx, input: { principalId: PAYROLL, permission: WRITE } })).rejects.toMatchObject({ code: "forbidden", message: expect.stringMatching(/Identity Governance Administrator/) });
    await expect(revokeAppPermission({ ctx, input: { principalId: PAYROLL, permission: READ } })).rejects.toMatchObject({ code: "forbidden" });
    expect(await listAppPermissions(database.db, PAYROLL)).toEqual(before);
    const refused = (await auditFor("appPermission.grant", PAYROLL)).filter((a) => a.actorId === actorId);
    expect(refused).toEqual([expect.objectContaining({ outcome: "failure" })]);
  });

  it.each([
    ["a user", SEED_IDS.users.carlos, /service principals.*a user: people get access through access packages/],
    ["an agent identity", SEED_IDS.agents.triage, /service principals.*agentIdentity: AI agents get access through access packages/],
    ["an agent user", SEED_IDS.agentUsers.escalationSummarizer, /service principals.*agentUser/],
  ])("granting to %s is refused with a reason, audited, nothing written", async (_label, principalId, reason) => {
    const ines = await ctxAs(database.db, SEED_IDS.users.ines);
    await expect(grantAppPermission({ ctx: ines, input: { principalId, permission: READ } })).rejects.toMatchObject({ code: "forbidden", message: expect.stringMatching(reason) });
    expect(await database.db.select().from(appPermissionGrants).where(eq(appPermissionGrants.principalId, principalId))).toEqual([]);
    expect(await auditFor("appPermission.grant", principalId)).toEqual([expect.objectContaining({ outcome: "failure" })]);
  });

  it("bad input says what to fix; an unknown principal is not found", async () => {
    const ines = await ctxAs(database.db, SEED_IDS.users.ines);
    await expect(grantAppPermission({ ctx: ines, input: { principalId: PAYROLL, permission: "Directory.ReadWrite.All" } })).rejects.toMatchObject({
      code: "invalid",
      fieldErrors: { permission: [expect.stringMatching(/EntitlementManagement.Read.All, EntitlementManagement.ReadWrite.All/)] },
    });
    await expect(grantAppPermission({ ctx: ines, input: { principalId: "payroll", permission: READ } })).rejects.toMatchObject({ code: "invalid", fieldErrors: { principalId: expect.any(Array) } });
    await expect(grantAppPermission({ ctx: ines, input: { principalId: "00000000-0000-4000-8000-999999999999", permission: READ } })).rejects.toMatchObject({ code: "notFound" });
    expect(await listAppPermissions(database.db, "not-a-uuid")).toEqual([]);
  });
});
