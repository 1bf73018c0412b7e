import { afterAll, beforeAll, expect, it } from "vitest";
import type { Client } from "@microsoft/microsoft-graph-client";
import type { Database } from "@/db";
import { SEED_IDS } from "@/db/seed";
import { createTestDatabase } from "@/lib/testing/test-db";
import { EM, graphFailure, startGraphHarness, type GraphCollection, type GraphHarness } from "./graph-testkit";

/**
 * Issue 5's promise, end to end: code written for Microsoft Graph's entitlement-management v1.0 API works against
 * Steward by changing only the base URL. Every step goes through @microsoft/microsoft-graph-client; the database is
 * only created and seeded (tokens come from the token endpoint with client secrets).
 */

const A = SEED_IDS.agents;
const SP = SEED_IDS.servicePrincipals;
type Row = Record<string, unknown> & { id: string };

let database: Database;
let h: GraphHarness;
beforeAll(async () => {
  database = await createTestDatabase();
  h = await startGraphHarness(database);
});
afterAll(async () => {
  await h?.close();
  await database?.close();
});

it("[walkthrough] catalog → resources → package with role scopes → approval policy → agent self-request → approval → assignments paged → cancel → reprocess", async () => {
  const admin: Client = await h.clientFor(SP.stewardAutomation);
  const triage: Client = await h.clientFor(A.triage);
  const onCall: Client = await h.clientFor(A.onCall);

  // 1. A catalog, with a group and an application added through resourceRequests.
  const catalog = await admin.api(`${EM}/catalogs`).post({ displayName: "Walkthrough", description: "Created through the Graph SDK" });
  for (const resource of [
    { originId: SEED_IDS.groups.engineeringAll, originSystem: "AadGroup" },
    { originId: SEED_IDS.applications.helpdesk, originSystem: "AadApplication" },
  ]) {
    const req = await admin.api(`${EM}/resourceRequests`).post({ requestType: "adminAdd", resource, catalog: { id: catalog.id } });
    expect(req.state).toBe("delivered");
  }
  const groupRoles: GraphCollection<Row> = await admin.api(`${EM}/catalogs/${catalog.id}/resourceRoles`).filter("originSystem eq 'AadGroup'").expand("resource").get();
  const member = groupRoles.value.find((r) => r.displayName === "Member")!;
  const appRoles: GraphCollection<Row> = await admin.api(`${EM}/catalogs/${catalog.id}/resourceRoles`).filter("originSystem eq 'AadApplication'").expand("resource").get();
  const appRole = appRoles.value[0];
  expect(member && appRole).toBeTruthy();

  // 2. A package handing out the group membership and an app role (which agents cannot hold), and an approval policy.
  const pkg = await admin.api(`${EM}/accessPackages`).post({ displayName: "Engineering tools", description: "Group and helpdesk", catalog: { id: catalog.id } });
  const scopeOf = (role: Row) => ({ role: { originId: role.originId, originSystem: role.originSystem, resource: { id: (role.resource as Row).id } } });
  await admin.api(`${EM}/accessPackages/${pkg.id}/resourceRoleScopes`).post(scopeOf(member));
  const appScope = await admin.api(`${EM}/accessPackages/${pkg.id}/resourceRoleScopes`).post(scopeOf(appRole));
  const policy = await admin.api(`${EM}/assignmentPolicies`).post({
    displayName: "Agents, one approval",
    allowedTargetScope: "allDirectoryAgentIdentities",
    requestorSettings: { enableTargetsToSelfAddAccess: true },
    requestApprovalSettings: {
      isApprovalRequiredForAdd: true,
      stages: [{ durationBeforeAutomaticDenial: "P14D", primaryApprovers: [{ "@odata.type": "#microsoft.graph.singleServicePrincipal", servicePrincipalId: SP.stewardAutomation }] }],
    },
    expiration: { type: "afterDuration", duration: "P30D" },
    accessPackage: { id: pkg.id },
  });
  expect(policy.id).toEqual(expect.any(String));

  // 3. An agent asks for itself; its own listings show the request.
  const request = await triage.api(`${EM}/assignmentRequests`).post({ requestType: "userAdd", assignment: { accessPackageId: pkg.id, assignmentPolicyId: policy.id }, justification: "Triage engineering tickets" });
  expect(request).toMatchObject({ state: "pendingApproval", target: { objectId: A.triage } });
  for (const on of ["target", "createdBy"]) {
    const mine: GraphCollection<Row> = await triage.api(`${EM}/assignmentRequests/filterByCurrentUser(on='${on}')`).filter(`accessPackage/id eq '${pkg.id}'`).get();
    expect(mine.value.map((r) => r.id)).toEqual([request.id]);
  }

  // 4. The approver finds it in its approvals and approves the stage; the request is delivered as far as an agent can hold.
  const inbox: GraphCollection<Row> = await admin.api(`${EM}/accessPackageAssignmentApprovals/filterByCurrentUser(on='approver')`).get();
  const approval = inbox.value.find((a) => a.id === request.id)!;
  const stage = (approval.stages as Row[])[0];
  expect(stage).toMatchObject({ status: "InProgress", reviewResult: "NotReviewed", assignedToMe: true });
  await admin.api(`${EM}/accessPackageAssignmentApprovals/${request.id}/stages/${stage.id}`).patch({ reviewResult: "Approve", justification: "Engineering triage agent" });
  const decided = await triage.api(`${EM}/assignmentRequests/${request.id}`).expand("assignment").get();
  expect(decided).toMatchObject({ state: "partiallyDelivered", assignment: { state: "partiallyDelivered", status: expect.stringMatching(/cannot be held by agents/) } });
  const held: GraphCollection<Row> = await triage.api(`${EM}/assignments/filterByCurrentUser(on='target')`).expand("accessPackage").get();
  expect(held.value).toEqual([expect.objectContaining({ state: "partiallyDelivered", accessPackage: expect.objectContaining({ id: pkg.id }) })]);

  // 5. Another agent asks, then cancels while it waits.
  const second = await onCall.api(`${EM}/assignmentRequests`).post({ requestType: "userAdd", assignment: { accessPackageId: pkg.id, assignmentPolicyId: policy.id }, justification: "On-call paging" });
  await onCall.api(`${EM}/assignmentRequests/${second.id}/cancel`).post({});
  expect(await onCall.api(`${EM}/assignmentRequests/${second.id}`).get()).toMatchObject({ state: "canceled" });
  expect((await graphFailure(onCall.api(`${EM}/assignmentRequests/${second.id}/cancel`).post({}))).statusCode).toBe(409);

  // 6. The administrator assigns the package directly to the other enabled agents, then pages through every assignment.
  const others = [A.kbCurator, A.escalationSummarizer, A.invoiceReconciliation, A.expenseAuditor, A.releaseNotes, A.onCall];
  for (const targetId of others) {
    const r = await admin.api(`${EM}/assignmentRequests`).post({ requestType: "adminAdd", assignment: { accessPackageId: pkg.id, assignmentPolicyId: policy.id, targetId } });
    expect(r.state).toBe("partiallyDelivered");
  }
  let page: GraphCollection<Row> = await admin
    .api(`${EM}/assignments`)
    .filter(`accessPackage/id eq '${pkg.id}'`)
    .expand("target,accessPackage,assignmentPolicy")
    .orderby("target/displayName desc")
    .top(3)
    .count(true)
    .get();
  expect(page["@odata.count"]).toBe(7);
  const listed: Row[] = [...page.value];
  while (page["@odata.nextLink"]) {
    page = (await h.next(admin, page["@odata.nextLink"])) as GraphCollection<Row>;
    listed.push(...page.value);
  }
  expect(listed).toHaveLength(7);
  expect(listed.map((a) => (a.target as Row).id).sort()).toEqual([A.triage, ...others].sort());
  for (const a of listed) expect(a).toMatchObject({ accessPackage: { id: pkg.id }, assignmentPolicy: { id: policy.id }, schedule: { expiration: { type: "afterDateTime" } } });

  // 7. Reprocessing cannot deliver a role an agent cannot hold (still partiallyDelivered); once the package stops handing
  //    out the app role its assignments are complete, and reprocessing the request brings the request up to date.
  const kbAssignment = listed.find((a) => (a.target as Row).id === A.kbCurator)!;
  await admin.api(`${EM}/assignments/${kbAssignment.id}/reprocess`).post({});
  expect(await admin.api(`${EM}/assignments/${kbAssignment.id}`).get()).toMatchObject({ state: "partiallyDelivered" });
  await admin.api(`${EM}/accessPackages/${pkg.id}/resourceRoleScopes/${appScope.id}`).delete();
  const delivered: GraphCollection<Row> = await admin.api(`${EM}/assignments`).filter(`accessPackage/id eq '${pkg.id}' and state eq 'delivered'`).count(true).get();
  expect(delivered["@odata.count"]).toBe(7);
  expect((await graphFailure(admin.api(`${EM}/assignments/${kbAssignment.id}/reprocess`).post({}))).statusCode).toBe(409);
  await triage.api(`${EM}/assignmentRequests/${request.id}/reprocess`).post({});
  expect(await triage.api(`${EM}/assignmentRequests/${request.id}`).get()).toMatchObject({ state: "delivered" });
});
