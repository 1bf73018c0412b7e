import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Client } from "@microsoft/microsoft-graph-client";
import type { Database } from "@/db";
import { approvalStages, assignmentRequests, assignments } from "@/db/schema";
import { SEED_IDS } from "@/db/seed";
import { createTestDatabase } from "@/lib/testing/test-db";
import { ctxAs } from "@/lib/testing/actors";
import { createCatalog } from "@/lib/catalogs/create-catalog";
import { addResourceToCatalog } from "@/lib/catalogs/add-resource";
import { createAccessPackage } from "@/lib/packages/create-access-package";
import { createPolicy } from "@/lib/policies/create-policy";
import { EM, graphFailure, startGraphHarness, type GraphCollection, type GraphHarness } from "./graph-testkit";

const A = SEED_IDS.agents;
const SP = SEED_IDS.servicePrincipals;
/** Enabled seed agents (forecastModeler is disabled). */
const AGENTS = [A.triage, A.kbCurator, A.escalationSummarizer, A.invoiceReconciliation, A.expenseAuditor, A.releaseNotes, A.onCall];

let database: Database;
let h: GraphHarness;
let admin: Client;
let triage: Client;
let kb: Client;
const ids = { catalog: "", p1: "", pol1: "", p2: "", pol2: "", p3: "", pol3: "" };

type Row = Record<string, unknown> & { id: string };

beforeAll(async () => {
  database = await createTestDatabase();
  h = await startGraphHarness(database);
  const ines = await ctxAs(database.db, SEED_IDS.users.ines);
  const catalog = await createCatalog({ ctx: ines, input: { displayName: "Assignments API" } });
  const group = await addResourceToCatalog({ ctx: ines, input: { catalogId: catalog.id, originSystem: "AadGroup", originId: SEED_IDS.groups.engineeringAll } });
  const member = group.roles.find((r) => r.displayName === "Member")!;
  const selfAdd = { enableTargetsToSelfAddAccess: true };
  const p1 = await createAccessPackage({ ctx: ines, input: { catalogId: catalog.id, displayName: "API Engineering (auto)", resourceRoleIds: [member.id] } });
  const pol1 = await createPolicy({ ctx: ines, input: { accessPackageId: p1.id, displayName: "Agents, no approval", allowedTargetScope: "allDirectoryAgentIdentities", requestorSettings: selfAdd } });
  const p2 = await createAccessPackage({ ctx: ines, input: { catalogId: catalog.id, displayName: "API Engineering (approved)", resourceRoleIds: [member.id] } });
  const pol2 = await createPolicy({
    ctx: ines,
    input: {
      accessPackageId: p2.id,
      displayName: "Agents, approved by Steward Automation",
      allowedTargetScope: "allDirectoryAgentIdentities",
      requestorSettings: selfAdd,
      requestApprovalSettings: {
        isApprovalRequiredForAdd: true,
        stages: [{ isApproverJustificationRequired: true, primaryApprovers: [{ "@odata.type": "#microsoft.graph.singleServicePrincipal", servicePrincipalId: SP.stewardAutomation }] }],
      },
    },
  });
  const p3 = await createAccessPackage({ ctx: ines, input: { catalogId: catalog.id, displayName: "API Other", resourceRoleIds: [member.id] } });
  const pol3 = await createPolicy({ ctx: ines, input: { accessPackageId: p3.id, displayName: "Agents", allowedTargetScope: "allDirectoryAgentIdentities", requestorSettings: selfAdd } });
  Object.assign(ids, { catalog: catalog.id, p1: p1.id, pol1: pol1.id, p2: p2.id, pol2: pol2.id, p3: p3.id, pol3: pol3.id });
  admin = await h.clientFor(SP.stewardAutomation);
  triage = await h.clientFor(A.triage);
  kb = await h.clientFor(A.kbCurator);
  // Steward Automation (ReadWrite.All) assigns P1 directly to every enabled agent; triage also gets P3.
  for (const agent of AGENTS) {
    const r = await admin.api(`${EM}/assignmentRequests`).post({ requestType: "adminAdd", assignment: { accessPackageId: p1.id, assignmentPolicyId: pol1.id, targetId: agent } });
    expect(r.state).toBe("delivered");
  }
  await triage.api(`${EM}/assignmentRequests`).post({ requestType: "userAdd", assignment: { accessPackageId: p3.id, assignmentPolicyId: pol3.id }, justification: "Needs both" });
});
afterAll(async () => {
  await h?.close();
  await database?.close();
});

async function allPages(client: Client, first: GraphCollection<Row>): Promise<{ rows: Row[]; pages: number }> {
  const rows = [...first.value];
  let pages = 1;
  let link = first["@odata.nextLink"];
  while (link) {
    const page = (await h.next(client, link)) as GraphCollection<Row>;
    rows.push(...page.value);
    pages++;
    link = page["@odata.nextLink"];
  }
  return { rows, pages };
}

describe("assignments", () => {
  it("an administrator lists assignments with $filter, $expand=target,accessPackage,assignmentPolicy, $orderby and $count, paging through @odata.nextLink", async () => {
    const first: GraphCollection<Row> = await admin
      .api(`${EM}/assignments`)
      .filter(`accessPackage/id eq '${ids.p1}' and state eq 'delivered'`)
      .expand("target,accessPackage,assignmentPolicy")
      .orderby("target/displayName")
      .top(3)
      .count(true)
      .get();
    expect(first["@odata.count"]).toBe(AGENTS.length);
    expect(first.value).toHaveLength(3);
    const { rows, pages } = await allPages(admin, first);
    expect(pages).toBe(3);
    expect(new Set(rows.map((r) => r.id)).size).toBe(AGENTS.length);
    expect(rows.map((r) => (r.target as { objectId: string }).objectId).sort()).toEqual([...AGENTS].sort());
    const names = rows.map((r) => (r.target as { displayName: string }).displayName);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(rows[0]).toMatchObject({
      state: "delivered",
      status: expect.any(String),
      schedule: { startDateTime: expect.any(String), expiration: { type: "noExpiration" } },
      target: { id: expect.any(String), displayName: expect.any(String), subjectType: "servicePrincipal" },
      accessPackage: { id: ids.p1, displayName: "API Engineering (auto)" },
      assignmentPolicy: { id: ids.pol1, displayName: "Agents, no approval" },
    });
    const selected: GraphCollection<Row> = await admin.api(`${EM}/assignments`).filter(`target/objectId eq '${A.triage}'`).select("state").get();
    expect(selected.value.length).toBe(2);
    for (const r of selected.value) expect(Object.keys(r).sort()).toEqual(["id", "state"]);
  });

  it("additionalAccess lists assignments of the first package whose targets also hold the incompatible one", async () => {
    const res: GraphCollection<Row> = await admin.api(`${EM}/assignments/additionalAccess(accessPackageId='${ids.p1}',incompatibleAccessPackageId='${ids.p3}')`).expand("target").get();
    expect(res.value.map((r) => (r.target as { objectId: string }).objectId)).toEqual([A.triage]);
    const bad = await graphFailure(admin.api(`${EM}/assignments/additionalAccess(accessPackageId='${ids.p1}')`).get());
    expect(bad.statusCode).toBe(400);
  });

  it("an agent without any grant lists its own assignments with filterByCurrentUser(on='target'), and only those", async () => {
    const mine: GraphCollection<Row> = await triage.api(`${EM}/assignments/filterByCurrentUser(on='target')`).expand("accessPackage").orderby("accessPackage/displayName").get();
    expect(mine.value.map((r) => (r.accessPackage as { displayName: string }).displayName)).toEqual(["API Engineering (auto)", "API Other"]);
    for (const r of mine.value) expect(r.target).toMatchObject({ objectId: A.triage });
    const paged: GraphCollection<Row> = await triage.api(`${EM}/assignments/filterByCurrentUser(on='target')`).top(1).get();
    const { rows, pages } = await allPages(triage, paged);
    expect([rows.length, pages]).toEqual([2, 2]);
    // The plain call (no options: the prepared fast path) answers what the general path answers for the same order.
    const plain: GraphCollection<Row> = await triage.api(`${EM}/assignments/filterByCurrentUser(on='target')`).get();
    const general: GraphCollection<Row> = await triage.api(`${EM}/assignments/filterByCurrentUser(on='target')`).filter("state ne 'deliveryFailed' or state eq 'deliveryFailed'").get();
    expect(plain.value.map((r) => r.id)).toEqual(general.value.map((r) => r.id));
    expect(plain.value).toHaveLength(2);
    expect(plain.value).toEqual(general.value);
    const wrong = await graphFailure(triage.api(`${EM}/assignments/filterByCurrentUser(on='approver')`).get());
    expect(wrong.statusCode).toBe(400);
  });

  it("an agent can never read or reprocess another agent's assignments: list 403, get 404, reprocess 403, and nothing changes", async () => {
    const [other] = await database.db.select().from(assignments).where(eq(assignments.targetId, A.kbCurator));
    await database.db.update(assignments).set({ state: "deliveryFailed", status: "Simulated failure" }).where(eq(assignments.id, other.id));
    expect((await graphFailure(triage.api(`${EM}/assignments`).get())).statusCode).toBe(403);
    expect((await graphFailure(triage.api(`${EM}/assignments/${other.id}`).get())).statusCode).toBe(404);
    expect((await graphFailure(triage.api(`${EM}/assignments/${other.id}/reprocess`).post({}))).statusCode).toBe(403);
    const [after] = await database.db.select().from(assignments).where(eq(assignments.id, other.id));
    expect(after.state).toBe("deliveryFailed");
    expect(await kb.api(`${EM}/assignments/${other.id}`).get()).toMatchObject({ id: other.id, state: "deliveryFailed" });
  });

  it("reprocess redelivers a failed assignment (202) for its target; a delivered one conflicts (409)", async () => {
    const [failed] = await database.db.select().from(assignments).where(eq(assignments.targetId, A.kbCurator));
    await kb.api(`${EM}/assignments/${failed.id}/reprocess`).post({});
    expect(await kb.api(`${EM}/assignments/${failed.id}`).get()).toMatchObject({ state: "delivered" });
    const again = await graphFailure(kb.api(`${EM}/assignments/${failed.id}/reprocess`).post({}));
    expect(again.statusCode).toBe(409);
    expect(again.code).toBe("Conflict");
  });

  it("refuses unsupported options on assignments with 400 naming them", async () => {
    for (const [path, message] of [
      [`${EM}/assignments?$search=x`, /'\$search' is not supported/],
      [`${EM}/assignments?$filter=state eq 'granted'`, /not a value of state; use one of delivering, partiallyDelivered, delivered, expired, deliveryFailed/],
      [`${EM}/assignments?$expand=requests`, /\$expand: 'requests' is not supported here. Supported: target, accessPackage, assignmentPolicy/],
    ] as const) {
      const e = await graphFailure(admin.api(path).get());
      expect(e.statusCode).toBe(400);
      expect(e.error.message).toMatch(message);
    }
  });
});

describe("assignmentRequests", () => {
  it("an administrator lists requests with $filter on requestType and target, $expand and $count", async () => {
    const res: GraphCollection<Row> = await admin
      .api(`${EM}/assignmentRequests`)
      .filter(`requestType eq 'adminAdd' and accessPackage/id eq '${ids.p1}' and state in ('delivered','partiallyDelivered')`)
      .expand("target,accessPackage,assignment")
      .count(true)
      .get();
    expect(res["@odata.count"]).toBe(AGENTS.length);
    expect(res.value[0]).toMatchObject({ requestType: "adminAdd", state: "delivered", accessPackage: { displayName: "API Engineering (auto)" }, target: { subjectType: "servicePrincipal" }, assignment: { state: "delivered" } });
  });

  it("filterByCurrentUser(on='target'|'createdBy') lists the agent's own requests with OData and paging; the plain list shows an agent only its own", async () => {
    const target: GraphCollection<Row> = await triage.api(`${EM}/assignmentRequests/filterByCurrentUser(on='target')`).orderby("createdDateTime").top(1).get();
    const { rows } = await allPages(triage, target);
    expect(rows.map((r) => r.requestType)).toEqual(["adminAdd", "userAdd"]);
    const created: GraphCollection<Row> = await triage.api(`${EM}/assignmentRequests/filterByCurrentUser(on='createdBy')`).filter("requestType eq 'userAdd'").get();
    expect(created.value).toHaveLength(1);
    const all: GraphCollection<Row> = await triage.api(`${EM}/assignmentRequests`).get();
    for (const r of all.value) expect(r.target).toMatchObject({ objectId: A.triage });
  });

  it("an agent cannot read or cancel another agent's request (404/403) and it stays pending", async () => {
    const pending = await kb.api(`${EM}/assignmentRequests`).post({ requestType: "userAdd", assignment: { accessPackageId: ids.p2, assignmentPolicyId: ids.pol2 }, justification: "Knowledge base" });
    expect(pending.state).toBe("pendingApproval");
    expect((await graphFailure(triage.api(`${EM}/assignmentRequests/${pending.id}`).get())).statusCode).toBe(404);
    expect((await graphFailure(triage.api(`${EM}/assignmentRequests/${pending.id}/cancel`).post({}))).statusCode).toBe(403);
    expect((await graphFailure(triage.api(`${EM}/assignmentRequests/${pending.id}/reprocess`).post({}))).statusCode).toBe(403);
    expect((await graphFailure(triage.api(`${EM}/accessPackageAssignmentApprovals/${pending.id}`).get())).statusCode).toBe(404);
    const seen: GraphCollection<Row> = await triage.api(`${EM}/assignmentRequests`).filter(`id eq '${pending.id}'`).get();
    expect(seen.value).toEqual([]);
    const [row] = await database.db.select().from(assignmentRequests).where(eq(assignmentRequests.id, pending.id));
    expect(row.state).toBe("pendingApproval");
    await kb.api(`${EM}/assignmentRequests/${pending.id}/cancel`).post({});
    expect(await kb.api(`${EM}/assignmentRequests/${pending.id}`).get()).toMatchObject({ state: "canceled" });
  });
});

describe("approvals", () => {
  it("the approver sees the pending request in filterByCurrentUser(on='approver'), must justify, approves via the stages PATCH (204), and a second decision conflicts", async () => {
    const req = await triage.api(`${EM}/assignmentRequests`).post({ requestType: "userAdd", assignment: { accessPackageId: ids.p2, assignmentPolicyId: ids.pol2 }, justification: "Engineering data" });
    expect(req.state).toBe("pendingApproval");
    const inbox: GraphCollection<Row> = await admin.api(`${EM}/accessPackageAssignmentApprovals/filterByCurrentUser(on='approver')`).count(true).get();
    const approval = inbox.value.find((a) => a.id === req.id)!;
    expect(approval).toMatchObject({ id: req.id, stages: [{ id: expect.any(String), displayName: "Stage 1", reviewResult: "NotReviewed", status: "InProgress", assignedToMe: true, reviewedBy: null }] });
    const stageId = (approval.stages as { id: string }[])[0].id;
    expect(await admin.api(`${EM}/accessPackageAssignmentApprovals/${req.id}`).get()).toMatchObject({ id: req.id, stages: [{ id: stageId }] });
    // Nobody else's inbox holds it, and the requesting agent cannot decide its own request.
    expect(((await triage.api(`${EM}/accessPackageAssignmentApprovals/filterByCurrentUser(on='approver')`).get()) as GraphCollection).value).toEqual([]);
    expect((await graphFailure(triage.api(`${EM}/accessPackageAssignmentApprovals/${req.id}/stages/${stageId}`).patch({ reviewResult: "Approve", justification: "me" }))).statusCode).toBe(403);
    const noWhy = await graphFailure(admin.api(`${EM}/accessPackageAssignmentApprovals/${req.id}/stages/${stageId}`).patch({ reviewResult: "Approve" }));
    expect(noWhy.statusCode).toBe(400);
    expect(noWhy.error.message).toMatch(/justification is required/);
    const badResult = await graphFailure(admin.api(`${EM}/accessPackageAssignmentApprovals/${req.id}/stages/${stageId}`).patch({ reviewResult: "Maybe", justification: "x" }));
    expect(badResult.error.message).toMatch(/reviewResult must be Approve or Deny/);
    const ok = await admin.api(`${EM}/accessPackageAssignmentApprovals/${req.id}/stages/${stageId}`).responseType("raw" as never).patch({ reviewResult: "Approve", justification: "Engineering agent, scoped" });
    expect((ok as Response).status).toBe(204);
    expect(await triage.api(`${EM}/assignmentRequests/${req.id}`).get()).toMatchObject({ state: "delivered" });
    const after = await admin.api(`${EM}/accessPackageAssignmentApprovals/${req.id}`).get();
    expect(after.stages[0]).toMatchObject({ reviewResult: "Approve", status: "Completed", reviewedBy: { id: SP.stewardAutomation }, justification: "Engineering agent, scoped", assignedToMe: false });
    const twice = await graphFailure(admin.api(`${EM}/accessPackageAssignmentApprovals/${req.id}/stages/${stageId}`).patch({ reviewResult: "Deny", justification: "changed my mind" }));
    expect(twice.statusCode).toBe(409);
    const [stage] = await database.db.select().from(approvalStages).where(eq(approvalStages.id, stageId));
    expect(stage.reviewResult).toBe("Approve");
  });
});

describe("permissions on requests and assignments", () => {
  it("a service principal without EntitlementManagement permissions gets 403 on the assignments list and on admin requests", async () => {
    const payroll = await h.clientFor(SP.payrollSync);
    expect((await graphFailure(payroll.api(`${EM}/assignments`).get())).statusCode).toBe(403);
    const adminAdd = await graphFailure(payroll.api(`${EM}/assignmentRequests`).post({ requestType: "adminAdd", assignment: { accessPackageId: ids.p1, assignmentPolicyId: ids.pol1, targetId: A.forecastModeler } }));
    expect(adminAdd.statusCode).toBe(403);
  });

  it("EntitlementManagement.Read.All reads assignments and requests but cannot assign or reprocess", async () => {
    await h.grant(SP.payrollSync, "EntitlementManagement.Read.All");
    const reader = await h.clientFor(SP.payrollSync);
    const list: GraphCollection<Row> = await reader.api(`${EM}/assignments`).filter(`accessPackage/id eq '${ids.p1}'`).count(true).get();
    expect(list["@odata.count"]).toBe(AGENTS.length);
    const reqs: GraphCollection<Row> = await reader.api(`${EM}/assignmentRequests`).filter(`accessPackage/id eq '${ids.p1}'`).get();
    expect(reqs.value.length).toBe(AGENTS.length);
    expect(await reader.api(`${EM}/assignmentRequests/${reqs.value[0].id}`).get()).toMatchObject({ id: reqs.value[0].id });
    const write = await graphFailure(reader.api(`${EM}/assignmentRequests`).post({ requestType: "adminAdd", assignment: { accessPackageId: ids.p3, assignmentPolicyId: ids.pol3, targetId: A.onCall } }));
    expect(write.statusCode).toBe(403);
    const [a] = await database.db.select().from(assignments).where(eq(assignments.targetId, A.onCall));
    expect((await graphFailure(reader.api(`${EM}/assignments/${a.id}/reprocess`).post({}))).statusCode).toBe(403);
  });
});
