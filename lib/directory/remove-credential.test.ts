import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { Database } from "@/db";
import { SEED_IDS } from "@/db/seed";
import { auditEvents, credentials, principals } from "@/db/schema";
import { createTestDatabase } from "@/lib/testing/test-db";
import { ctxAs } from "@/lib/testing/actors";
import { systemCtx } from "@/lib/auth/actor";
import { issueClientCredentialsToken } from "@/lib/auth/client-credentials";
import { isDomainError } from "@/lib/errors";
import { createCredential } from "./create-credential";
import { MAX_LIVE_SECRETS } from "./credential-limits";
import { listCredentials } from "./list-credentials";
import { removeCredential } from "./remove-credential";
import { getPrincipalDetail } from "./get-principal-detail";
import { getMyAgent } from "./list-my-agents";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

const INVOICE = SEED_IDS.agents.invoiceReconciliation; // owner Tomas; sponsors Leo and Aisha
const U = SEED_IDS.users;

async function auditFor(action: string, targetId: string) {
  return database.db.select().from(auditEvents).where(and(eq(auditEvents.action, action), eq(auditEvents.targetId, targetId)));
}

function token(clientId: string, clientSecret: string) {
  return issueClientCredentialsToken(database.db, { grant_type: "client_credentials", client_id: clientId, client_secret: clientSecret });
}

async function codeOf(p: Promise<unknown>): Promise<string> {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  if (!isDomainError(e)) throw new Error(`expected a domain error, got ${String(e)}`);
  return `${e.code}: ${e.message}`;
}

describe("removing a client secret", () => {
  it("the owner removes one secret: the token endpoint refuses it at once, the other secret still works, one audit event holds what was removed", async () => {
    const tomas = await ctxAs(database.db, U.tomas);
    const a = await createCredential({ ctx: tomas, input: { principalId: INVOICE, displayName: "laptop" } });
    const b = await createCredential({ ctx: tomas, input: { principalId: INVOICE, displayName: "ci" } });
    await expect(token(a.clientId, a.clientSecret)).resolves.toMatchObject({ token_type: "Bearer" });

    const removed = await removeCredential({ ctx: tomas, input: { principalId: INVOICE, credentialId: a.id } });
    expect(removed).toMatchObject({ id: a.id, principalId: INVOICE, displayName: "laptop", hint: a.clientSecret.slice(0, 3) });

    await expect(token(a.clientId, a.clientSecret)).rejects.toMatchObject({ error: "invalid_client" });
    await expect(token(b.clientId, b.clientSecret)).resolves.toMatchObject({ token_type: "Bearer" });
    expect((await listCredentials(database.db, INVOICE)).map((c) => c.id)).not.toContain(a.id);
    expect((await listCredentials(database.db, INVOICE)).map((c) => c.id)).toContain(b.id);

    const created = (await auditFor("credential.create", INVOICE)).find((e) => (e.after as { credentialId?: string } | null)?.credentialId === a.id);
    expect(created?.detail).toBe(`Client secret "laptop" (${a.clientSecret.slice(0, 3)}•••) created for Invoice Reconciliation Agent, valid until ${a.expiresAt.toISOString().slice(0, 10)}`);

    const audits = await auditFor("credential.remove", INVOICE);
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      actorId: U.tomas,
      outcome: "success",
      before: { credentialId: a.id, displayName: "laptop", hint: a.clientSecret.slice(0, 3) },
      detail: `Client secret "laptop" (${a.clientSecret.slice(0, 3)}•••) removed from Invoice Reconciliation Agent`,
    });
  });

  it("removing it again is a clear 404 that changes nothing; so is another principal's secret named with this principal", async () => {
    const ines = await ctxAs(database.db, U.ines);
    const successes = async () => (await auditFor("credential.remove", INVOICE)).filter((e) => e.outcome === "success").length;
    const removedBefore = await successes();
    const mine = await createCredential({ ctx: ines, input: { principalId: INVOICE } });
    await removeCredential({ ctx: ines, input: { principalId: INVOICE, credentialId: mine.id } });
    expect(await codeOf(removeCredential({ ctx: ines, input: { principalId: INVOICE, credentialId: mine.id } }))).toBe(
      `notFound: Invoice Reconciliation Agent has no client secret with id ${mine.id}; it may have been removed already.`,
    );

    // A secret of Steward Automation cannot be removed through the Invoice agent's id (an owner of one is not an owner of the other).
    const automation = await createCredential({ ctx: ines, input: { principalId: SEED_IDS.servicePrincipals.stewardAutomation } });
    const tomas = await ctxAs(database.db, U.tomas);
    expect(await codeOf(removeCredential({ ctx: tomas, input: { principalId: INVOICE, credentialId: automation.id } }))).toMatch(/^notFound: Invoice Reconciliation Agent has no client secret with id/);
    await expect(token(automation.clientId, automation.clientSecret)).resolves.toMatchObject({ token_type: "Bearer" });
    // Only the first removal was written.
    expect(await successes()).toBe(removedBefore + 1);
  });

  it("sponsors, other people and the agent itself are refused with 403; the refusal is audited and the secret still works", async () => {
    const tomas = await ctxAs(database.db, U.tomas);
    const cred = await createCredential({ ctx: tomas, input: { principalId: INVOICE } });
    const failuresBefore = (await auditFor("credential.remove", INVOICE)).filter((e) => e.outcome === "failure").length;
    for (const who of [U.leo, U.sam, INVOICE, SEED_IDS.servicePrincipals.stewardAutomation]) {
      const ctx = await ctxAs(database.db, who);
      expect(await codeOf(removeCredential({ ctx, input: { principalId: INVOICE, credentialId: cred.id } }))).toBe("forbidden: You are not allowed to remove credentials of this principal.");
    }
    await expect(token(cred.clientId, cred.clientSecret)).resolves.toMatchObject({ token_type: "Bearer" });
    const failures = (await auditFor("credential.remove", INVOICE)).filter((e) => e.outcome === "failure");
    expect(failures).toHaveLength(failuresBefore + 4);
    expect(await database.db.select({ id: credentials.id }).from(credentials).where(eq(credentials.id, cred.id))).toHaveLength(1);
  });

  it("bad input is a 400 naming the field, writes nothing; a user's id is refused", async () => {
    const ines = await ctxAs(database.db, U.ines);
    const before = (await database.db.select().from(auditEvents)).length;
    expect(await codeOf(removeCredential({ ctx: ines, input: { principalId: INVOICE, credentialId: "abc" } }))).toMatch(/^invalid: .*credentialId must be the id of one of the principal's client secrets/);
    expect(await codeOf(removeCredential({ ctx: ines, input: { principalId: INVOICE } }))).toMatch(/^invalid: .*credentialId/);
    expect(await codeOf(removeCredential({ ctx: ines, input: null }))).toMatch(/^invalid: /);
    expect((await database.db.select().from(auditEvents)).length).toBe(before);
    expect(await codeOf(removeCredential({ ctx: ines, input: { principalId: U.sam, credentialId: "00000000-0000-4000-8000-000000000001" } }))).toBe("forbidden: Only agent identities and service principals have client secrets.");
  });

  it("a secret's name is checked when it is created: blank or over 100 characters is a 400 naming the field", async () => {
    const tomas = await ctxAs(database.db, U.tomas);
    const before = (await listCredentials(database.db, INVOICE)).length;
    expect(await codeOf(createCredential({ ctx: tomas, input: { principalId: INVOICE, displayName: "x".repeat(101) } }))).toMatch(/^invalid: .*displayName.*at most 100 characters/);
    expect(await codeOf(createCredential({ ctx: tomas, input: { principalId: INVOICE, displayName: "   " } }))).toMatch(/^invalid: .*displayName.*give the secret a name/);
    expect(await listCredentials(database.db, INVOICE)).toHaveLength(before);
  });

  it(`a principal holds at most ${MAX_LIVE_SECRETS} unexpired secrets: one more is a 409 saying what to do, audited, nothing written; expired ones do not count`, async () => {
    const ONCALL = SEED_IDS.agents.onCall;
    const ines = await ctxAs(database.db, U.ines);
    const live = async () => (await listCredentials(database.db, ONCALL)).filter((c) => c.expiresAt > new Date()).length;
    // An expired secret (kept in the list until someone removes it) does not take a place.
    await database.db.insert(credentials).values({ principalId: ONCALL, displayName: "old", hint: "old", secretHash: "0".repeat(64), createdAt: new Date(Date.now() - 2 * 86_400_000), expiresAt: new Date(Date.now() - 86_400_000) });
    const made = [];
    for (let n = await live(); n < MAX_LIVE_SECRETS; n++) made.push(await createCredential({ ctx: ines, input: { principalId: ONCALL, displayName: `rotation ${n}` } }));
    expect(await live()).toBe(MAX_LIVE_SECRETS);

    const listed = (await listCredentials(database.db, ONCALL)).length;
    const refusals = (await auditFor("credential.create", ONCALL)).filter((e) => e.outcome === "failure").length;
    expect(await codeOf(createCredential({ ctx: ines, input: { principalId: ONCALL } }))).toBe(
      `conflict: On-call Responder already has ${MAX_LIVE_SECRETS} client secrets in force (at most ${MAX_LIVE_SECRETS}); remove one it no longer uses, then add the new one.`,
    );
    expect(await listCredentials(database.db, ONCALL)).toHaveLength(listed);
    expect((await auditFor("credential.create", ONCALL)).filter((e) => e.outcome === "failure")).toHaveLength(refusals + 1);

    // Removing one makes room for exactly one. Another addition holds the last place, uncommitted, when this one
    // comes: this one waits for it (the principal's row is locked while the secrets are counted) and is refused,
    // instead of counting 19 and making 21. (On PostgreSQL the two run on separate connections.)
    await removeCredential({ ctx: ines, input: { principalId: ONCALL, credentialId: made[0].id } });
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let holding!: () => void;
    const isHolding = new Promise<void>((resolve) => (holding = resolve));
    const other = database.db.transaction(async (tx) => {
      await tx.select({ id: principals.id }).from(principals).where(eq(principals.id, ONCALL)).for("update");
      await tx.insert(credentials).values({ principalId: ONCALL, displayName: "other tab", hint: "oth", secretHash: "1".repeat(64), createdAt: new Date(), expiresAt: new Date(Date.now() + 86_400_000) });
      holding();
      await held;
    });
    await isHolding;
    const late = createCredential({ ctx: ines, input: { principalId: ONCALL, displayName: "late" } }).then(
      () => "created",
      (e: unknown) => (isDomainError(e) ? e.code : String(e)),
    );
    await new Promise((resolve) => setTimeout(resolve, 1000)); // long enough for it to reach its count
    release();
    await other;
    expect(await late).toBe("conflict");
    expect(await live()).toBe(MAX_LIVE_SECRETS);
  });

  it("an administrator and the system actor (CLI) may remove any principal's secret", async () => {
    const tomas = await ctxAs(database.db, U.tomas);
    const x = await createCredential({ ctx: tomas, input: { principalId: INVOICE } });
    const y = await createCredential({ ctx: tomas, input: { principalId: INVOICE } });
    await removeCredential({ ctx: await ctxAs(database.db, U.ines), input: { principalId: INVOICE, credentialId: x.id } });
    await removeCredential({ ctx: systemCtx(database.db), input: { principalId: INVOICE, credentialId: y.id } });
    const ids = (await listCredentials(database.db, INVOICE)).map((c) => c.id);
    expect(ids).not.toContain(x.id);
    expect(ids).not.toContain(y.id);
    const system = (await auditFor("credential.remove", INVOICE)).find((e) => e.actorType === "system");
    expect(system).toMatchObject({ outcome: "success", before: expect.objectContaining({ credentialId: y.id }) });
  });

  it("the lists people see name each secret, its creator and dates (expired ones too), never the secret; sponsors see them without the right to manage", async () => {
    const tomas = await ctxAs(database.db, U.tomas);
    const now = Date.now();
    const fresh = await createCredential({ ctx: tomas, input: { principalId: INVOICE, displayName: "fresh" } });
    // An expired secret stays listed (marked by its date) until someone removes it; the token endpoint refuses it.
    await database.db.update(credentials).set({ expiresAt: new Date(now - 60_000) }).where(eq(credentials.id, fresh.id));
    await expect(token(fresh.clientId, fresh.clientSecret)).rejects.toMatchObject({ error: "invalid_client" });

    const detail = await getPrincipalDetail(await ctxAs(database.db, U.ines), { principalId: INVOICE });
    const listed = detail.credentials.find((c) => c.id === fresh.id)!;
    expect(listed).toMatchObject({ displayName: "fresh", hint: fresh.clientSecret.slice(0, 3), createdByDisplayName: expect.stringMatching(/Tom/) });
    expect(listed.expiresAt.getTime()).toBeLessThan(now);
    expect(JSON.stringify(detail.credentials)).not.toContain(fresh.clientSecret.slice(3));

    const asSponsor = await getMyAgent(await ctxAs(database.db, U.leo), INVOICE);
    expect(asSponsor.canCreateCredential).toBe(false);
    expect(asSponsor.canRemoveCredential).toBe(false);
    expect(asSponsor.credentials.map((c) => c.id)).toContain(fresh.id);
    const asOwner = await getMyAgent(tomas, INVOICE);
    expect(asOwner.canCreateCredential).toBe(true);
    expect(asOwner.canRemoveCredential).toBe(true);
    expect(asOwner.credentials.map((c) => c.id)).toEqual(detail.credentials.map((c) => c.id));
  });
});
