import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { Database } from "@/db";
import { assignments, grants, principals, resourceRoleScopes } from "@/db/schema";
import { SEED_IDS } from "@/db/seed";
import { createTestDatabase } from "@/lib/testing/test-db";
import { ctxAs } from "@/lib/testing/actors";
import { submitRequest } from "@/lib/requests/submit-request";
import { effectiveGrants } from "@/lib/assignments/effective-grants";
import { setAgentEnabled } from "./set-agent-enabled";
import { createCredential } from "./create-credential";
import { issueClientCredentialsToken } from "@/lib/auth/client-credentials";
import { auditCount, lastAudit, expectRefused } from "@/lib/testing/audit";

const U = SEED_IDS.users;
const A = SEED_IDS.agents;
const P = SEED_IDS.packages;
const now = new Date("2026-12-10T09:00:00Z");
const clock = () => now;

let database: Database;
const db = () => database.db;

beforeAll(async () => {
  database = await createTestDatabase();
  // Knowledge Base Curator (sponsored and owned by Maya) gets Directory Read (8 hours): no approval, delivered at once.
  const maya = await ctxAs(db(), U.maya, clock);
  const r = await submitRequest({ ctx: maya, input: { accessPackageId: P.directoryRead8h, targetId: A.kbCurator } });
  expect(r.state).toBe("delivered");
});
afterAll(async () => {
  await database?.close();
});

async function agent(id: string) {
  const [row] = await db().select().from(principals).where(eq(principals.id, id));
  return row;
}

describe("setAgentEnabled", () => {
  it("a sponsor disables her agent: its effective grants disappear, its assignments stay, and the change is audited", async () => {
    expect((await effectiveGrants(db(), [A.kbCurator], now)).length).toBeGreaterThan(0);
    const maya = await ctxAs(db(), U.maya, clock);
    const updated = await setAgentEnabled({ ctx: maya, input: { agentId: A.kbCurator, enabled: false } });
    expect(updated).toMatchObject({ accountEnabled: false, disabledByAdmin: false });
    expect(await effectiveGrants(db(), [A.kbCurator], now)).toEqual([]);
    const live = await db().select().from(assignments).where(and(eq(assignments.targetId, A.kbCurator), eq(assignments.state, "delivered")));
    expect(live).toHaveLength(1);
    expect(await lastAudit(db())).toMatchObject({
      action: "agent.disable",
      actorId: U.maya,
      targetType: "principal",
      targetId: A.kbCurator,
      outcome: "success",
      before: { accountEnabled: true, disabledByAdmin: false },
      after: { accountEnabled: false, disabledByAdmin: false },
    });
  });

  it("the sponsor enables it again and the same grants come back", async () => {
    const maya = await ctxAs(db(), U.maya, clock);
    await setAgentEnabled({ ctx: maya, input: { agentId: A.kbCurator, enabled: true } });
    const back = await effectiveGrants(db(), [A.kbCurator], now);
    expect(back.map((g) => g.accessPackageName)).toContain("Directory Read (8 hours)");
    expect(await lastAudit(db())).toMatchObject({ action: "agent.enable", actorId: U.maya, outcome: "success", after: { accountEnabled: true } });
  });

  it("refuses to disable an agent that is already disabled (409, audited) and changes nothing", async () => {
    const maya = await ctxAs(db(), U.maya, clock);
    await setAgentEnabled({ ctx: maya, input: { agentId: A.kbCurator, enabled: false } });
    const e = await expectRefused(setAgentEnabled({ ctx: maya, input: { agentId: A.kbCurator, enabled: false } }), "conflict");
    expect(e.status).toBe(409);
    expect(await lastAudit(db())).toMatchObject({ action: "agent.disable", outcome: "failure", targetId: A.kbCurator });
    await setAgentEnabled({ ctx: maya, input: { agentId: A.kbCurator, enabled: true } });
  });

  it("an agent an administrator disabled cannot be re-enabled by its sponsor (403, audited refusal); the administrator can", async () => {
    const ines = await ctxAs(db(), U.ines, clock);
    const maya = await ctxAs(db(), U.maya, clock);
    const disabled = await setAgentEnabled({ ctx: ines, input: { agentId: A.kbCurator, enabled: false } });
    expect(disabled).toMatchObject({ accountEnabled: false, disabledByAdmin: true });
    expect(await lastAudit(db())).toMatchObject({ action: "agent.disable", actorId: U.ines, after: { disabledByAdmin: true } });

    const e = await expectRefused(setAgentEnabled({ ctx: maya, input: { agentId: A.kbCurator, enabled: true } }), "forbidden");
    expect(e.status).toBe(403);
    expect(e.message).toMatch(/administrator/);
    expect(await lastAudit(db())).toMatchObject({ action: "agent.enable", actorId: U.maya, targetId: A.kbCurator, outcome: "failure" });
    expect(await agent(A.kbCurator)).toMatchObject({ accountEnabled: false, disabledByAdmin: true });
    expect(await effectiveGrants(db(), [A.kbCurator], now)).toEqual([]);

    await setAgentEnabled({ ctx: ines, input: { agentId: A.kbCurator, enabled: true } });
    expect(await agent(A.kbCurator)).toMatchObject({ accountEnabled: true, disabledByAdmin: false });
    expect((await effectiveGrants(db(), [A.kbCurator], now)).length).toBeGreaterThan(0);
  });

  it("an administrator disabling an agent its sponsor already disabled makes the disable stick", async () => {
    const ines = await ctxAs(db(), U.ines, clock);
    const maya = await ctxAs(db(), U.maya, clock);
    await setAgentEnabled({ ctx: maya, input: { agentId: A.kbCurator, enabled: false } });
    expect(await setAgentEnabled({ ctx: ines, input: { agentId: A.kbCurator, enabled: false } })).toMatchObject({ accountEnabled: false, disabledByAdmin: true });
    await expectRefused(setAgentEnabled({ ctx: maya, input: { agentId: A.kbCurator, enabled: true } }), "forbidden");
    await setAgentEnabled({ ctx: ines, input: { agentId: A.kbCurator, enabled: true } });
  });

  it("someone who neither sponsors nor owns the agent is refused (403, audited) and nothing changes", async () => {
    const sam = await ctxAs(db(), U.sam, clock);
    const e = await expectRefused(setAgentEnabled({ ctx: sam, input: { agentId: A.kbCurator, enabled: false } }), "forbidden");
    expect(e.status).toBe(403);
    expect(await lastAudit(db())).toMatchObject({ action: "agent.disable", actorId: U.sam, targetId: A.kbCurator, outcome: "failure" });
    expect((await agent(A.kbCurator)).accountEnabled).toBe(true);
    // Leo sponsors other agents, not this one.
    const leo = await ctxAs(db(), U.leo, clock);
    await expectRefused(setAgentEnabled({ ctx: leo, input: { agentId: A.kbCurator, enabled: false } }), "forbidden");
  });

  it("an owner who is not a sponsor may disable the agent", async () => {
    const carlos = await ctxAs(db(), U.carlos, clock); // owner of Ticket Triage Agent
    expect(await setAgentEnabled({ ctx: carlos, input: { agentId: A.triage, enabled: false } })).toMatchObject({ accountEnabled: false });
    expect(await setAgentEnabled({ ctx: carlos, input: { agentId: A.triage, enabled: true } })).toMatchObject({ accountEnabled: true });
  });

  it("bad input is refused with what to fix, and nothing is written", async () => {
    const maya = await ctxAs(db(), U.maya, clock);
    const before = await auditCount(db());
    const e = await expectRefused(setAgentEnabled({ ctx: maya, input: { agentId: "not-an-id", enabled: "yes" } }), "invalid");
    expect(e.fieldErrors?.agentId?.[0]).toMatch(/agent identity/);
    expect(e.fieldErrors?.enabled?.[0]).toMatch(/true or false/);
    expect(await auditCount(db())).toBe(before);
  });

  it("a service principal's owner disables and enables it (audited as servicePrincipal.*): no token while disabled; others are refused", async () => {
    const SP = SEED_IDS.servicePrincipals.payrollSync;
    const tomas = await ctxAs(db(), U.tomas, clock); // owns Payroll Sync
    const secret = await createCredential({ ctx: tomas, input: { principalId: SP } });
    const token = () => issueClientCredentialsToken(db(), { grant_type: "client_credentials", client_id: secret.clientId, client_secret: secret.clientSecret });
    await expect(token()).resolves.toMatchObject({ token_type: "Bearer" });

    expect(await setAgentEnabled({ ctx: tomas, input: { agentId: SP, enabled: false } })).toMatchObject({ accountEnabled: false, disabledByAdmin: false });
    expect(await lastAudit(db())).toMatchObject({ action: "servicePrincipal.disable", actorId: U.tomas, targetId: SP, outcome: "success", after: { accountEnabled: false } });
    await expect(token()).rejects.toMatchObject({ error: "invalid_client" });

    // Someone with no relation to it (and a sponsor of agents, which service principals do not have) is refused.
    for (const who of [U.sam, U.leo]) {
      await expectRefused(setAgentEnabled({ ctx: await ctxAs(db(), who, clock), input: { agentId: SP, enabled: true } }), "forbidden");
      // Named as what it is, although the refusal comes before the verb answers anything from the principal.
      expect(await lastAudit(db())).toMatchObject({ action: "servicePrincipal.enable", actorId: who, targetId: SP, outcome: "failure" });
    }
    expect((await agent(SP)).accountEnabled).toBe(false);

    expect(await setAgentEnabled({ ctx: tomas, input: { agentId: SP, enabled: true } })).toMatchObject({ accountEnabled: true });
    expect(await lastAudit(db())).toMatchObject({ action: "servicePrincipal.enable", actorId: U.tomas, targetId: SP, outcome: "success" });
    await expect(token()).resolves.toMatchObject({ token_type: "Bearer" });
  });

  it("people are not agents: a user id is not found (404) even for an administrator", async () => {
    const ines = await ctxAs(db(), U.ines, clock);
    await expectRefused(setAgentEnabled({ ctx: ines, input: { agentId: U.sam, enabled: false } }), "notFound");
  });

  it("an agent user holds nothing while its agent identity is disabled", async () => {
    // The mailbox account of Escalation Summarizer holds a role through an assignment of its own.
    const [role] = await db().select().from(resourceRoleScopes).where(eq(resourceRoleScopes.accessPackageId, P.helpdeskOperator));
    const [a] = await db()
      .insert(assignments)
      .values({ accessPackageId: P.helpdeskOperator, assignmentPolicyId: SEED_IDS.policies.helpdeskOperator, targetId: SEED_IDS.agentUsers.escalationSummarizer, state: "delivered", startDateTime: now })
      .returning();
    await db().insert(grants).values({ principalId: SEED_IDS.agentUsers.escalationSummarizer, resourceRoleId: role.resourceRoleId, assignmentId: a.id });
    expect(await effectiveGrants(db(), [SEED_IDS.agentUsers.escalationSummarizer], now)).toHaveLength(1);

    const maya = await ctxAs(db(), U.maya, clock);
    await setAgentEnabled({ ctx: maya, input: { agentId: A.escalationSummarizer, enabled: false } });
    expect(await effectiveGrants(db(), [SEED_IDS.agentUsers.escalationSummarizer], now)).toEqual([]);
    await setAgentEnabled({ ctx: maya, input: { agentId: A.escalationSummarizer, enabled: true } });
    expect(await effectiveGrants(db(), [SEED_IDS.agentUsers.escalationSummarizer], now)).toHaveLength(1);
  });
});
