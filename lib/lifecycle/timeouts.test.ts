import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Database } from "@/db";
import { assignmentRequests, assignments, auditEvents } from "@/db/schema";
import { SEED_IDS } from "@/db/seed";
import { createTestDatabase } from "@/lib/testing/test-db";
import { ctxAs } from "@/lib/testing/actors";
import { systemCtx } from "@/lib/auth/actor";
import { DomainError } from "@/lib/errors";
import { submitRequest } from "@/lib/requests/submit-request";
import { decideApproval } from "@/lib/approvals/decide-approval";
import { runLifecycleStep } from "./run-lifecycle-step";

const U = SEED_IDS.users;
let database: Database;
let now = new Date("2026-12-01T08:00:00Z");
const clock = () => now;
const at = (iso: string) => (now = new Date(iso));

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

async function eventsFor(requestId: string) {
  return database.db.select().from(auditEvents).where(eq(auditEvents.requestId, requestId)).orderBy(auditEvents.id);
}

describe("approval clock (injected)", () => {
  it("escalates a stage after durationBeforeEscalation, audited by the system; the escalation approver may then decide", async () => {
    at("2026-12-01T08:00:00Z");
    const maya = await ctxAs(database.db, U.maya, clock);
    const helen = await ctxAs(database.db, U.helen, clock);
    const req = await submitRequest({ ctx: maya, input: { accessPackageId: SEED_IDS.packages.productionBreakGlass, targetId: SEED_IDS.agents.triage, justification: "Incident 4411" } });
    expect(req.state).toBe("pendingApproval");
    // Before escalation Helen is not yet an approver of the stage.
    await expect(decideApproval({ ctx: helen, input: { requestId: req.id, decision: "Approve", justification: "ok" } })).rejects.toMatchObject({ code: "forbidden" });

    at("2026-12-01T11:59:00Z");
    expect((await runLifecycleStep({ ctx: systemCtx(database.db, clock) })).escalated).toBe(0);
    at("2026-12-01T12:00:01Z");
    expect((await runLifecycleStep({ ctx: systemCtx(database.db, clock) })).escalated).toBe(1);
    expect((await runLifecycleStep({ ctx: systemCtx(database.db, clock) })).escalated).toBe(0);
    const escalation = (await eventsFor(req.id)).filter((e) => e.action === "approval.escalate");
    expect(escalation).toHaveLength(1);
    expect(escalation[0]).toMatchObject({ actorType: "system", actorId: null, outcome: "success" });
    expect(escalation[0].at.toISOString()).toBe("2026-12-01T12:00:01.000Z");

    // The policy requires the approver's justification.
    await expect(decideApproval({ ctx: helen, input: { requestId: req.id, decision: "Approve" } })).rejects.toMatchObject({ code: "invalid", fieldErrors: { justification: expect.any(Array) } });
    const done = await decideApproval({ ctx: helen, input: { requestId: req.id, decision: "Approve", justification: "Incident confirmed" } });
    expect(done.state).toBe("delivered");
  });

  it("denies a stage automatically after durationBeforeAutomaticDenial, audited by the system", async () => {
    at("2026-12-02T08:00:00Z");
    const aisha = await ctxAs(database.db, U.aisha, clock);
    const req = await submitRequest({ ctx: aisha, input: { accessPackageId: SEED_IDS.packages.productionBreakGlass, targetId: SEED_IDS.agents.onCall, justification: "Hotfix" } });
    at("2026-12-03T07:59:59Z");
    expect((await runLifecycleStep({ ctx: systemCtx(database.db, clock) })).autoDenied).toBe(0);
    at("2026-12-03T08:00:00Z");
    expect((await runLifecycleStep({ ctx: systemCtx(database.db, clock) })).autoDenied).toBe(1);
    const [r] = await database.db.select().from(assignmentRequests).where(eq(assignmentRequests.id, req.id));
    expect(r.state).toBe("denied");
    expect(r.status).toMatch(/automatically/);
    const denial = (await eventsFor(req.id)).filter((e) => e.action === "approval.autoDeny");
    expect(denial).toHaveLength(1);
    expect(denial[0]).toMatchObject({ actorType: "system", actorId: null });
    const priya = await ctxAs(database.db, U.priya, clock);
    const late = await decideApproval({ ctx: priya, input: { requestId: req.id, decision: "Approve", justification: "late" } }).catch((e: unknown) => e);
    expect(late).toBeInstanceOf(DomainError);
    expect((late as DomainError).code).toBe("conflict");
  });

  it("a request with a future start is scheduled and delivered when the start arrives", async () => {
    at("2026-12-05T08:00:00Z");
    const ines = await ctxAs(database.db, U.ines, clock);
    const req = await submitRequest({
      ctx: ines,
      input: { requestType: "adminAdd", accessPackageId: SEED_IDS.packages.directoryRead8h, targetId: SEED_IDS.agents.releaseNotes, schedule: { startDateTime: "2026-12-06T08:00:00Z" } },
    });
    expect(req.state).toBe("scheduled");
    at("2026-12-06T07:00:00Z");
    expect((await runLifecycleStep({ ctx: systemCtx(database.db, clock) })).scheduledDelivered).toBe(0);
    at("2026-12-06T08:00:00Z");
    expect((await runLifecycleStep({ ctx: systemCtx(database.db, clock) })).scheduledDelivered).toBe(1);
    const [r] = await database.db.select().from(assignmentRequests).where(eq(assignmentRequests.id, req.id));
    expect(r.state).toBe("delivered");
    const [a] = await database.db.select().from(assignments).where(eq(assignments.id, r.assignmentId!));
    expect(a.startDateTime.toISOString()).toBe("2026-12-06T08:00:00.000Z");
    expect(a.endDateTime!.toISOString()).toBe("2026-12-06T16:00:00.000Z");
  });

  it("access is counted from delivery: an approval that takes longer than the access period still delivers the full period", async () => {
    at("2026-12-07T08:00:00Z");
    const leo = await ctxAs(database.db, U.leo, clock);
    const priya = await ctxAs(database.db, U.priya, clock);
    const req = await submitRequest({ ctx: leo, input: { accessPackageId: SEED_IDS.packages.productionBreakGlass, targetId: SEED_IDS.agents.expenseAuditor, justification: "Restore" } });
    at("2026-12-07T13:00:00Z");
    const done = await decideApproval({ ctx: priya, input: { requestId: req.id, decision: "Approve", justification: "Restore confirmed" } });
    expect(done.state).toBe("delivered");
    const [a] = await database.db.select().from(assignments).where(eq(assignments.id, done.assignmentId!));
    expect(a.startDateTime.toISOString()).toBe("2026-12-07T13:00:00.000Z");
    expect(a.endDateTime!.toISOString()).toBe("2026-12-07T17:00:00.000Z");
  });
});
