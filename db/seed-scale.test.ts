import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import type { Database, Db } from "./index";
import { SEED_IDS } from "./seed";
import { BENCH_PACKAGE_ID, hasScaleData, ScaleDataExistsError, scaleAgentId, seedScale, type ScaleOptions, type ScaleSummary } from "./seed-scale";
import { createTestDatabase } from "@/lib/testing/test-db";
import { ctxAs } from "@/lib/testing/actors";
import { systemCtx } from "@/lib/auth/actor";
import { countPendingApprovals, listInbox } from "@/lib/approvals/list-inbox";
import { decideApproval } from "@/lib/approvals/decide-approval";
import { submitRequest } from "@/lib/requests/submit-request";
import { listAssignments } from "@/lib/assignments/list-assignments";
import { listRequests } from "@/lib/requests/list-requests";
import { runLifecycleStep } from "@/lib/lifecycle/run-lifecycle-step";

const OPTIONS: ScaleOptions = { agents: 80, users: 40, assignments: 600, otherRequests: 160, priyaPending: 25, seed: 7 };

let database: Database;
let db: Db;
let summary: ScaleSummary;

async function rows<T>(query: ReturnType<typeof sql>): Promise<T[]> {
  const r = (await db.execute(query)) as unknown;
  return (Array.isArray(r) ? r : (r as { rows: T[] }).rows) as T[];
}
async function countOf(query: ReturnType<typeof sql>): Promise<number> {
  const [r] = await rows<{ n: number | string }>(query);
  return Number(r.n);
}

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  summary = await seedScale(db, OPTIONS);
}, 60_000);

afterAll(async () => {
  await database?.close();
});

describe("scale seed (db/seed-scale.ts)", () => {
  it("adds the requested numbers of agents, people, assignments and requests on top of the demo seed", async () => {
    expect(await countOf(sql`select count(*) as n from principals where id::text like '00000000-0000-4000-9a00-%' and type = 'agentIdentity'`)).toBe(OPTIONS.agents);
    expect(await countOf(sql`select count(*) as n from principals where id::text like '00000000-0000-4000-9c00-%' and type = 'user'`)).toBe(OPTIONS.users);
    expect(summary.assignments).toBe(OPTIONS.assignments);
    expect(await countOf(sql`select count(*) as n from assignments`)).toBe(OPTIONS.assignments);
    expect(await countOf(sql`select count(*) as n from assignment_requests`)).toBe(summary.requests);
    // Every assignment has the request that created it, plus the requests that created none.
    expect(summary.requests).toBeGreaterThanOrEqual(OPTIONS.assignments + OPTIONS.otherRequests * 0.8);
    expect(await countOf(sql`select count(*) as n from assignments a where not exists (select 1 from assignment_requests r where r.assignment_id = a.id)`)).toBe(0);
    expect(await countOf(sql`select count(*) as n from grants`)).toBe(summary.grants);
    expect(summary.grants).toBeGreaterThan(0);
    // A mix of states, not one kind of row.
    for (const s of ["delivered", "expired", "removed"]) expect(summary.assignmentsByState[s] ?? 0).toBeGreaterThan(0);
    for (const s of ["delivered", "pendingApproval", "denied", "canceled", "deliveryFailed"]) expect(summary.requestsByState[s] ?? 0).toBeGreaterThan(0);
    // The demo itself is untouched: its people and packages are still there and its agents have no new rows.
    expect(await countOf(sql`select count(*) as n from assignments where target_id = ${SEED_IDS.agents.triage}`)).toBe(0);
  });

  it("keeps one live assignment and one open request per target and package, and every live assignment ends in the future", async () => {
    expect(await countOf(sql`select count(*) as n from (select target_id, access_package_id from assignments where state in ('delivering','delivered','partiallyDelivered','deliveryFailed') group by 1, 2 having count(*) > 1) d`)).toBe(0);
    expect(await countOf(sql`select count(*) as n from (select target_id, access_package_id from assignment_requests where state in ('submitted','pendingApproval','delivering','scheduled') group by 1, 2 having count(*) > 1) d`)).toBe(0);
    expect(await countOf(sql`select count(*) as n from assignments where state in ('delivering','delivered','partiallyDelivered') and end_date_time <= now()`)).toBe(0);
    // No open request for something the target already holds.
    expect(
      await countOf(sql`select count(*) as n from assignment_requests r join assignments a on a.target_id = r.target_id and a.access_package_id = r.access_package_id
        where r.state = 'pendingApproval' and a.state in ('delivered','partiallyDelivered')`),
    ).toBe(0);
    // Nobody approves their own request: no approver is the requestor or the target.
    expect(
      await countOf(sql`select count(*) as n from stage_approvers sa join approval_stages s on s.id = sa.stage_id join assignment_requests r on r.id = s.request_id
        where sa.principal_id = r.requestor_id or sa.principal_id = r.target_id`),
    ).toBe(0);
  });

  it("leaves nothing for the lifecycle sweep right after seeding (no stage past its auto-deny time, no live assignment past its end)", async () => {
    const r = await runLifecycleStep({ ctx: systemCtx(db) });
    expect(r).toEqual({ expired: 0, grantsRemoved: 0, escalated: 0, autoDenied: 0, scheduledDelivered: 0 });
  });

  it("refuses a second run with a clear message and adds nothing", async () => {
    const before = await countOf(sql`select count(*) as n from assignment_requests`);
    await expect(seedScale(db, OPTIONS)).rejects.toBeInstanceOf(ScaleDataExistsError);
    await expect(seedScale(db, OPTIONS)).rejects.toThrow(/already loaded.*--reset --scale/);
    expect(await hasScaleData(db)).toBe(true);
    expect(await countOf(sql`select count(*) as n from assignment_requests`)).toBe(before);
  });

  it("gives Priya Raman a paged inbox of the pending approvals, and approving one delivers it", async () => {
    const priya = await ctxAs(db, SEED_IDS.users.priya);
    expect(summary.priyaPending).toBe(OPTIONS.priyaPending);
    expect(await countPendingApprovals(db, SEED_IDS.users.priya)).toBe(OPTIONS.priyaPending);
    const inbox = await listInbox(priya, { page: 2, pageSize: 10 });
    expect(inbox.total).toBe(OPTIONS.priyaPending);
    expect(inbox.items).toHaveLength(10);
    // Past the last page: no items, and still the true total.
    expect(await listInbox(priya, { page: 99, pageSize: 10 })).toMatchObject({ items: [], total: OPTIONS.priyaPending });
    const item = inbox.items[0];
    expect(item.packageName).toBe("Support Ticket Triage");
    expect(item.target.sponsors.length).toBeGreaterThan(0);
    const decided = await decideApproval({ ctx: priya, input: { requestId: item.requestId, decision: "Approve" } });
    expect(decided.state).toBe("delivered");
    expect(await countPendingApprovals(db, SEED_IDS.users.priya)).toBe(OPTIONS.priyaPending - 1);
  });

  it("lets a scale agent request the bench package for itself and delivers it at once", async () => {
    const agent = await ctxAs(db, scaleAgentId(3));
    const req = await submitRequest({ ctx: agent, input: { accessPackageId: BENCH_PACKAGE_ID } });
    expect(req.state).toBe("delivered");
    expect(await countOf(sql`select count(*) as n from grants g join assignments a on a.id = g.assignment_id where a.target_id = ${scaleAgentId(3)} and a.access_package_id = ${BENCH_PACKAGE_ID}`)).toBe(1);
  });

  it("keeps the demo flows working: Maya requests Support Ticket Triage for her agent and it waits for Priya", async () => {
    const maya = await ctxAs(db, SEED_IDS.users.maya);
    const before = await countPendingApprovals(db, SEED_IDS.users.priya);
    const req = await submitRequest({
      ctx: maya,
      input: { accessPackageId: SEED_IDS.packages.supportTicketTriage, targetId: SEED_IDS.agents.triage, justification: "Route tickets." },
    });
    expect(req.state).toBe("pendingApproval");
    expect(await countPendingApprovals(db, SEED_IDS.users.priya)).toBe(before + 1);
  });

  it("shows the whole data set to Ines in the admin lists, paged", async () => {
    const ines = await ctxAs(db, SEED_IDS.users.ines);
    const assignments = await listAssignments(ines, { page: 3, pageSize: 25 });
    expect(assignments.total).toBe(await countOf(sql`select count(*) as n from assignments`));
    expect(assignments.rows).toHaveLength(25);
    expect(assignments.rows.every((r) => r.pathway !== null)).toBe(true);
    const requests = await listRequests(ines, { state: "pendingApproval", pageSize: 100 });
    expect(requests.total).toBe(await countOf(sql`select count(*) as n from assignment_requests where state = 'pendingApproval'`));
  });
});
