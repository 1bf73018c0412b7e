import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { SEED_IDS } from "@/db/seed";
import { createTestDatabase } from "@/lib/testing/test-db";
import { ctxAs } from "@/lib/testing/actors";
import { decideApproval } from "@/lib/approvals/decide-approval";
import { listRequests, requestFiltersFrom } from "./list-requests";
import { getRequestTimeline } from "./get-request-timeline";
import { submitRequest } from "./submit-request";

const U = SEED_IDS.users;
const A = SEED_IDS.agents;
const P = SEED_IDS.packages;
let database: Database;
const ids: Record<string, string> = {};

beforeAll(async () => {
  database = await createTestDatabase();
  const db = database.db;
  // A minute apart, so "newest first" has one answer.
  const base = Date.now() - 60 * 60 * 1000;
  const as = (id: string, minute: number) => ctxAs(db, id, () => new Date(base + minute * 60_000));
  ids.approved = (await submitRequest({ ctx: await as(U.maya, 0), input: { accessPackageId: P.supportTicketTriage, targetId: A.triage, justification: "Route Tier 2 tickets" } })).id;
  await decideApproval({ ctx: await as(U.priya, 1), input: { requestId: ids.approved, decision: "Approve", justification: "Support agent" } });
  ids.pending = (await submitRequest({ ctx: await as(U.maya, 2), input: { accessPackageId: P.supportTicketTriage, targetId: A.kbCurator, justification: "Read tickets" } })).id;
  ids.finance = (await submitRequest({ ctx: await as(U.leo, 3), input: { accessPackageId: P.financeReportingAgent, targetId: A.expenseAuditor, justification: "Reports" } })).id;
  ids.agentSelf = (await submitRequest({ ctx: await as(A.releaseNotes, 4), input: { accessPackageId: P.directoryRead8h } })).id;
});
afterAll(async () => {
  await database?.close();
});

describe("listRequests", () => {
  it("shows administrators every request, catalog roles their catalogs' only, and nobody else any", async () => {
    const ines = await listRequests(await ctxAs(database.db, U.ines));
    expect(ines.total).toBe(4);
    const carlos = await listRequests(await ctxAs(database.db, U.carlos));
    expect(carlos.rows.map((r) => r.id).sort()).toEqual([ids.approved, ids.pending, ids.agentSelf].sort());
    const tomas = await listRequests(await ctxAs(database.db, U.tomas));
    expect(tomas.rows.map((r) => r.id)).toEqual([ids.finance]);
    // Maya made requests but holds no catalog role: the admin list is not hers.
    expect(await listRequests(await ctxAs(database.db, U.maya))).toMatchObject({ allowed: false, total: 0, rows: [] });
  });

  it("joins names and filters by state, type, package and a search over package, target and requestor", async () => {
    const ctx = await ctxAs(database.db, U.ines);
    const all = await listRequests(ctx);
    expect(all.rows.find((r) => r.id === ids.approved)).toMatchObject({ packageName: "Support Ticket Triage", targetName: "Ticket Triage Agent", targetType: "agentIdentity", requestorName: "Maya Chen", requestType: "onBehalfAdd", state: "delivered" });
    expect(all.rows.find((r) => r.id === ids.agentSelf)).toMatchObject({ requestorName: "Release Notes Writer", requestorType: "agentIdentity", requestType: "userAdd" });
    expect((await listRequests(ctx, { state: "pendingApproval" })).rows.map((r) => r.id).sort()).toEqual([ids.pending, ids.finance].sort());
    expect((await listRequests(ctx, { requestType: "userAdd" })).rows.map((r) => r.id)).toEqual([ids.agentSelf]);
    expect((await listRequests(ctx, { accessPackageId: P.supportTicketTriage })).total).toBe(2);
    expect((await listRequests(ctx, { q: "leo" })).rows.map((r) => r.id)).toEqual([ids.finance]);
    expect((await listRequests(ctx, { q: "curator" })).rows.map((r) => r.id)).toEqual([ids.pending]);
    expect((await listRequests(ctx, { q: "directory read" })).rows.map((r) => r.id)).toEqual([ids.agentSelf]);
  });

  it("filters by requestor name, target name and submission dates, alone and together (counted like the page)", async () => {
    const ctx = await ctxAs(database.db, U.ines);
    // The requests were made an hour ago: "from" the day two hours ago holds them also just after midnight UTC.
    const today = new Date(Date.now() - 2 * 60 * 60 * 1000).toISOString().slice(0, 10);
    const byRequestor = await listRequests(ctx, { requestor: "maya" });
    expect(byRequestor.rows.map((r) => r.id).sort()).toEqual([ids.approved, ids.pending].sort());
    expect(byRequestor.total).toBe(2);
    const byTarget = await listRequests(ctx, { target: "Expense" });
    expect(byTarget).toMatchObject({ total: 1, rows: [{ id: ids.finance }] });
    const combined = await listRequests(ctx, { requestType: "userAdd", target: "Release Notes", from: today });
    expect(combined).toMatchObject({ total: 1, rows: [{ id: ids.agentSelf }] });
    expect(await listRequests(ctx, { target: "Release Notes", to: "2000-01-01" })).toMatchObject({ total: 0, rows: [] });
  });

  it("sorts newest first by default, by package on request, and pages with the total", async () => {
    const ctx = await ctxAs(database.db, U.ines);
    const newest = await listRequests(ctx);
    expect(newest.rows[0].id).toBe(ids.agentSelf);
    expect(newest.rows.at(-1)?.id).toBe(ids.approved);
    const byPackage = await listRequests(ctx, { sort: { id: "packageName", desc: false }, pageSize: 1, page: 2 });
    expect(byPackage.total).toBe(4);
    expect(byPackage.rows.map((r) => r.packageName)).toEqual(["Finance Reporting Agent"]);
  });

  it("reads filters from a URL and ignores values that are not valid", () => {
    expect(requestFiltersFrom({ state: "denied", requestType: "nope", accessPackageId: "x", q: "  maya  " })).toEqual({ state: "denied", requestType: undefined, accessPackageId: undefined, q: "maya" });
    expect(requestFiltersFrom({ state: "", q: "" })).toEqual({ state: undefined, requestType: undefined, accessPackageId: undefined, q: undefined });
  });
});

describe("getRequestTimeline", () => {
  it("tells the whole story: submission, the stage with its approvers and decision, delivery, the assignment and the audit trail", async () => {
    const t = await getRequestTimeline(await ctxAs(database.db, U.carlos), { requestId: ids.approved });
    expect(t.requestor?.displayName).toBe("Maya Chen");
    expect(t.target).toMatchObject({ displayName: "Ticket Triage Agent", type: "agentIdentity" });
    expect(t.request.justification).toBe("Route Tier 2 tickets");
    expect(t.stages).toHaveLength(1);
    expect(t.stages[0]).toMatchObject({ number: 1, state: "approved", reviewResult: "Approve", justification: "Support agent", decidedBy: { displayName: "Priya Raman" } });
    expect(t.stages[0].approvers).toContainEqual(expect.objectContaining({ displayName: "Priya Raman", kind: "primary" }));
    expect(t.assignment?.state).toBe("delivered");
    expect(t.auditEvents.map((e) => [e.action, e.actorName])).toEqual([
      ["request.create", "Maya Chen"],
      ["approval.approve", "Priya Raman"],
      ["assignment.deliver", "Priya Raman"],
    ]);
  });

  it("is not found for someone who may not see the request", async () => {
    await expect(getRequestTimeline(await ctxAs(database.db, U.sam), { requestId: ids.approved })).rejects.toMatchObject({ code: "notFound" });
    await expect(getRequestTimeline(await ctxAs(database.db, U.tomas), { requestId: ids.approved })).rejects.toMatchObject({ code: "notFound" });
    await expect(getRequestTimeline(await ctxAs(database.db, U.ines), { requestId: "not-a-uuid" })).rejects.toMatchObject({ code: "notFound" });
  });
});
