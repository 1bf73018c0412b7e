import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { SEED_IDS } from "@/db/seed";
import { systemCtx } from "@/lib/auth/actor";
import { createTestDatabase } from "@/lib/testing/test-db";
import { ctxAs } from "@/lib/testing/actors";
import { submitRequest } from "@/lib/requests/submit-request";
import { decideApproval } from "@/lib/approvals/decide-approval";
import { expireAssignments } from "@/lib/lifecycle/expire-assignments";
import { auditFiltersFrom, listAuditEvents } from "./list-audit-events";
import { listAuditActions } from "./list-audit-actions";

const U = SEED_IDS.users;
const A = SEED_IDS.agents;
const P = SEED_IDS.packages;
let database: Database;
let requestId: string;
const day1 = new Date("2026-03-01T10:00:00Z");
const day3 = new Date("2026-03-03T10:00:00Z");

beforeAll(async () => {
  database = await createTestDatabase();
  const db = database.db;
  const at = (d: Date) => () => d;
  const req = await submitRequest({ ctx: await ctxAs(db, U.maya, at(day1)), input: { accessPackageId: P.supportTicketTriage, targetId: A.triage, justification: "Tickets" } });
  requestId = req.id;
  await decideApproval({ ctx: await ctxAs(db, U.priya, at(day1)), input: { requestId, decision: "Approve" } });
  // A refused attempt: Maya may not act for Leo's agent.
  await submitRequest({ ctx: await ctxAs(db, U.maya, at(day1)), input: { accessPackageId: P.directoryRead8h, targetId: A.expenseAuditor } }).catch(() => {});
  // The agent's own 8-hour access, swept by the lifecycle job two days later.
  await submitRequest({ ctx: await ctxAs(db, A.releaseNotes, at(day1)), input: { accessPackageId: P.directoryRead8h } });
  await expireAssignments({ ctx: systemCtx(db, at(day3)) });
});
afterAll(async () => {
  await database?.close();
});

describe("listAuditEvents", () => {
  it("is for Identity Governance Administrators only", async () => {
    expect(await listAuditEvents(await ctxAs(database.db, U.carlos))).toMatchObject({ allowed: false, rows: [], total: 0 });
    expect(await listAuditActions(await ctxAs(database.db, U.carlos))).toEqual([]);
    expect((await listAuditEvents(await ctxAs(database.db, U.ines))).allowed).toBe(true);
  });

  it("lists newest first with actor, target and on-behalf names; the system job has no principal", async () => {
    const list = await listAuditEvents(await ctxAs(database.db, U.ines));
    expect(list.rows[0]).toMatchObject({ action: "assignment.expire", actorType: "system", actorName: null, targetName: "Directory Read (8 hours) for Release Notes Writer", onBehalfOfName: "Release Notes Writer" });
    const approve = list.rows.find((r) => r.action === "approval.approve");
    expect(approve).toMatchObject({ actorName: "Priya Raman", onBehalfOfName: "Ticket Triage Agent", requestId, targetName: "Support Ticket Triage for Ticket Triage Agent" });
    expect(list.rows.map((r) => r.at.getTime())).toEqual([...list.rows.map((r) => r.at.getTime())].sort((a, b) => b - a));
  });

  it("filters by action, actor, outcome, UTC days and search", async () => {
    const ctx = await ctxAs(database.db, U.ines);
    expect((await listAuditEvents(ctx, { action: "approval.approve" })).rows.map((r) => r.actorName)).toEqual(["Priya Raman"]);
    expect((await listAuditEvents(ctx, { actorId: U.priya })).rows.map((r) => r.action).sort()).toEqual(["approval.approve", "assignment.deliver"]);
    const system = await listAuditEvents(ctx, { actorId: "system" });
    expect(system.rows.map((r) => r.action)).toEqual(["assignment.expire"]);
    expect(system.actorFilter?.displayName).toBe("Steward lifecycle job");
    const refused = await listAuditEvents(ctx, { outcome: "failure" });
    expect(refused.rows).toHaveLength(1);
    expect(refused.rows[0]).toMatchObject({ action: "request.create", actorName: "Maya Chen", outcome: "failure" });
    expect((await listAuditEvents(ctx, { from: "2026-03-02" })).rows.map((r) => r.action)).toEqual(["assignment.expire"]);
    expect((await listAuditEvents(ctx, { to: "2026-03-01" })).rows.every((r) => r.at.getTime() < day3.getTime())).toBe(true);
    expect((await listAuditEvents(ctx, { to: "2026-03-01" })).total).toBe(6);
    expect((await listAuditEvents(ctx, { q: "priya" })).total).toBe(2);
    expect(await listAuditActions(ctx)).toEqual(["approval.approve", "assignment.deliver", "assignment.expire", "request.create"]);
  });

  it("reads filters from a URL and ignores values that are not valid", () => {
    expect(auditFiltersFrom({ actorId: "nope", outcome: "maybe", from: "2026-13-45", to: "2026-03-01", action: "request.create" })).toEqual({
      action: "request.create",
      actorId: undefined,
      outcome: undefined,
      from: undefined,
      to: "2026-03-01",
      q: undefined,
    });
  });
});
