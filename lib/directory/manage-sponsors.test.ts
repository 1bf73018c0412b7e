import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Database } from "@/db";
import { agentSponsors, auditEvents, principalOwners, principals } from "@/db/schema";
import { SEED_IDS } from "@/db/seed";
import { createTestDatabase } from "@/lib/testing/test-db";
import { ctxAs } from "@/lib/testing/actors";
import { addOwner, addSponsor, MAX_SPONSORS, removeOwner, removeSponsor } from "./manage-sponsors";

const U = SEED_IDS.users;
const A = SEED_IDS.agents;
let database: Database;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

const sponsorsOf = async (agentId: string) =>
  (await database.db.select({ id: agentSponsors.sponsorId }).from(agentSponsors).where(eq(agentSponsors.agentId, agentId))).map((r) => r.id).sort();
const auditOf = (action: string) => database.db.select().from(auditEvents).where(eq(auditEvents.action, action));

describe("sponsors", () => {
  it("an administrator adds a second sponsor and removes the first; both changes are audited", async () => {
    const ines = await ctxAs(database.db, U.ines);
    expect(await sponsorsOf(A.triage)).toEqual([U.maya]);
    expect(await addSponsor({ ctx: ines, input: { principalId: A.triage, userId: U.leo } })).toEqual({ count: 2 });
    expect(await removeSponsor({ ctx: ines, input: { principalId: A.triage, userId: U.maya } })).toEqual({ count: 1 });
    expect(await sponsorsOf(A.triage)).toEqual([U.leo]);
    const [added] = await auditOf("agent.sponsor.add");
    expect(added).toMatchObject({ actorId: U.ines, targetId: A.triage, outcome: "success", after: { sponsorId: U.leo } });
    const [removed] = await auditOf("agent.sponsor.remove");
    expect(removed).toMatchObject({ actorId: U.ines, targetId: A.triage, outcome: "success", before: { sponsorId: U.maya } });
  });

  it("the last sponsor cannot be removed (409, audited as refused, the sponsor stays)", async () => {
    const ines = await ctxAs(database.db, U.ines);
    await expect(removeSponsor({ ctx: ines, input: { principalId: A.triage, userId: U.leo } })).rejects.toMatchObject({
      status: 409,
      message: expect.stringMatching(/must keep at least 1 sponsor/),
    });
    expect(await sponsorsOf(A.triage)).toEqual([U.leo]);
    const refused = (await auditOf("agent.sponsor.remove")).filter((e) => e.outcome === "failure");
    expect(refused).toHaveLength(1);
  });

  it("an agent cannot get a 101st sponsor", async () => {
    const ines = await ctxAs(database.db, U.ines);
    // Fill Expense Auditor up to the limit with generated people.
    const extra = Array.from({ length: MAX_SPONSORS - 1 }, (_, i) => ({ type: "user" as const, displayName: `Sponsor ${i}`, userType: "member" as const }));
    const people = await database.db.insert(principals).values(extra).returning({ id: principals.id });
    await database.db.insert(agentSponsors).values(people.map((p) => ({ agentId: A.expenseAuditor, sponsorId: p.id })));
    expect(await sponsorsOf(A.expenseAuditor)).toHaveLength(MAX_SPONSORS);
    await expect(addSponsor({ ctx: ines, input: { principalId: A.expenseAuditor, userId: U.sam } })).rejects.toMatchObject({
      status: 409,
      message: expect.stringMatching(/already has 100 sponsors/),
    });
    expect(await sponsorsOf(A.expenseAuditor)).toHaveLength(MAX_SPONSORS);
  });

  it("only administrators manage sponsors: a sponsor or owner of the agent is refused (403) and the refusal is audited", async () => {
    const maya = await ctxAs(database.db, U.maya);
    await expect(addSponsor({ ctx: maya, input: { principalId: A.kbCurator, userId: U.sam } })).rejects.toMatchObject({ status: 403 });
    expect(await sponsorsOf(A.kbCurator)).toEqual([U.maya]);
    const refused = (await auditOf("agent.sponsor.add")).filter((e) => e.outcome === "failure" && e.actorId === U.maya);
    expect(refused).toEqual([expect.objectContaining({ targetId: A.kbCurator, detail: expect.stringMatching(/Only Identity Governance Administrators/) })]);
  });

  it("bad input is a 400 and writes nothing: a malformed id, an agent as sponsor, a service principal as the sponsored", async () => {
    const ines = await ctxAs(database.db, U.ines);
    const before = (await database.db.select().from(auditEvents)).length;
    await expect(addSponsor({ ctx: ines, input: { principalId: A.kbCurator, userId: "x" } })).rejects.toMatchObject({ status: 400, fieldErrors: { userId: ["choose a person"] } });
    await expect(addSponsor({ ctx: ines, input: { principalId: A.kbCurator, userId: A.triage } })).rejects.toMatchObject({ status: 400, message: expect.stringMatching(/not a person/) });
    await expect(addSponsor({ ctx: ines, input: { principalId: SEED_IDS.servicePrincipals.payrollSync, userId: U.sam } })).rejects.toMatchObject({
      status: 400,
      message: expect.stringMatching(/only agents have sponsors/),
    });
    expect((await database.db.select().from(auditEvents)).length).toBe(before);
    expect(await sponsorsOf(A.kbCurator)).toEqual([U.maya]);
  });
});

describe("owners", () => {
  it("an administrator adds and removes an owner of a service principal; a duplicate is a conflict", async () => {
    const ines = await ctxAs(database.db, U.ines);
    const sp = SEED_IDS.servicePrincipals.payrollSync;
    await addOwner({ ctx: ines, input: { principalId: sp, userId: U.aisha } });
    await expect(addOwner({ ctx: ines, input: { principalId: sp, userId: U.aisha } })).rejects.toMatchObject({ status: 409 });
    const owners = async () => (await database.db.select({ id: principalOwners.ownerId }).from(principalOwners).where(eq(principalOwners.principalId, sp))).map((r) => r.id).sort();
    expect(await owners()).toEqual([U.tomas, U.aisha].sort());
    await removeOwner({ ctx: ines, input: { principalId: sp, userId: U.aisha } });
    expect(await owners()).toEqual([U.tomas]);
    expect((await auditOf("agent.owner.add")).filter((e) => e.outcome === "success")).toHaveLength(1);
    expect((await auditOf("agent.owner.remove")).filter((e) => e.outcome === "success")).toHaveLength(1);
  });
});
