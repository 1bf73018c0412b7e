import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { SEED_IDS } from "@/db/seed";
import { createTestDatabase } from "@/lib/testing/test-db";
import { ctxAs } from "@/lib/testing/actors";
import { expectRefused } from "@/lib/testing/audit";
import { listRequestable } from "@/lib/requests/list-requestable";
import { getMyAgent, listMyAgents } from "./list-my-agents";

const U = SEED_IDS.users;
const A = SEED_IDS.agents;
const SP = SEED_IDS.servicePrincipals;

let database: Database;
const db = () => database.db;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

describe("My Account: the agents people answer for, and the service principals they own", () => {
  it("an owner of a service principal sees it beside his agents; a sponsor sees only agents", async () => {
    const tomas = await listMyAgents(await ctxAs(db(), U.tomas));
    const payroll = tomas.rows.find((r) => r.id === SP.payrollSync);
    expect(payroll).toMatchObject({ kind: "servicePrincipal", displayName: "Payroll Sync", iOwn: true, iSponsor: false, sponsors: [], blueprintName: null, accountEnabled: true });
    expect(tomas.rows.find((r) => r.id === A.invoiceReconciliation)).toMatchObject({ kind: "agentIdentity", iOwn: true });
    expect(tomas.total).toBe(tomas.rows.length);
    // Filtering by name finds it too.
    expect((await listMyAgents(await ctxAs(db(), U.tomas), { q: "payroll" })).rows.map((r) => r.id)).toEqual([SP.payrollSync]);

    const leo = await listMyAgents(await ctxAs(db(), U.leo));
    expect(leo.rows.length).toBeGreaterThan(0);
    expect(leo.rows.every((r) => r.kind === "agentIdentity")).toBe(true);
    const ines = await listMyAgents(await ctxAs(db(), U.ines));
    expect(ines.rows.map((r) => r.id)).toContain(SP.stewardAutomation);
  });

  it("its page is open to its owners and administrators, with the secret controls; anyone else gets not found", async () => {
    const tomas = await getMyAgent(await ctxAs(db(), U.tomas), SP.payrollSync);
    expect(tomas).toMatchObject({ kind: "servicePrincipal", iOwn: true, iSponsor: false, sponsors: [], owners: ["Tomas Novak"], blueprint: null, canCreateCredential: true, canRemoveCredential: true, toggle: { allowed: true } });
    expect((await getMyAgent(await ctxAs(db(), U.ines), SP.payrollSync)).viewerIsAdmin).toBe(true);
    await expectRefused(getMyAgent(await ctxAs(db(), U.maya), SP.payrollSync), "notFound");
    await expectRefused(getMyAgent(await ctxAs(db(), U.leo), SP.payrollSync), "notFound");
    // A person is not an agent, even to an administrator.
    await expectRefused(getMyAgent(await ctxAs(db(), U.ines), U.sam), "notFound");
  });

  it("My Access offers an owned service principal as a target, marked as one; not to anyone else", async () => {
    const tomas = await listRequestable(await ctxAs(db(), U.tomas));
    expect(tomas.targets.find((t) => t.id === SP.payrollSync)).toMatchObject({ kind: "servicePrincipal", displayName: "Payroll Sync" });
    expect(tomas.targets.find((t) => t.id === A.invoiceReconciliation)).toMatchObject({ kind: "agent" });
    const maya = await listRequestable(await ctxAs(db(), U.maya));
    expect(maya.targets.some((t) => t.kind === "servicePrincipal")).toBe(false);
  });
});
