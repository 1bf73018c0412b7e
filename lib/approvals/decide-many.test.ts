import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, count, eq, inArray } from "drizzle-orm";
import type { Database } from "@/db";
import { assignmentRequests, auditEvents } from "@/db/schema";
import { SEED_IDS } from "@/db/seed";
import { createTestDatabase } from "@/lib/testing/test-db";
import { ctxAs } from "@/lib/testing/actors";
import { DomainError } from "@/lib/errors";
import { submitRequest } from "@/lib/requests/submit-request";
import { effectiveGrants } from "@/lib/assignments/effective-grants";
import { decideMany } from "./decide-many";

const U = SEED_IDS.users;
const A = SEED_IDS.agents;
const P = SEED_IDS.packages;
const now = new Date("2026-12-10T09:00:00Z");
const clock = () => now;

let database: Database;
const db = () => database.db;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

async function stateOf(id: string) {
  const [r] = await db().select({ state: assignmentRequests.state }).from(assignmentRequests).where(eq(assignmentRequests.id, id));
  return r.state;
}
async function auditFor(requestIds: string[], action: string) {
  return db()
    .select()
    .from(auditEvents)
    .where(and(inArray(auditEvents.requestId, requestIds), eq(auditEvents.action, action)));
}

describe("decideMany: one decision and justification for several requests", () => {
  it("approves what it can, reports each refusal, and a refusal undoes none of the others (one audit event per decision)", async () => {
    const maya = await ctxAs(db(), U.maya, clock);
    const priya = await ctxAs(db(), U.priya, clock);
    // Three Support Ticket Triage requests (Priya approves; no approver justification needed) ...
    const triage = await submitRequest({ ctx: maya, input: { accessPackageId: P.supportTicketTriage, targetId: A.triage, justification: "Routes tickets" } });
    const kb = await submitRequest({ ctx: maya, input: { accessPackageId: P.supportTicketTriage, targetId: A.kbCurator, justification: "Reads tickets" } });
    const esc = await submitRequest({ ctx: maya, input: { accessPackageId: P.supportTicketTriage, targetId: A.escalationSummarizer, justification: "Summaries" } });
    // ... and a break-glass request whose policy requires the approver's justification.
    const glass = await submitRequest({ ctx: maya, input: { accessPackageId: P.productionBreakGlass, targetId: A.triage, justification: "Incident 4711" } });
    const ids = [triage.id, kb.id, glass.id, esc.id];
    expect(await Promise.all(ids.map(stateOf))).toEqual(["pendingApproval", "pendingApproval", "pendingApproval", "pendingApproval"]);

    const result = await decideMany({ ctx: priya, input: { items: ids.map((requestId) => ({ requestId })), decision: "Approve" } });
    expect(result).toMatchObject({ decision: "Approve", succeeded: 3, failed: 1 });
    expect(result.results.map((r) => r.requestId)).toEqual(ids);
    const refusal = result.results.find((r) => !r.ok);
    expect(refusal).toMatchObject({ requestId: glass.id, ok: false, code: "invalid", fieldErrors: { justification: [expect.any(String)] } });

    expect(await stateOf(triage.id)).toBe("delivered");
    expect(await stateOf(kb.id)).toBe("delivered");
    expect(await stateOf(esc.id)).toBe("delivered");
    expect(await stateOf(glass.id)).toBe("pendingApproval");
    expect((await effectiveGrants(db(), [A.kbCurator], now)).map((g) => g.accessPackageName)).toContain("Support Ticket Triage");

    const approvals = await auditFor(ids, "approval.approve");
    expect(approvals.filter((e) => e.outcome === "success").map((e) => e.requestId).sort()).toEqual([triage.id, kb.id, esc.id].sort());
    for (const e of approvals) expect(e.actorId).toBe(U.priya);
    // Invalid input changes nothing and is not audited as a refusal.
    expect(approvals.filter((e) => e.requestId === glass.id)).toEqual([]);
  });

  it("a second bulk decision over already-decided requests reports conflicts per request, audits them, and still decides the open one", async () => {
    const priya = await ctxAs(db(), U.priya, clock);
    const pending = await db().select().from(assignmentRequests).where(eq(assignmentRequests.state, "pendingApproval"));
    const decided = await db().select().from(assignmentRequests).where(eq(assignmentRequests.state, "delivered"));
    expect(pending).toHaveLength(1);
    const items = [...decided.map((r) => ({ requestId: r.id })), { requestId: pending[0].id }];
    const result = await decideMany({ ctx: priya, input: { items, decision: "Deny", justification: "Not during the freeze" } });
    expect(result.succeeded).toBe(1);
    expect(result.failed).toBe(decided.length);
    for (const r of result.results.filter((x) => !x.ok)) expect(r).toMatchObject({ code: "conflict", message: expect.stringMatching(/already been decided/) });
    expect(await stateOf(pending[0].id)).toBe("denied");
    const refusals = (await auditFor(decided.map((r) => r.id), "approval.deny")).filter((e) => e.outcome === "failure");
    expect(refusals).toHaveLength(decided.length);
  });

  it("someone who is not an approver gets a refusal per request and nothing is decided", async () => {
    const maya = await ctxAs(db(), U.maya, clock);
    const sam = await ctxAs(db(), U.sam, clock);
    const r = await submitRequest({ ctx: maya, input: { accessPackageId: P.financeReportingAgent, targetId: A.triage, justification: "Reports" } });
    const result = await decideMany({ ctx: sam, input: { items: [{ requestId: r.id }], decision: "Approve" } });
    expect(result.results[0]).toMatchObject({ ok: false, code: "forbidden" });
    expect(await stateOf(r.id)).toBe("pendingApproval");
    // The requestor herself cannot approve her own request in bulk either.
    const own = await decideMany({ ctx: maya, input: { items: [{ requestId: r.id }], decision: "Approve" } });
    expect(own.results[0]).toMatchObject({ ok: false, code: "forbidden", message: expect.stringMatching(/you made/) });
  });

  it("refuses an empty selection or a bad decision before deciding anything", async () => {
    const priya = await ctxAs(db(), U.priya, clock);
    const [before] = await db().select({ n: count() }).from(auditEvents);
    const e = await decideMany({ ctx: priya, input: { items: [], decision: "Maybe" } }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(DomainError);
    expect((e as DomainError).code).toBe("invalid");
    expect((e as DomainError).fieldErrors?.items?.[0]).toMatch(/at least one/);
    expect((e as DomainError).fieldErrors?.decision?.[0]).toMatch(/Approve or Deny/);
    const [after] = await db().select({ n: count() }).from(auditEvents);
    expect(after.n).toBe(before.n);
  });
});
