import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, count, eq } from "drizzle-orm";
import type { Database } from "@/db";
import { accessPackages, assignmentPolicies, assignments, auditEvents, grants, resourceRoles } from "@/db/schema";
import { SEED_IDS } from "@/db/seed";
import { createTestDatabase } from "@/lib/testing/test-db";
import { ctxAs } from "@/lib/testing/actors";
import { createAccessPackage } from "./create-access-package";
import { createPolicy } from "@/lib/policies/create-policy";
import { submitRequest } from "@/lib/requests/submit-request";
import { removeAssignment } from "@/lib/assignments/remove-assignment";
import { effectiveGrants } from "@/lib/assignments/effective-grants";
import { updateAccessPackage } from "./update-access-package";
import { deleteAccessPackage } from "./delete-access-package";
import { addResourceRoleScope, removeResourceRoleScope } from "./resource-role-scopes";
import { addIncompatibleAccessPackage, addIncompatibleGroup, listIncompatibles, removeIncompatibleAccessPackage, removeIncompatibleGroup } from "./incompatibles";
import { getAccessPackage } from "./get-access-package";
import { auditCount, lastAudit, expectRefused } from "@/lib/testing/audit";

const U = SEED_IDS.users;
const A = SEED_IDS.agents;
const C = SEED_IDS.catalogs;
const R = SEED_IDS.resources;
const NO_SUCH = "00000000-0000-4000-8000-999999999999";

let database: Database;
const db = () => database.db;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

async function roleId(resourceId: string, originId: string): Promise<string> {
  const [r] = await db().select({ id: resourceRoles.id }).from(resourceRoles).where(and(eq(resourceRoles.resourceId, resourceId), eq(resourceRoles.originId, originId)));
  return r.id;
}
/** A package in the Agent Platform catalog that agents get at once, with an administrator-made assignment for each target. */
async function packageFor(name: string, roleIds: string[], targets: string[] = []) {
  const ines = await ctxAs(db(), U.ines);
  const pkg = await createAccessPackage({ ctx: ines, input: { catalogId: C.agentPlatform, displayName: name, resourceRoleIds: roleIds } });
  const policy = await createPolicy({ ctx: ines, input: { accessPackageId: pkg.id, displayName: "Agents at once", allowedTargetScope: "allDirectoryAgentIdentities", requestorSettings: { enableTargetsToSelfAddAccess: true } } });
  for (const targetId of targets) {
    const r = await submitRequest({ ctx: ines, input: { requestType: "adminAdd", accessPackageId: pkg.id, targetId } });
    expect(r.state).toBe("delivered");
  }
  return { pkg, policy };
}
async function roleIdsHeld(principalId: string): Promise<string[]> {
  return (await effectiveGrants(db(), [principalId], new Date())).map((g) => g.resourceRoleId).sort();
}

describe("updateAccessPackage", () => {
  it("a catalog owner renames and hides a package; one audit event holds before and after", async () => {
    const { pkg } = await packageFor("Rename me", []);
    const carlos = await ctxAs(db(), U.carlos);
    const updated = await updateAccessPackage({ ctx: carlos, input: { accessPackageId: pkg.id, displayName: "  Renamed  ", isHidden: true } });
    expect(updated).toMatchObject({ displayName: "Renamed", isHidden: true, description: pkg.description });
    expect(updated.modifiedAt.getTime()).toBeGreaterThanOrEqual(pkg.modifiedAt.getTime());
    expect(await lastAudit(db())).toMatchObject({ action: "accessPackage.update", actorId: U.carlos, targetId: pkg.id, before: { displayName: "Rename me", isHidden: false }, after: { displayName: "Renamed", isHidden: true } });
  });

  it("refuses an owner of another catalog (403, audited as a failure) and bad input (400, nothing written)", async () => {
    const { pkg } = await packageFor("Guarded", []);
    const tomas = await ctxAs(db(), U.tomas);
    const e = await expectRefused(updateAccessPackage({ ctx: tomas, input: { accessPackageId: pkg.id, displayName: "Taken over" } }), "forbidden");
    expect(e.status).toBe(403);
    expect(await lastAudit(db())).toMatchObject({ action: "accessPackage.update", actorId: U.tomas, outcome: "failure" });
    const ines = await ctxAs(db(), U.ines);
    const n = await auditCount(db());
    const bad = await expectRefused(updateAccessPackage({ ctx: ines, input: { accessPackageId: pkg.id, displayName: "   " } }), "invalid");
    expect(bad.fieldErrors?.displayName?.[0]).toMatch(/name/);
    await expectRefused(updateAccessPackage({ ctx: ines, input: { accessPackageId: pkg.id, isHidden: "yes" } }), "invalid");
    await expectRefused(updateAccessPackage({ ctx: ines, input: { accessPackageId: NO_SUCH, displayName: "X" } }), "notFound");
    expect(await auditCount(db())).toBe(n);
    const [row] = await db().select().from(accessPackages).where(eq(accessPackages.id, pkg.id));
    expect(row.displayName).toBe("Guarded");
  });
});

describe("deleteAccessPackage", () => {
  it("deletes an unused package with its policies and links, and audits it", async () => {
    const { pkg, policy } = await packageFor("Short-lived", [await roleId(R.supportTier2, "Member")]);
    const ines = await ctxAs(db(), U.ines);
    await addIncompatibleAccessPackage({ ctx: ines, input: { accessPackageId: pkg.id, incompatibleAccessPackageId: SEED_IDS.packages.directoryRead8h } });
    await deleteAccessPackage({ ctx: ines, input: { accessPackageId: pkg.id } });
    expect(await db().select().from(accessPackages).where(eq(accessPackages.id, pkg.id))).toHaveLength(0);
    expect(await db().select().from(assignmentPolicies).where(eq(assignmentPolicies.id, policy.id))).toHaveLength(0);
    expect((await listIncompatibles(ines, { accessPackageId: SEED_IDS.packages.directoryRead8h })).accessPackages.map((p) => p.id)).not.toContain(pkg.id);
    const ev = await lastAudit(db());
    expect(ev).toMatchObject({ action: "accessPackage.delete", targetId: pkg.id, outcome: "success" });
    expect((ev.before as { policies: { id: string }[] }).policies.map((p) => p.id)).toEqual([policy.id]);
    await expectRefused(deleteAccessPackage({ ctx: ines, input: { accessPackageId: pkg.id } }), "notFound");
  });

  it("refuses while the package has active assignments, then open requests, then history (409 each, nothing deleted)", async () => {
    const ines = await ctxAs(db(), U.ines);
    const { pkg } = await packageFor("In use", [], [A.triage]);
    const active = await expectRefused(deleteAccessPackage({ ctx: ines, input: { accessPackageId: pkg.id } }), "conflict");
    expect(active.message).toMatch(/remove its 1 active assignment first/);
    expect(await lastAudit(db())).toMatchObject({ action: "accessPackage.delete", outcome: "failure" });

    const [a] = await db().select().from(assignments).where(eq(assignments.accessPackageId, pkg.id));
    await removeAssignment({ ctx: ines, input: { assignmentId: a.id } });
    const history = await expectRefused(deleteAccessPackage({ ctx: ines, input: { accessPackageId: pkg.id } }), "conflict");
    expect(history.message).toMatch(/kept as history/);

    const { pkg: pending } = await packageFor("Pending", []);
    await createPolicy({
      ctx: ines,
      input: {
        accessPackageId: pending.id,
        displayName: "With approval",
        allowedTargetScope: "allDirectoryAgentIdentities",
        requestorSettings: { enableTargetsToSelfAddAccess: true },
        requestApprovalSettings: { isApprovalRequiredForAdd: true, stages: [{ primaryApprovers: [{ "@odata.type": "#microsoft.graph.singleUser", userId: U.priya }] }] },
      },
    });
    const policies = await db().select().from(assignmentPolicies).where(eq(assignmentPolicies.accessPackageId, pending.id));
    const withApproval = policies.find((p) => p.displayName === "With approval")!;
    const req = await submitRequest({ ctx: await ctxAs(db(), A.kbCurator), input: { accessPackageId: pending.id, assignmentPolicyId: withApproval.id } });
    expect(req.state).toBe("pendingApproval");
    const open = await expectRefused(deleteAccessPackage({ ctx: ines, input: { accessPackageId: pending.id } }), "conflict");
    expect(open.message).toMatch(/1 open request/);
    expect(await db().select().from(accessPackages).where(eq(accessPackages.id, pending.id))).toHaveLength(1);
  });

  it("refuses someone without packages.write (403)", async () => {
    const { pkg } = await packageFor("Not yours", []);
    await expectRefused(deleteAccessPackage({ ctx: await ctxAs(db(), U.maya), input: { accessPackageId: pkg.id } }), "forbidden");
    await expectRefused(deleteAccessPackage({ ctx: await ctxAs(db(), A.triage), input: { accessPackageId: pkg.id } }), "forbidden");
    expect(await db().select().from(accessPackages).where(eq(accessPackages.id, pkg.id))).toHaveLength(1);
  });
});

describe("resource role scopes", () => {
  it("adding a role delivers it to current assignees; removing takes it away unless another package delivers it", async () => {
    const ines = await ctxAs(db(), U.ines);
    const member = await roleId(R.supportTier2, "Member");
    const readers = await roleId(R.directoryReaders, SEED_IDS.directoryRoles.directoryReaders);
    const { pkg } = await packageFor("Growing", [member], [A.releaseNotes]);
    // Another package delivers Support Tier 2 membership to the same agent.
    await packageFor("Also Tier 2", [member], [A.releaseNotes]);
    expect(await roleIdsHeld(A.releaseNotes)).toEqual([member, member].sort());

    const added = await addResourceRoleScope({ ctx: ines, input: { accessPackageId: pkg.id, resourceRoleId: readers } });
    expect(added.assignmentsUpdated).toBe(1);
    expect(added.scope.role).toMatchObject({ id: readers, displayName: "Directory Readers" });
    expect(added.scope.resource).toMatchObject({ id: R.directoryReaders, originSystem: "DirectoryRole" });
    expect(new Set(await roleIdsHeld(A.releaseNotes))).toEqual(new Set([member, readers]));
    const ev = await db().select().from(auditEvents).where(and(eq(auditEvents.action, "assignment.grantRole"), eq(auditEvents.onBehalfOfId, A.releaseNotes)));
    expect(ev).toHaveLength(1);

    const detail = await getAccessPackage(ines, { accessPackageId: pkg.id });
    const memberScope = detail.resourceRoleScopes.find((s) => s.role.id === member)!;
    const removed = await removeResourceRoleScope({ ctx: ines, input: { accessPackageId: pkg.id, resourceRoleScopeId: memberScope.id } });
    expect(removed.assignmentsUpdated).toBe(1);
    // Membership stays: "Also Tier 2" still delivers it. Only this package's grant went.
    const held = await effectiveGrants(db(), [A.releaseNotes], new Date());
    expect(held.filter((g) => g.resourceRoleId === member).map((g) => g.accessPackageName)).toEqual(["Also Tier 2"]);
    expect(held.filter((g) => g.resourceRoleId === readers).map((g) => g.accessPackageName)).toEqual(["Growing"]);
    await expectRefused(removeResourceRoleScope({ ctx: ines, input: { accessPackageId: pkg.id, resourceRoleScopeId: memberScope.id } }), "notFound");
  });

  it("a role the assignee cannot hold makes the assignment partially delivered, and removing it makes it delivered again", async () => {
    const ines = await ctxAs(db(), U.ines);
    const { pkg } = await packageFor("Agent helpdesk", [await roleId(R.supportTier2, "Member")], [A.onCall]);
    const ticketWrite = await roleId(R.helpdesk, SEED_IDS.appRoles.ticketWrite);
    const added = await addResourceRoleScope({ ctx: ines, input: { accessPackageId: pkg.id, resourceRoleId: ticketWrite } });
    const [a] = await db().select().from(assignments).where(eq(assignments.accessPackageId, pkg.id));
    expect(a.state).toBe("partiallyDelivered");
    expect(a.status).toMatch(/cannot be held by agents/);
    await removeResourceRoleScope({ ctx: ines, input: { accessPackageId: pkg.id, resourceRoleScopeId: added.scope.id } });
    const [after] = await db().select().from(assignments).where(eq(assignments.id, a.id));
    expect(after.state).toBe("delivered");
  });

  it("refuses a role of another catalog (400), an unknown role (400), a duplicate (409) and a non-manager (403)", async () => {
    const ines = await ctxAs(db(), U.ines);
    const member = await roleId(R.supportTier2, "Member");
    const { pkg } = await packageFor("Strict", [member], [A.triage]);
    const n = await auditCount(db());
    const other = await expectRefused(addResourceRoleScope({ ctx: ines, input: { accessPackageId: pkg.id, resourceRoleId: await roleId(R.financeReaders, "Member") } }), "invalid");
    expect(other.message).toMatch(/catalog/);
    await expectRefused(addResourceRoleScope({ ctx: ines, input: { accessPackageId: pkg.id, resourceRoleId: NO_SUCH } }), "invalid");
    await expectRefused(addResourceRoleScope({ ctx: ines, input: { accessPackageId: pkg.id, resourceRoleId: "not-an-id" } }), "invalid");
    expect(await auditCount(db())).toBe(n);
    const dup = await expectRefused(addResourceRoleScope({ ctx: ines, input: { accessPackageId: pkg.id, resourceRoleId: member } }), "conflict");
    expect(dup.message).toMatch(/already hands out/);
    await expectRefused(addResourceRoleScope({ ctx: await ctxAs(db(), U.tomas), input: { accessPackageId: pkg.id, resourceRoleId: await roleId(R.breakGlass, "Member") } }), "forbidden");
    const [{ n: grantCount }] = await db().select({ n: count() }).from(grants).where(eq(grants.principalId, A.triage));
    expect(grantCount).toBe(1);
  });
});

describe("incompatible packages and groups", () => {
  it("links two packages once, lists them from both sides, and separation of duties then refuses a request", async () => {
    const ines = await ctxAs(db(), U.ines);
    const { pkg: first } = await packageFor("Maker", [], [A.escalationSummarizer]);
    const { pkg: second } = await packageFor("Checker", []);
    const linked = await addIncompatibleAccessPackage({ ctx: ines, input: { accessPackageId: second.id, incompatibleAccessPackageId: first.id } });
    expect(linked).toMatchObject({ id: first.id, displayName: "Maker" });
    expect(await lastAudit(db())).toMatchObject({ action: "accessPackage.addIncompatibleAccessPackage", targetId: second.id });
    expect((await listIncompatibles(ines, { accessPackageId: first.id })).accessPackages.map((p) => p.id)).toEqual([second.id]);
    expect((await listIncompatibles(ines, { accessPackageId: second.id })).accessPackages.map((p) => p.id)).toEqual([first.id]);
    // The same link from the other side is a duplicate.
    await expectRefused(addIncompatibleAccessPackage({ ctx: ines, input: { accessPackageId: first.id, incompatibleAccessPackageId: second.id } }), "conflict");
    const self = await expectRefused(addIncompatibleAccessPackage({ ctx: ines, input: { accessPackageId: first.id, incompatibleAccessPackageId: first.id } }), "invalid");
    expect(self.message).toMatch(/itself/);
    await expectRefused(addIncompatibleAccessPackage({ ctx: ines, input: { accessPackageId: first.id, incompatibleAccessPackageId: NO_SUCH } }), "notFound");

    const agent = await ctxAs(db(), A.escalationSummarizer);
    const refused = await expectRefused(submitRequest({ ctx: agent, input: { accessPackageId: second.id } }), "forbidden");
    expect(refused.message).toMatch(/Separation of duties.*Maker/);

    // Removed from the side it was not recorded on.
    await removeIncompatibleAccessPackage({ ctx: ines, input: { accessPackageId: first.id, incompatibleAccessPackageId: second.id } });
    expect((await listIncompatibles(ines, { accessPackageId: second.id })).accessPackages).toEqual([]);
    await expectRefused(removeIncompatibleAccessPackage({ ctx: ines, input: { accessPackageId: first.id, incompatibleAccessPackageId: second.id } }), "notFound");
    expect((await submitRequest({ ctx: agent, input: { accessPackageId: second.id } })).state).toBe("delivered");
  });

  it("keeps members of an incompatible group from the package, and removes the rule again", async () => {
    const ines = await ctxAs(db(), U.ines);
    const { pkg } = await packageFor("No engineers", []);
    const group = await addIncompatibleGroup({ ctx: ines, input: { accessPackageId: pkg.id, groupId: SEED_IDS.groups.engineeringAll } });
    expect(group).toMatchObject({ id: SEED_IDS.groups.engineeringAll });
    expect((await listIncompatibles(ines, { accessPackageId: pkg.id })).groups.map((g) => g.id)).toEqual([SEED_IDS.groups.engineeringAll]);
    await expectRefused(addIncompatibleGroup({ ctx: ines, input: { accessPackageId: pkg.id, groupId: SEED_IDS.groups.engineeringAll } }), "conflict");
    await expectRefused(addIncompatibleGroup({ ctx: ines, input: { accessPackageId: pkg.id, groupId: NO_SUCH } }), "notFound");
    await expectRefused(addIncompatibleGroup({ ctx: await ctxAs(db(), U.maya), input: { accessPackageId: pkg.id, groupId: SEED_IDS.groups.financeReaders } }), "forbidden");
    await removeIncompatibleGroup({ ctx: ines, input: { accessPackageId: pkg.id, groupId: SEED_IDS.groups.engineeringAll } });
    expect((await listIncompatibles(ines, { accessPackageId: pkg.id })).groups).toEqual([]);
    await expectRefused(removeIncompatibleGroup({ ctx: ines, input: { accessPackageId: pkg.id, groupId: SEED_IDS.groups.engineeringAll } }), "notFound");
  });
});

describe("getAccessPackage", () => {
  it("returns the package with catalog, scopes, policies and incompatibles to a catalog reader, and 403 to others", async () => {
    const ines = await ctxAs(db(), U.ines);
    const d = await getAccessPackage(ines, { accessPackageId: SEED_IDS.packages.productionBreakGlass });
    expect(d.catalog.id).toBe(C.agentPlatform);
    expect(d.resourceRoleScopes.map((s) => s.resource.id)).toEqual([R.breakGlass]);
    expect(d.policies.map((p) => p.id)).toEqual([SEED_IDS.policies.productionBreakGlass]);
    expect(d.incompatibles.accessPackages.map((p) => p.id)).toEqual([SEED_IDS.packages.directoryRead8h]);
    await expectRefused(getAccessPackage(await ctxAs(db(), U.tomas), { accessPackageId: SEED_IDS.packages.productionBreakGlass }), "forbidden");
    await expectRefused(getAccessPackage(ines, { accessPackageId: NO_SUCH }), "notFound");
  });
});
