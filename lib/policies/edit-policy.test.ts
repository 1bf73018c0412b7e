import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Database } from "@/db";
import { assignmentPolicies, assignments } from "@/db/schema";
import { SEED_IDS } from "@/db/seed";
import { createTestDatabase } from "@/lib/testing/test-db";
import { ctxAs } from "@/lib/testing/actors";
import { createAccessPackage } from "@/lib/packages/create-access-package";
import { submitRequest } from "@/lib/requests/submit-request";
import { cancelRequest } from "@/lib/requests/cancel-request";
import { removeAssignment } from "@/lib/assignments/remove-assignment";
import { decideApproval } from "@/lib/approvals/decide-approval";
import { createPolicy } from "./create-policy";
import { replacePolicy } from "./replace-policy";
import { deletePolicy } from "./delete-policy";
import { auditCount, lastAudit, expectRefused } from "@/lib/testing/audit";

const U = SEED_IDS.users;
const A = SEED_IDS.agents;
const NO_SUCH = "00000000-0000-4000-8000-999999999999";
const priya = { "@odata.type": "#microsoft.graph.singleUser", userId: U.priya } as const;
const helen = { "@odata.type": "#microsoft.graph.singleUser", userId: U.helen } as const;

let database: Database;
const db = () => database.db;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});


const approvalBody = (approver: typeof priya | typeof helen, duration = "P30D") => ({
  displayName: "Agents with approval",
  allowedTargetScope: "allDirectoryAgentIdentities",
  requestorSettings: { enableTargetsToSelfAddAccess: true },
  requestApprovalSettings: { isApprovalRequiredForAdd: true, stages: [{ primaryApprovers: [approver] }] },
  expiration: { type: "afterDuration", duration },
});

async function freshPolicy(name: string) {
  const ines = await ctxAs(db(), U.ines);
  const pkg = await createAccessPackage({ ctx: ines, input: { catalogId: SEED_IDS.catalogs.agentPlatform, displayName: name } });
  const policy = await createPolicy({ ctx: ines, input: { accessPackageId: pkg.id, ...approvalBody(priya) } });
  return { pkg, policy, ines };
}

describe("replacePolicy", () => {
  it("replaces every setting (omitted ones take their defaults), keeps the package, and audits before and after", async () => {
    const { pkg, policy, ines } = await freshPolicy("Replace all");
    const replaced = await replacePolicy({
      ctx: ines,
      input: { policyId: policy.id, displayName: "Agents, no approval", allowedTargetScope: "allDirectoryAgentIdentities", expiration: { type: "afterDuration", duration: "PT8H" } },
    });
    expect(replaced).toMatchObject({ id: policy.id, accessPackageId: pkg.id, displayName: "Agents, no approval", expiration: { type: "afterDuration", duration: "PT8H" } });
    // PUT semantics: what was not sent is back to its default, not kept.
    expect(replaced.requestApprovalSettings).toMatchObject({ isApprovalRequiredForAdd: false, stages: [] });
    expect(replaced.requestorSettings.enableTargetsToSelfAddAccess).toBe(false);
    expect(await lastAudit(db())).toMatchObject({ action: "policy.replace", targetId: policy.id, before: { displayName: "Agents with approval" }, after: { displayName: "Agents, no approval" } });
  });

  it("refuses moving the policy to another package (400), bad settings (400) and unknown approvers (400), writing nothing", async () => {
    const { policy, ines } = await freshPolicy("Replace refusals");
    const n = await auditCount(db());
    const moved = await expectRefused(replacePolicy({ ctx: ines, input: { policyId: policy.id, accessPackageId: SEED_IDS.packages.directoryRead8h, ...approvalBody(priya) } }), "invalid");
    expect(moved.message).toMatch(/cannot move/);
    const noStages = await expectRefused(replacePolicy({ ctx: ines, input: { policyId: policy.id, ...approvalBody(priya), requestApprovalSettings: { isApprovalRequiredForAdd: true, stages: [] } } }), "invalid");
    expect(noStages.fieldErrors?.["requestApprovalSettings.stages"]).toBeTruthy();
    await expectRefused(replacePolicy({ ctx: ines, input: { policyId: policy.id, ...approvalBody({ ...priya, userId: NO_SUCH } as typeof priya) } }), "invalid");
    await expectRefused(replacePolicy({ ctx: ines, input: { policyId: "nope", ...approvalBody(priya) } }), "invalid");
    await expectRefused(replacePolicy({ ctx: ines, input: { policyId: NO_SUCH, ...approvalBody(priya) } }), "notFound");
    expect(await auditCount(db())).toBe(n);
    const [row] = await db().select().from(assignmentPolicies).where(eq(assignmentPolicies.id, policy.id));
    expect(row.displayName).toBe("Agents with approval");
  });

  it("refuses an owner of another catalog (403) and a name another policy of the package has (409)", async () => {
    const { pkg, policy, ines } = await freshPolicy("Replace guarded");
    await expectRefused(replacePolicy({ ctx: await ctxAs(db(), U.tomas), input: { policyId: policy.id, ...approvalBody(priya) } }), "forbidden");
    await createPolicy({ ctx: ines, input: { accessPackageId: pkg.id, ...approvalBody(priya), displayName: "Second" } });
    const dup = await expectRefused(replacePolicy({ ctx: ines, input: { policyId: policy.id, ...approvalBody(priya), displayName: "Second" } }), "conflict");
    expect(dup.message).toMatch(/already has a policy named "Second"/);
  });

  it("while a request waits, approval and expiration cannot change (409) but the name can; the request is then decided under its settings", async () => {
    const { pkg, policy, ines } = await freshPolicy("Replace with waiting request");
    const req = await submitRequest({ ctx: await ctxAs(db(), A.triage), input: { accessPackageId: pkg.id, justification: "triage" } });
    expect(req.state).toBe("pendingApproval");
    const e = await expectRefused(replacePolicy({ ctx: ines, input: { policyId: policy.id, ...approvalBody(helen) } }), "conflict");
    expect(e.message).toMatch(/1 open request/);
    await expectRefused(replacePolicy({ ctx: ines, input: { policyId: policy.id, ...approvalBody(priya, "P7D") } }), "conflict");
    const renamed = await replacePolicy({ ctx: ines, input: { policyId: policy.id, ...approvalBody(priya), displayName: "Renamed while waiting" } });
    expect(renamed.displayName).toBe("Renamed while waiting");
    const decided = await decideApproval({ ctx: await ctxAs(db(), U.priya), input: { requestId: req.id, decision: "Approve" } });
    expect(decided.state).toBe("delivered");
    const [a] = await db().select().from(assignments).where(eq(assignments.id, decided.assignmentId!));
    const days = (a.endDateTime!.getTime() - a.startDateTime.getTime()) / 86_400_000;
    expect(Math.round(days)).toBe(30);
    // With nothing open, the approver can change; the assignment keeps its dates.
    await replacePolicy({ ctx: ines, input: { policyId: policy.id, ...approvalBody(helen, "P7D") } });
    const [still] = await db().select().from(assignments).where(eq(assignments.id, a.id));
    expect(still.endDateTime).toEqual(a.endDateTime);
  });
});

describe("deletePolicy", () => {
  it("deletes an unused policy and audits it; a second delete is 404", async () => {
    const { policy, ines } = await freshPolicy("Delete unused");
    await deletePolicy({ ctx: ines, input: { policyId: policy.id } });
    expect(await db().select().from(assignmentPolicies).where(eq(assignmentPolicies.id, policy.id))).toHaveLength(0);
    expect(await lastAudit(db())).toMatchObject({ action: "policy.delete", targetId: policy.id, before: { displayName: "Agents with approval" } });
    await expectRefused(deletePolicy({ ctx: ines, input: { policyId: policy.id } }), "notFound");
  });

  it("refuses while a request is open, then while an assignment is active, then while history refers to it (409 each)", async () => {
    const { pkg, policy, ines } = await freshPolicy("Delete in use");
    const req = await submitRequest({ ctx: await ctxAs(db(), A.kbCurator), input: { accessPackageId: pkg.id, justification: "kb" } });
    const open = await expectRefused(deletePolicy({ ctx: ines, input: { policyId: policy.id } }), "conflict");
    expect(open.message).toMatch(/1 open request/);
    expect(await lastAudit(db())).toMatchObject({ action: "policy.delete", outcome: "failure" });
    await cancelRequest({ ctx: await ctxAs(db(), A.kbCurator), input: { requestId: req.id } });
    const assigned = await submitRequest({ ctx: ines, input: { requestType: "adminAdd", accessPackageId: pkg.id, targetId: A.kbCurator } });
    const active = await expectRefused(deletePolicy({ ctx: ines, input: { policyId: policy.id } }), "conflict");
    expect(active.message).toMatch(/remove its 1 active assignment first/);
    await removeAssignment({ ctx: ines, input: { assignmentId: assigned.assignmentId! } });
    const history = await expectRefused(deletePolicy({ ctx: ines, input: { policyId: policy.id } }), "conflict");
    expect(history.message).toMatch(/kept as history/);
    await expectRefused(deletePolicy({ ctx: await ctxAs(db(), U.maya), input: { policyId: policy.id } }), "forbidden");
    expect(await db().select().from(assignmentPolicies).where(eq(assignmentPolicies.id, policy.id))).toHaveLength(1);
  });
});
