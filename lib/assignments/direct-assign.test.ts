import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { Database } from "@/db";
import { assignmentRequests, assignments, auditEvents } from "@/db/schema";
import { SEED_IDS } from "@/db/seed";
import { createTestDatabase } from "@/lib/testing/test-db";
import { ctxAs } from "@/lib/testing/actors";
import { directAssign } from "./direct-assign";

const U = SEED_IDS.users;
const A = SEED_IDS.agents;
const P = SEED_IDS.packages;
const POL = SEED_IDS.policies;
let database: Database;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

const assignmentsOf = (targetId: string, packageId: string) =>
  database.db.select().from(assignments).where(and(eq(assignments.targetId, targetId), eq(assignments.accessPackageId, packageId)));

describe("directAssign", () => {
  it("assigns each eligible principal with the schedule (adminAdd, no approval) and refuses one outside the policy's scope with the reason", async () => {
    const ines = await ctxAs(database.db, U.ines);
    const start = new Date(Date.now() + 60 * 60 * 1000);
    const end = new Date(start.getTime() + 4 * 60 * 60 * 1000);
    const results = await directAssign({
      ctx: ines,
      input: {
        accessPackageId: P.directoryRead8h,
        assignmentPolicyId: POL.directoryRead8h,
        targetIds: [A.triage, SEED_IDS.servicePrincipals.payrollSync, A.kbCurator],
        justification: "Incident 4711",
        schedule: { startDateTime: start.toISOString(), expiration: { type: "afterDateTime", endDateTime: end.toISOString() } },
      },
    });
    expect(results.map((r) => [r.displayName, r.ok])).toEqual([
      ["Ticket Triage Agent", true],
      ["Payroll Sync", false],
      ["Knowledge Base Curator", true],
    ]);
    const refused = results[1];
    expect(refused).toMatchObject({ ok: false, code: "forbidden", type: "servicePrincipal", message: '"Agents, no approval (8 hours)" is for agent identities; Payroll Sync is not one.' });
    // A start in the future: the request waits as scheduled, with the asked-for window.
    const [req] = await database.db.select().from(assignmentRequests).where(and(eq(assignmentRequests.targetId, A.triage), eq(assignmentRequests.accessPackageId, P.directoryRead8h)));
    expect(req).toMatchObject({ requestType: "adminAdd", requestorId: U.ines, state: "scheduled", justification: "Incident 4711" });
    expect(req.schedule).toMatchObject({ startDateTime: start.toISOString(), endDateTime: end.toISOString(), customStart: true, customEnd: true });
    expect(await assignmentsOf(SEED_IDS.servicePrincipals.payrollSync, P.directoryRead8h)).toEqual([]);
    // Each request's creation is audited in its own transaction; the refusal too.
    const creates = await database.db.select().from(auditEvents).where(eq(auditEvents.action, "request.create"));
    const requestIds = results.flatMap((r) => (r.ok ? [r.requestId] : []));
    expect(creates.filter((e) => e.outcome === "success").map((e) => e.requestId).sort()).toEqual(requestIds.sort());
    expect(creates.filter((e) => e.outcome === "failure")).toEqual([expect.objectContaining({ targetId: SEED_IDS.servicePrincipals.payrollSync })]);
  });

  it("delivers at once without a start date", async () => {
    const ines = await ctxAs(database.db, U.ines);
    const [r] = await directAssign({ ctx: ines, input: { accessPackageId: P.directoryRead8h, assignmentPolicyId: POL.directoryRead8h, targetIds: [A.onCall], justification: "On-call rotation" } });
    expect(r).toMatchObject({ ok: true, state: "delivered" });
    expect(await assignmentsOf(A.onCall, P.directoryRead8h)).toEqual([expect.objectContaining({ state: "delivered" })]);
  });

  it("someone without assignments.manage on the catalog gets one 403, audited, and nothing is requested", async () => {
    const tomas = await ctxAs(database.db, U.tomas);
    await expect(
      directAssign({ ctx: tomas, input: { accessPackageId: P.directoryRead8h, assignmentPolicyId: POL.directoryRead8h, targetIds: [A.releaseNotes], justification: "x" } }),
    ).rejects.toMatchObject({ status: 403 });
    expect(await database.db.select().from(assignmentRequests).where(eq(assignmentRequests.targetId, A.releaseNotes))).toEqual([]);
    const refusals = await database.db.select().from(auditEvents).where(eq(auditEvents.action, "assignment.directAssign"));
    expect(refusals).toEqual([expect.objectContaining({ actorId: U.tomas, outcome: "failure", targetId: P.directoryRead8h })]);
  });

  it("bad input is a 400 naming the field, and nothing is written", async () => {
    const ines = await ctxAs(database.db, U.ines);
    const before = (await database.db.select().from(auditEvents)).length;
    const base = { accessPackageId: P.directoryRead8h, assignmentPolicyId: POL.directoryRead8h, justification: "x" };
    await expect(directAssign({ ctx: ines, input: { ...base, targetIds: [] } })).rejects.toMatchObject({ status: 400, fieldErrors: { targetIds: ["choose at least one person, agent or service principal"] } });
    await expect(directAssign({ ctx: ines, input: { ...base, targetIds: [A.releaseNotes, A.releaseNotes] } })).rejects.toMatchObject({ status: 400, fieldErrors: { targetIds: ["each target may be chosen once"] } });
    await expect(directAssign({ ctx: ines, input: { ...base, justification: " ", targetIds: [A.releaseNotes] } })).rejects.toMatchObject({ status: 400, fieldErrors: { justification: expect.any(Array) } });
    await expect(directAssign({ ctx: ines, input: { ...base, targetIds: [A.releaseNotes], schedule: { startDateTime: "tomorrow-ish" } } })).rejects.toMatchObject({ status: 400 });
    expect((await database.db.select().from(auditEvents)).length).toBe(before);
    expect(await database.db.select().from(assignmentRequests).where(eq(assignmentRequests.targetId, A.releaseNotes))).toEqual([]);
  });
});
