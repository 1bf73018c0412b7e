import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, count, eq } from "drizzle-orm";
import type { Client } from "@microsoft/microsoft-graph-client";
import type { Database } from "@/db";
import { accessPackages, assignmentPolicies, auditEvents, resourceRoleScopes } from "@/db/schema";
import { SEED_IDS } from "@/db/seed";
import { createTestDatabase } from "@/lib/testing/test-db";
import { effectiveGrants } from "@/lib/assignments/effective-grants";
import { EM, graphFailure, startGraphHarness, type GraphCollection, type GraphHarness } from "./graph-testkit";
import { auditCount } from "@/lib/testing/audit";

const A = SEED_IDS.agents;
const C = SEED_IDS.catalogs;
const G = SEED_IDS.groups;
const R = SEED_IDS.resources;
const P = SEED_IDS.packages;
const NO_SUCH = "00000000-0000-4000-8000-999999999999";

let database: Database;
let h: GraphHarness;
let admin: Client;
let adminToken: string;
beforeAll(async () => {
  database = await createTestDatabase();
  h = await startGraphHarness(database);
  adminToken = await h.tokenFor(SEED_IDS.servicePrincipals.stewardAutomation);
  admin = h.client(adminToken);
});
afterAll(async () => {
  await h?.close();
  await database?.close();
});

type Pkg = { id: string; displayName: string; description: string; isHidden: boolean } & Record<string, unknown>;

const autoPolicy = (accessPackageId: string, displayName = "Agents at once") => ({
  displayName,
  description: "Granted at once to any agent.",
  allowedTargetScope: "allDirectoryAgentIdentities",
  requestorSettings: { enableTargetsToSelfAddAccess: true },
  requestApprovalSettings: { isApprovalRequiredForAdd: false, isApprovalRequiredForUpdate: false, stages: [] },
  expiration: { type: "afterDuration", duration: "P30D" },
  accessPackage: { id: accessPackageId },
});
const approvalPolicy = (accessPackageId: string, approver: string, duration = "P30D") => ({
  ...autoPolicy(accessPackageId, "Agents with approval"),
  requestApprovalSettings: {
    isApprovalRequiredForAdd: true,
    isApprovalRequiredForUpdate: false,
    isRequestorJustificationRequired: false,
    stages: [{ durationBeforeAutomaticDenial: "P14D", primaryApprovers: [{ "@odata.type": "#microsoft.graph.singleUser", userId: approver }] }],
  },
  expiration: { type: "afterDuration", duration },
});

async function newPackage(displayName: string, catalogId: string = C.agentPlatform): Promise<Pkg> {
  return admin.api(`${EM}/accessPackages`).post({ displayName, description: `${displayName} (test)`, isHidden: false, catalog: { id: catalogId } });
}
async function assign(accessPackageId: string, targetId: string, assignmentPolicyId?: string) {
  const r = await admin.api(`${EM}/assignmentRequests`).post({ requestType: "adminAdd", assignment: { accessPackageId, targetId, assignmentPolicyId }, justification: "test" });
  expect(r.state).toBe("delivered");
  return r;
}
const held = async (principalId: string) => (await effectiveGrants(database.db, [principalId], new Date())).map((g) => `${g.accessPackageName}: ${g.roleName}`).sort();
async function rowCounts() {
  const [p] = await database.db.select({ n: count() }).from(accessPackages);
  const [pol] = await database.db.select({ n: count() }).from(assignmentPolicies);
  const [s] = await database.db.select({ n: count() }).from(resourceRoleScopes);
  return { packages: p.n, policies: pol.n, scopes: s.n };
}

describe("accessPackages through the Graph SDK", () => {
  it("creates, reads (with $expand=catalog and $select), patches (204) and deletes (204) a package in Graph's shape", async () => {
    const created = await newPackage("Graph-made package");
    expect(created).toMatchObject({ id: expect.any(String), displayName: "Graph-made package", isHidden: false, createdDateTime: expect.stringMatching(/Z$/), modifiedDateTime: expect.any(String) });
    const got = await admin.api(`${EM}/accessPackages/${created.id}`).expand("catalog").get();
    expect(got.catalog).toMatchObject({ id: C.agentPlatform, displayName: expect.any(String), catalogType: "userManaged" });
    const selected = await admin.api(`${EM}/accessPackages/${created.id}`).select("displayName").get();
    expect(Object.keys(selected).sort()).toEqual(["@odata.context", "displayName", "id"]);

    await admin.api(`${EM}/accessPackages/${created.id}`).patch({ displayName: "Graph-made, renamed", isHidden: true });
    expect(await admin.api(`${EM}/accessPackages/${created.id}`).get()).toMatchObject({ displayName: "Graph-made, renamed", isHidden: true, description: "Graph-made package (test)" });
    const [ev] = await database.db.select().from(auditEvents).where(and(eq(auditEvents.targetId, created.id), eq(auditEvents.action, "accessPackage.update")));
    expect(ev).toMatchObject({ actorId: SEED_IDS.servicePrincipals.stewardAutomation, actorType: "servicePrincipal" });

    await admin.api(`${EM}/accessPackages/${created.id}`).delete();
    const gone = await graphFailure(admin.api(`${EM}/accessPackages/${created.id}`).get());
    expect(gone.statusCode).toBe(404);
    expect(gone.error.code).toBe("ResourceNotFound");
  });

  it("adds a resource role scope from Graph's body and a current assignee gets it; removing it takes the grant away", async () => {
    const pkg = await newPackage("Scoped over Graph");
    await admin.api(`${EM}/assignmentPolicies`).post(autoPolicy(pkg.id));
    await assign(pkg.id, A.triage);
    expect(await held(A.triage)).toEqual([]);

    const scope = await admin.api(`${EM}/accessPackages/${pkg.id}/resourceRoleScopes`).post({
      role: { originId: `Member_${G.supportTier2}`, displayName: "Member", originSystem: "AadGroup", resource: { id: R.supportTier2, originId: G.supportTier2, originSystem: "AadGroup" } },
      scope: { originId: G.supportTier2, originSystem: "AadGroup" },
    });
    expect(scope).toMatchObject({ id: expect.any(String), role: { originId: "Member", originSystem: "AadGroup", resource: { id: R.supportTier2 } }, scope: { originId: G.supportTier2, isRootScope: true } });
    expect(await held(A.triage)).toEqual(["Scoped over Graph: Member"]);

    const listed: GraphCollection = await admin.api(`${EM}/accessPackages/${pkg.id}/resourceRoleScopes`).get();
    expect(listed.value.map((s) => s.id)).toEqual([scope.id]);
    const expanded = await admin.api(`${EM}/accessPackages/${pkg.id}`).expand("resourceRoleScopes($expand=role,scope)").get();
    expect(expanded.resourceRoleScopes).toHaveLength(1);
    expect(expanded.resourceRoleScopes[0].role.displayName).toBe("Member");

    // By the resource's origin instead of its catalog id, and Graph's plain role name.
    const byOrigin = await admin.api(`${EM}/accessPackages/${pkg.id}/resourceRoleScopes`).post({ role: { originId: "Owner", originSystem: "AadGroup", resource: { originId: G.supportTier2, originSystem: "AadGroup" } } });
    expect(byOrigin.role.originId).toBe("Owner");

    await admin.api(`${EM}/accessPackages/${pkg.id}/resourceRoleScopes/${scope.id}`).delete();
    expect(await held(A.triage)).toEqual(["Scoped over Graph: Owner"]);
    const again = await graphFailure(admin.api(`${EM}/accessPackages/${pkg.id}/resourceRoleScopes/${scope.id}`).delete());
    expect(again.statusCode).toBe(404);
  });

  it("answers 400 saying what was not found for a resource outside the catalog, an unknown role or a non-root scope; 409 for a duplicate", async () => {
    const pkg = await newPackage("Strict scopes");
    const before = await rowCounts();
    const outside = await graphFailure(admin.api(`${EM}/accessPackages/${pkg.id}/resourceRoleScopes`).post({ role: { originId: "Member", originSystem: "AadGroup", resource: { id: R.financeReaders } } }));
    expect(outside.statusCode).toBe(400);
    expect(outside.error.message).toMatch(/not in this package's catalog/);
    const role = await graphFailure(admin.api(`${EM}/accessPackages/${pkg.id}/resourceRoleScopes`).post({ role: { originId: "Janitor", originSystem: "AadGroup", resource: { id: R.supportTier2 } } }));
    expect(role.statusCode).toBe(400);
    expect(role.error.message).toMatch(/has no role Janitor; its roles are .*Member/);
    const scoped = await graphFailure(admin.api(`${EM}/accessPackages/${pkg.id}/resourceRoleScopes`).post({ role: { originId: "Member", resource: { id: R.supportTier2 } }, scope: { originId: NO_SUCH, originSystem: "AadGroup" } }));
    expect(scoped.statusCode).toBe(400);
    const missing = await graphFailure(admin.api(`${EM}/accessPackages/${pkg.id}/resourceRoleScopes`).post({ scope: {} }));
    expect(missing.statusCode).toBe(400);
    expect(missing.error.message).toMatch(/role/);
    expect(await rowCounts()).toEqual(before);
    await admin.api(`${EM}/accessPackages/${pkg.id}/resourceRoleScopes`).post({ role: { originId: "Member", resource: { id: R.supportTier2 } } });
    const dup = await graphFailure(admin.api(`${EM}/accessPackages/${pkg.id}/resourceRoleScopes`).post({ role: { originId: "Member", resource: { id: R.supportTier2 } } }));
    expect(dup.statusCode).toBe(409);
  });

  it("links incompatible packages and groups with $ref, after which a request is refused for separation of duties", async () => {
    const maker = await newPackage("Payments maker");
    const checker = await newPackage("Payments checker");
    for (const p of [maker, checker]) await admin.api(`${EM}/assignmentPolicies`).post(autoPolicy(p.id));
    await assign(maker.id, A.invoiceReconciliation);

    await admin.api(`${EM}/accessPackages/${checker.id}/incompatibleAccessPackages/$ref`).post({ "@odata.id": `${h.server.url}/api/v1.0${EM}/accessPackages/${maker.id}` });
    const fromChecker: GraphCollection<Pkg> = await admin.api(`${EM}/accessPackages/${checker.id}/incompatibleAccessPackages`).get();
    expect(fromChecker.value.map((p) => p.id)).toEqual([maker.id]);
    const fromMaker: GraphCollection<Pkg> = await admin.api(`${EM}/accessPackages/${maker.id}/incompatibleAccessPackages`).get();
    expect(fromMaker.value.map((p) => p.id)).toEqual([checker.id]);

    const agent = await h.clientFor(A.invoiceReconciliation);
    const refused = await graphFailure(agent.api(`${EM}/assignmentRequests`).post({ requestType: "userAdd", assignment: { accessPackageId: checker.id } }));
    expect(refused.statusCode).toBe(403);
    expect(refused.error.message).toMatch(/Separation of duties.*Payments maker/);

    await admin.api(`${EM}/accessPackages/${checker.id}/incompatibleAccessPackages/${maker.id}/$ref`).delete();
    expect((await admin.api(`${EM}/accessPackages/${checker.id}/incompatibleAccessPackages`).get()).value).toEqual([]);

    await admin.api(`${EM}/accessPackages/${checker.id}/incompatibleGroups/$ref`).post({ "@odata.id": `https://graph.microsoft.com/v1.0/groups/${G.breakGlass}` });
    const groups: GraphCollection = await admin.api(`${EM}/accessPackages/${checker.id}/incompatibleGroups`).get();
    expect(groups.value).toEqual([expect.objectContaining({ id: G.breakGlass, "@odata.type": "#microsoft.graph.group" })]);
    const dup = await graphFailure(admin.api(`${EM}/accessPackages/${checker.id}/incompatibleGroups/$ref`).post({ "@odata.id": `https://graph.microsoft.com/v1.0/groups/${G.breakGlass}` }));
    expect(dup.statusCode).toBe(409);
    await admin.api(`${EM}/accessPackages/${checker.id}/incompatibleGroups/${G.breakGlass}/$ref`).delete();
    expect((await admin.api(`${EM}/accessPackages/${checker.id}/incompatibleGroups`).get()).value).toEqual([]);

    for (const body of [{}, { "@odata.id": `https://graph.microsoft.com/v1.0/users/${G.breakGlass}` }, { "@odata.id": "accessPackages/not-an-id" }]) {
      const bad = await graphFailure(admin.api(`${EM}/accessPackages/${checker.id}/incompatibleAccessPackages/$ref`).post(body));
      expect(bad.statusCode).toBe(400);
    }
    const self = await graphFailure(admin.api(`${EM}/accessPackages/${checker.id}/incompatibleAccessPackages/$ref`).post({ "@odata.id": `accessPackages/${checker.id}` }));
    expect(self.statusCode).toBe(400);
    expect(self.error.message).toMatch(/itself/);
  });

  it("getApplicablePolicyRequirements: an agent sees the policy it may request under; for another subject a service principal gets none, with the reason", async () => {
    const agent = await h.clientFor(A.onCall);
    const mine = await agent.api(`${EM}/accessPackages/${P.directoryRead8h}/getApplicablePolicyRequirements`).post({});
    expect(mine.value).toEqual([
      expect.objectContaining({ policyId: SEED_IDS.policies.directoryRead8h, isApprovalRequiredForAdd: false, schedule: { expiration: { type: "afterDuration", duration: "PT8H", endDateTime: null } } }),
    ]);
    const forOther = await admin.api(`${EM}/accessPackages/${P.directoryRead8h}/getApplicablePolicyRequirements`).post({ subject: { objectId: A.onCall } });
    expect(forOther.value).toEqual([]);
    expect(forOther["@steward.notApplicable"][0].reasons[0].code).toBe("notSponsorOrOwner");
    const bad = await graphFailure(agent.api(`${EM}/accessPackages/${P.directoryRead8h}/getApplicablePolicyRequirements`).post({ subject: { objectId: "me" } }));
    expect(bad.statusCode).toBe(400);
  });
});

describe("assignmentPolicies through the Graph SDK", () => {
  it("creates, reads (with $expand), replaces (PUT) and deletes (204) a policy", async () => {
    const pkg = await newPackage("Policy lifecycle");
    const created = await admin.api(`${EM}/assignmentPolicies`).post(approvalPolicy(pkg.id, SEED_IDS.users.priya));
    expect(created).toMatchObject({
      id: expect.any(String),
      displayName: "Agents with approval",
      allowedTargetScope: "allDirectoryAgentIdentities",
      expiration: { type: "afterDuration", duration: "P30D", endDateTime: null },
      requestApprovalSettings: { isApprovalRequiredForAdd: true, stages: [{ primaryApprovers: [{ userId: SEED_IDS.users.priya }] }] },
    });
    const got = await admin.api(`${EM}/assignmentPolicies/${created.id}`).expand("accessPackage,catalog").get();
    expect(got.accessPackage).toMatchObject({ id: pkg.id, displayName: "Policy lifecycle" });
    expect(got.catalog).toMatchObject({ id: C.agentPlatform });

    const replaced = await admin.api(`${EM}/assignmentPolicies/${created.id}`).put({ ...autoPolicy(pkg.id, "Agents, now at once"), expiration: { type: "afterDuration", duration: "PT8H" } });
    expect(replaced).toMatchObject({ id: created.id, displayName: "Agents, now at once", expiration: { duration: "PT8H" }, requestApprovalSettings: { isApprovalRequiredForAdd: false, stages: [] } });

    const moved = await graphFailure(admin.api(`${EM}/assignmentPolicies/${created.id}`).put(autoPolicy(P.directoryRead8h)));
    expect(moved.statusCode).toBe(400);
    expect(moved.error.message).toMatch(/cannot move/);

    await admin.api(`${EM}/assignmentPolicies/${created.id}`).delete();
    expect((await graphFailure(admin.api(`${EM}/assignmentPolicies/${created.id}`).get())).statusCode).toBe(404);
  });

  it("answers 409 for a PUT changing approval while a request waits, and for a DELETE while an assignment is active", async () => {
    const pkg = await newPackage("Policy in use");
    const policy = await admin.api(`${EM}/assignmentPolicies`).post(approvalPolicy(pkg.id, SEED_IDS.users.priya));
    const agent = await h.clientFor(A.kbCurator);
    const req = await agent.api(`${EM}/assignmentRequests`).post({ requestType: "userAdd", assignment: { accessPackageId: pkg.id, assignmentPolicyId: policy.id } });
    expect(req.state).toBe("pendingApproval");
    const put = await graphFailure(admin.api(`${EM}/assignmentPolicies/${policy.id}`).put(approvalPolicy(pkg.id, SEED_IDS.users.helen)));
    expect(put.statusCode).toBe(409);
    expect(put.error.message).toMatch(/open request/);
    const delOpen = await graphFailure(admin.api(`${EM}/assignmentPolicies/${policy.id}`).delete());
    expect(delOpen.statusCode).toBe(409);
    await agent.api(`${EM}/assignmentRequests/${req.id}/cancel`).post({});

    const auto = await admin.api(`${EM}/assignmentPolicies`).post(autoPolicy(pkg.id));
    await assign(pkg.id, A.releaseNotes, auto.id);
    const delActive = await graphFailure(admin.api(`${EM}/assignmentPolicies/${auto.id}`).delete());
    expect(delActive.statusCode).toBe(409);
    expect(delActive.error.message).toMatch(/remove its 1 active assignment first/);
    const pkgDelete = await graphFailure(admin.api(`${EM}/accessPackages/${pkg.id}`).delete());
    expect(pkgDelete.statusCode).toBe(409);
    expect(pkgDelete.error.message).toMatch(/remove its 1 active assignment first/);
  });
});

describe("OData on the lists", () => {
  it("accessPackages: $filter on catalog/id and isHidden, $orderby, $top with @odata.nextLink, $count, $select and nested $expand", async () => {
    const filter = `catalog/id eq '${C.financeOperations}' and isHidden eq false`;
    const all: GraphCollection<Pkg> = await admin.api(`${EM}/accessPackages`).filter(filter).orderby("displayName desc").count(true).get();
    const names = all.value.map((p) => p.displayName);
    expect(names).toEqual(["Project Phoenix Member", "Finance Reporting Agent"]);
    expect(all["@odata.count"]).toBe(2);

    const first: GraphCollection<Pkg> = await admin.api(`${EM}/accessPackages`).filter(filter).orderby("displayName desc").top(1).get();
    expect(first.value.map((p) => p.displayName)).toEqual(["Project Phoenix Member"]);
    expect(first["@odata.nextLink"]).toMatch(/\$skiptoken=/);
    const second = await h.next(admin, first["@odata.nextLink"]!);
    expect(second.value.map((p) => p.displayName)).toEqual(["Finance Reporting Agent"]);
    expect(second["@odata.nextLink"]).toBeUndefined();

    const expanded: GraphCollection<Pkg> = await admin
      .api(`${EM}/accessPackages`)
      .filter(`id eq '${P.supportTicketTriage}'`)
      .select("displayName")
      .expand("catalog,resourceRoleScopes($expand=role,scope),assignmentPolicies")
      .get();
    const [one] = expanded.value;
    expect(Object.keys(one).sort()).toEqual(["assignmentPolicies", "catalog", "displayName", "id", "resourceRoleScopes"]);
    expect((one.resourceRoleScopes as { role: { displayName: string } }[]).map((s) => s.role.displayName).sort()).toEqual(["Member", "User.Read.All (application)"]);
    expect((one.assignmentPolicies as { id: string }[]).map((p) => p.id)).toEqual([SEED_IDS.policies.supportTicketTriage]);

    for (const bad of [`${EM}/accessPackages?$search="x"`, `${EM}/accessPackages?$filter=owner eq 'x'`, `${EM}/accessPackages?$expand=assignments`, `${EM}/accessPackages?$expand=resourceRoleScopes($filter=x eq 1)`]) {
      const e = await graphFailure(admin.api(bad).get());
      expect(e.statusCode).toBe(400);
    }
  });

  it("assignmentPolicies: $filter on accessPackage/id and displayName, $expand=accessPackage,catalog", async () => {
    const byPkg: GraphCollection = await admin.api(`${EM}/assignmentPolicies`).filter(`accessPackage/id eq '${P.projectPhoenixMember}'`).expand("accessPackage,catalog").get();
    expect(byPkg.value).toEqual([
      expect.objectContaining({ id: SEED_IDS.policies.projectPhoenixMember, accessPackage: expect.objectContaining({ id: P.projectPhoenixMember }), catalog: expect.objectContaining({ id: C.financeOperations }) }),
    ]);
    const byName: GraphCollection = await admin.api(`${EM}/assignmentPolicies`).filter("startswith(displayName, 'Sponsors')").get();
    expect(byName.value.map((p) => p.id)).toEqual([SEED_IDS.policies.productionBreakGlass]);
    expect((await graphFailure(admin.api(`${EM}/assignmentPolicies`).filter("questions eq 'x'").get())).statusCode).toBe(400);
  });
});

describe("refusals", () => {
  it("bad bodies get 400 with Graph's error shape and write nothing", async () => {
    const before = { rows: await rowCounts(), audit: await auditCount(database.db) };
    const pkgBodies = [{}, { displayName: "No catalog" }, { displayName: "", catalog: { id: C.agentPlatform } }, { displayName: "x", isHidden: "yes", catalog: { id: C.agentPlatform } }, { displayName: "x", catalog: { id: "nope" } }];
    for (const body of pkgBodies) {
      const e = await graphFailure(admin.api(`${EM}/accessPackages`).post(body));
      expect(e.statusCode, JSON.stringify(body)).toBe(400);
      expect(e.error.code).toBe("BadRequest");
    }
    const policyBodies = [
      { displayName: "No package", allowedTargetScope: "allDirectoryAgentIdentities" },
      { ...autoPolicy(P.directoryRead8h, "Bad"), requestApprovalSettings: { isApprovalRequiredForAdd: true, stages: [] } },
      { ...autoPolicy(P.directoryRead8h, "Bad"), allowedTargetScope: "everyone" },
      { ...autoPolicy(P.directoryRead8h, "Bad"), expiration: { type: "afterDuration", duration: "a while" } },
    ];
    for (const body of policyBodies) {
      const e = await graphFailure(admin.api(`${EM}/assignmentPolicies`).post(body));
      expect(e.statusCode, JSON.stringify(body)).toBe(400);
    }
    const patch = await graphFailure(admin.api(`${EM}/accessPackages/${P.helpdeskOperator}`).patch({ displayName: "" }));
    expect(patch.statusCode).toBe(400);
    // Malformed JSON, sent without the SDK (it would serialise a string).
    const raw = await fetch(`${h.server.url}/api/v1.0${EM}/accessPackages`, { method: "POST", headers: { authorization: `Bearer ${adminToken}`, "content-type": "application/json" }, body: "{not json" });
    expect(raw.status).toBe(400);
    const body = await raw.json();
    expect(body).toMatchObject({ error: { code: "BadRequest", message: expect.stringMatching(/JSON/), innerError: { "request-id": expect.any(String) } } });
    expect(await rowCounts()).toEqual(before.rows);
    expect(await auditCount(database.db)).toBe(before.audit);
  });

  it("a service principal without EntitlementManagement permission gets 403 on every write and on the lists; nothing changes", async () => {
    const payroll = await h.clientFor(SEED_IDS.servicePrincipals.payrollSync);
    await expectNoWrites(payroll);
  });

  it("an agent gets 403 on every write", async () => {
    const agent = await h.clientFor(A.triage);
    await expectNoWrites(agent);
  });
});

async function expectNoWrites(client: Client) {
  const before = await rowCounts();
  const pkg = P.supportTicketTriage;
  const calls: [string, () => Promise<unknown>][] = [
    ["list packages", () => client.api(`${EM}/accessPackages`).get()],
    ["list policies", () => client.api(`${EM}/assignmentPolicies`).get()],
    ["create package", () => client.api(`${EM}/accessPackages`).post({ displayName: "Mine now", catalog: { id: C.agentPlatform } })],
    ["patch package", () => client.api(`${EM}/accessPackages/${pkg}`).patch({ displayName: "Mine now" })],
    ["delete package", () => client.api(`${EM}/accessPackages/${P.helpdeskOperator}`).delete()],
    ["add role scope", () => client.api(`${EM}/accessPackages/${pkg}/resourceRoleScopes`).post({ role: { originId: "Owner", resource: { id: R.supportTier2 } } })],
    ["remove role scope", () => client.api(`${EM}/accessPackages/${pkg}/resourceRoleScopes/${NO_SUCH}`).delete()],
    ["add incompatible package", () => client.api(`${EM}/accessPackages/${pkg}/incompatibleAccessPackages/$ref`).post({ "@odata.id": `accessPackages/${P.directoryRead8h}` })],
    ["remove incompatible package", () => client.api(`${EM}/accessPackages/${P.productionBreakGlass}/incompatibleAccessPackages/${P.directoryRead8h}/$ref`).delete()],
    ["add incompatible group", () => client.api(`${EM}/accessPackages/${pkg}/incompatibleGroups/$ref`).post({ "@odata.id": `groups/${G.engineeringAll}` })],
    ["remove incompatible group", () => client.api(`${EM}/accessPackages/${P.helpdeskOperator}/incompatibleGroups/${G.breakGlass}/$ref`).delete()],
    ["create policy", () => client.api(`${EM}/assignmentPolicies`).post(autoPolicy(pkg, "Mine"))],
    ["replace policy", () => client.api(`${EM}/assignmentPolicies/${SEED_IDS.policies.supportTicketTriage}`).put(autoPolicy(pkg, "Mine"))],
    ["delete policy", () => client.api(`${EM}/assignmentPolicies/${SEED_IDS.policies.helpdeskOperator}`).delete()],
  ];
  for (const [what, call] of calls) {
    const e = await graphFailure(call);
    expect(e.statusCode, what).toBe(403);
    expect(e.error.code, what).toBe("Forbidden");
  }
  expect(await rowCounts()).toEqual(before);
  const [seed] = await database.db.select().from(accessPackages).where(eq(accessPackages.id, pkg));
  expect(seed.displayName).toBe("Support Ticket Triage");
}
