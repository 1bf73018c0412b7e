import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { SEED_IDS } from "@/db/seed";
import { systemCtx } from "@/lib/auth/actor";
import { createTestDatabase } from "@/lib/testing/test-db";
import { ctxAs } from "@/lib/testing/actors";
import { submitRequest } from "@/lib/requests/submit-request";
import { decideApproval } from "@/lib/approvals/decide-approval";
import { expireAssignments } from "@/lib/lifecycle/expire-assignments";
import { listAssignments } from "./list-assignments";
import { removeAssignment } from "./remove-assignment";

const U = SEED_IDS.users;
const A = SEED_IDS.agents;
const P = SEED_IDS.packages;
const HOUR = 60 * 60 * 1000;
let database: Database;
const ids: Record<string, string> = {};

beforeAll(async () => {
  database = await createTestDatabase();
  const db = database.db;
  const [ines, maya, priya, sam, tomas] = await Promise.all([U.ines, U.maya, U.priya, U.sam, U.tomas].map((id) => ctxAs(db, id)));
  // One assignment per pathway: on behalf (approved), admin direct, an agent for itself, a person for themselves.
  const onBehalf = await submitRequest({ ctx: maya, input: { accessPackageId: P.supportTicketTriage, targetId: A.triage, justification: "Queue work" } });
  ids.onBehalf = (await decideApproval({ ctx: priya, input: { requestId: onBehalf.id, decision: "Approve" } })).assignmentId!;
  ids.admin = (await submitRequest({ ctx: ines, input: { requestType: "adminAdd", accessPackageId: P.directoryRead8h, targetId: A.expenseAuditor } })).assignmentId!;
  ids.agentSelf = (await submitRequest({ ctx: await ctxAs(db, A.releaseNotes), input: { accessPackageId: P.directoryRead8h } })).assignmentId!;
  ids.self = (await submitRequest({ ctx: sam, input: { accessPackageId: P.helpdeskOperator } })).assignmentId!;
  // And one in the other catalog, which the Agent Platform owner must not see.
  ids.finance = (await submitRequest({ ctx: tomas, input: { requestType: "adminAdd", accessPackageId: P.financeReportingAgent, targetId: A.invoiceReconciliation } })).assignmentId!;
});
afterAll(async () => {
  await database?.close();
});

describe("listAssignments", () => {
  it("names the pathway from the request that created each assignment", async () => {
    const list = await listAssignments(await ctxAs(database.db, U.ines), { pageSize: 50 });
    const pathway = (id: string) => list.rows.find((r) => r.id === id)?.pathway;
    expect(pathway(ids.onBehalf)).toBe("On behalf");
    expect(pathway(ids.admin)).toBe("Admin direct");
    expect(pathway(ids.agentSelf)).toBe("Agent (self)");
    expect(pathway(ids.self)).toBe("Self");
    expect(list.total).toBe(5);
  });

  it("shows administrators everything, catalog roles their catalogs only, and nobody else anything", async () => {
    const carlos = await listAssignments(await ctxAs(database.db, U.carlos), { pageSize: 50 });
    expect(carlos.allowed).toBe(true);
    expect(carlos.rows.map((r) => r.id).sort()).toEqual([ids.onBehalf, ids.admin, ids.agentSelf, ids.self].sort());
    expect(carlos.total).toBe(4);
    const tomas = await listAssignments(await ctxAs(database.db, U.tomas), { pageSize: 50 });
    expect(tomas.rows.map((r) => r.id)).toEqual([ids.finance]);
    const sam = await listAssignments(await ctxAs(database.db, U.sam), { pageSize: 50 });
    expect(sam).toMatchObject({ allowed: false, total: 0, rows: [] });
  });

  it("an assignment past its end reads expired before the sweep, and the state filters follow", async () => {
    const later = new Date(Date.now() + 9 * HOUR);
    const ctx = await ctxAs(database.db, U.ines, () => later);
    const all = await listAssignments(ctx, { pageSize: 50 });
    const state = (id: string) => all.rows.find((r) => r.id === id)?.state;
    expect(state(ids.admin)).toBe("expired");
    expect(state(ids.agentSelf)).toBe("expired");
    expect(state(ids.onBehalf)).toBe("delivered");
    // Expired rows are not removable; live ones are.
    expect(all.rows.find((r) => r.id === ids.admin)?.canRemove).toBe(false);
    expect(all.rows.find((r) => r.id === ids.onBehalf)?.canRemove).toBe(true);

    const expired = await listAssignments(ctx, { state: "expired", pageSize: 50 });
    expect(expired.rows.map((r) => r.id).sort()).toEqual([ids.admin, ids.agentSelf].sort());
    const delivered = await listAssignments(ctx, { state: "delivered", pageSize: 50 });
    expect(delivered.rows.map((r) => r.id)).not.toContain(ids.admin);
    const active = await listAssignments(ctx, { state: "active", pageSize: 50 });
    expect(active.total).toBe(3);

    // After the sweep the stored state agrees, and the filter still finds them.
    await expireAssignments({ ctx: systemCtx(database.db, () => later) });
    expect((await listAssignments(ctx, { state: "expired", pageSize: 50 })).total).toBe(2);
  });

  it("filters by package, target type and search, sorts and pages on the server", async () => {
    const ctx = await ctxAs(database.db, U.ines);
    expect((await listAssignments(ctx, { accessPackageId: P.directoryRead8h })).rows.map((r) => r.id).sort()).toEqual([ids.admin, ids.agentSelf].sort());
    expect((await listAssignments(ctx, { targetType: "user" })).rows.map((r) => r.id)).toEqual([ids.self]);
    expect((await listAssignments(ctx, { q: "finance rep" })).rows.map((r) => r.id)).toEqual([ids.finance]);
    expect((await listAssignments(ctx, { q: "release notes" })).rows.map((r) => r.id)).toEqual([ids.agentSelf]);
    expect((await listAssignments(ctx, { q: "100%_" })).total).toBe(0);
    const byTarget = await listAssignments(ctx, { sort: { id: "targetName", desc: false }, pageSize: 2, page: 2 });
    expect(byTarget.total).toBe(5);
    expect(byTarget.rows.map((r) => r.targetName)).toEqual(["Release Notes Writer", "Sam Taylor"]);
  });

  it("a catalog owner removes one of theirs; it shows removed and keeps its pathway", async () => {
    const carlos = await ctxAs(database.db, U.carlos);
    const before = await listAssignments(carlos, { q: "Sam" });
    expect(before.rows[0]).toMatchObject({ id: ids.self, canRemove: true });
    await removeAssignment({ ctx: carlos, input: { assignmentId: ids.self } });
    const after = await listAssignments(carlos, { q: "Sam" });
    expect(after.rows[0]).toMatchObject({ id: ids.self, state: "removed", pathway: "Self", canRemove: false });
  });
});
