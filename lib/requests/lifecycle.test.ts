import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, count, eq } from "drizzle-orm";
import type { Database } from "@/db";
import { assignmentRequests, assignments, auditEvents, catalogs, grants, resourceRoles, resources } from "@/db/schema";
import { SEED_IDS } from "@/db/seed";
import { createTestDatabase } from "@/lib/testing/test-db";
import { ctxAs } from "@/lib/testing/actors";
import { systemCtx } from "@/lib/auth/actor";
import { DomainError } from "@/lib/errors";
import { createCatalog } from "@/lib/catalogs/create-catalog";
import { addResourceToCatalog } from "@/lib/catalogs/add-resource";
import { createAccessPackage } from "@/lib/packages/create-access-package";
import { createPolicy } from "@/lib/policies/create-policy";
import { submitRequest } from "./submit-request";
import { cancelRequest } from "./cancel-request";
import { decideApproval } from "@/lib/approvals/decide-approval";
import { removeAssignment } from "@/lib/assignments/remove-assignment";
import { effectiveGrants } from "@/lib/assignments/effective-grants";
import { expireAssignments } from "@/lib/lifecycle/expire-assignments";

const U = SEED_IDS.users;
const A = SEED_IDS.agents;
const P = SEED_IDS.packages;
const POL = SEED_IDS.policies;

let database: Database;
const db = () => database.db;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

async function auditCount(): Promise<number> {
  const [r] = await db().select({ n: count() }).from(auditEvents);
  return r.n;
}
async function lastAudit(n = 1) {
  return db().select().from(auditEvents).orderBy(auditEvents.id).then((rows) => rows.slice(-n));
}
async function rejects(p: Promise<unknown>, code: DomainError["code"], status: number): Promise<DomainError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e, "expected the call to be refused").toBeInstanceOf(DomainError);
  expect((e as DomainError).code).toBe(code);
  expect((e as DomainError).status).toBe(status);
  return e as DomainError;
}
/** Every event has the fields an auditor needs, with UTC time. */
function expectWellFormed(e: typeof auditEvents.$inferSelect) {
  expect(e.at).toBeInstanceOf(Date);
  expect(Number.isNaN(e.at.getTime())).toBe(false);
  expect(e.action).toMatch(/^[a-zA-Z]+\.[a-zA-Z]+$/);
  expect(e.targetId).toBeTruthy();
  expect(e.actorType).toBeTruthy();
}

describe("admin builds a catalog, package and policy", () => {
  it("creates each with exactly one audit event, and refuses non-admins", async () => {
    const ines = await ctxAs(db(), U.ines);
    const before = await auditCount();
    const catalog = await createCatalog({ ctx: ines, input: { displayName: "Research Agents", description: "Access for research agents" } });
    expect(await auditCount()).toBe(before + 1);
    const [ev] = await lastAudit();
    expect(ev).toMatchObject({ action: "catalog.create", actorType: "user", actorId: U.ines, targetId: catalog.id, outcome: "success" });
    expectWellFormed(ev);

    const res = await addResourceToCatalog({ ctx: ines, input: { catalogId: catalog.id, originSystem: "AadGroup", originId: SEED_IDS.groups.engineeringAll } });
    expect(res.roles.map((r) => r.originId).sort()).toEqual(["Member", "Owner"]);
    expect(await auditCount()).toBe(before + 2);
    await rejects(addResourceToCatalog({ ctx: ines, input: { catalogId: catalog.id, originSystem: "AadGroup", originId: SEED_IDS.groups.engineeringAll } }), "conflict", 409);

    const member = res.roles.find((r) => r.originId === "Member")!;
    const pkg = await createAccessPackage({ ctx: ines, input: { catalogId: catalog.id, displayName: "Research Engineering", resourceRoleIds: [member.id] } });
    const policy = await createPolicy({
      ctx: ines,
      input: {
        accessPackageId: pkg.id,
        displayName: "Agents with Priya's approval",
        allowedTargetScope: "allDirectoryAgentIdentities",
        requestorSettings: { enableTargetsToSelfAddAccess: true, enableOnBehalfRequestorsToAddAccess: true, onBehalfRequestors: [{ "@odata.type": "#microsoft.graph.targetAgentIdentitySponsorsOrOwners" }] },
        requestApprovalSettings: { isApprovalRequiredForAdd: true, stages: [{ primaryApprovers: [{ "@odata.type": "#microsoft.graph.singleUser", userId: U.priya }] }] },
        expiration: { type: "afterDuration", duration: "P30D" },
      },
    });
    expect(policy.requestApprovalSettings.stages).toHaveLength(1);

    const maya = await ctxAs(db(), U.maya);
    const n = await auditCount();
    await rejects(createCatalog({ ctx: maya, input: { displayName: "Shadow IT" } }), "forbidden", 403);
    await rejects(createAccessPackage({ ctx: maya, input: { catalogId: catalog.id, displayName: "Nope" } }), "forbidden", 403);
    // Refusals are audited as failures; nothing else is written.
    const refusals = await lastAudit(2);
    expect(refusals.every((e) => e.outcome === "failure" && e.actorId === U.maya)).toBe(true);
    expect(await auditCount()).toBe(n + 2);
    const [{ n: catalogsNamed }] = await db().select({ n: count() }).from(catalogs).where(eq(catalogs.displayName, "Shadow IT"));
    expect(catalogsNamed).toBe(0);
  });

  it("rejects invalid input with 400 and writes nothing", async () => {
    const ines = await ctxAs(db(), U.ines);
    const n = await auditCount();
    const e = await rejects(createCatalog({ ctx: ines, input: { displayName: "" } }), "invalid", 400);
    expect(e.fieldErrors?.displayName?.[0]).toMatch(/name/);
    await rejects(
      createPolicy({ ctx: ines, input: { accessPackageId: P.supportTicketTriage, displayName: "Broken", allowedTargetScope: "allDirectoryAgentIdentities", requestApprovalSettings: { isApprovalRequiredForAdd: true, stages: [] } } }),
      "invalid",
      400,
    );
    await rejects(createAccessPackage({ ctx: ines, input: { catalogId: SEED_IDS.catalogs.agentPlatform, displayName: "X", resourceRoleIds: ["00000000-0000-4000-8000-999999999999"] } }), "invalid", 400);
    const ghost = await rejects(
      createPolicy({
        ctx: ines,
        input: {
          accessPackageId: P.supportTicketTriage,
          displayName: "Ghost approver",
          allowedTargetScope: "allDirectoryAgentIdentities",
          requestApprovalSettings: { isApprovalRequiredForAdd: true, stages: [{ primaryApprovers: [{ "@odata.type": "#microsoft.graph.singleUser", userId: "00000000-0000-4000-8000-999999999999" }] }] },
        },
      }),
      "invalid",
      400,
    );
    expect(Object.keys(ghost.fieldErrors ?? {})).toEqual(["requestApprovalSettings.stages.0.primaryApprovers.0.userId"]);
    expect(await auditCount()).toBe(n);
  });

  it("packages of an unpublished catalog cannot be requested, though an administrator may still assign them", async () => {
    const ines = await ctxAs(db(), U.ines);
    const draft = await createCatalog({ ctx: ines, input: { displayName: "Drafts", state: "unpublished" } });
    const pkg = await createAccessPackage({ ctx: ines, input: { catalogId: draft.id, displayName: "Draft package" } });
    await createPolicy({ ctx: ines, input: { accessPackageId: pkg.id, displayName: "Agents", allowedTargetScope: "allDirectoryAgentIdentities", requestorSettings: { enableTargetsToSelfAddAccess: true } } });
    const agent = await ctxAs(db(), A.onCall);
    const e = await rejects(submitRequest({ ctx: agent, input: { accessPackageId: pkg.id } }), "forbidden", 403);
    expect(e.message).toMatch(/not published/);
    expect((await submitRequest({ ctx: ines, input: { requestType: "adminAdd", accessPackageId: pkg.id, targetId: A.onCall } })).state).toBe("delivered");
  });
});

describe("pathway A: an agent requests for itself", () => {
  it("auto-approved package is delivered at once with grants, then expires and the sweep is idempotent", async () => {
    let now = new Date("2026-11-22T09:00:00Z");
    const clock = () => now;
    const agent = await ctxAs(db(), A.expenseAuditor, clock);
    const before = await auditCount();
    const req = await submitRequest({ ctx: agent, input: { requestType: "userAdd", accessPackageId: P.directoryRead8h, assignmentPolicyId: POL.directoryRead8h, justification: "Nightly directory reconciliation" } });
    expect(req.state).toBe("delivered");
    expect(req.requestType).toBe("userAdd");
    const events = await lastAudit(2);
    expect(await auditCount()).toBe(before + 2);
    expect(events.map((e) => e.action)).toEqual(["request.create", "assignment.deliver"]);
    expect(events[0]).toMatchObject({ actorType: "agentIdentity", actorId: A.expenseAuditor, onBehalfOfId: null, requestId: req.id });
    events.forEach(expectWellFormed);

    const [a] = await db().select().from(assignments).where(eq(assignments.id, req.assignmentId!));
    expect(a.state).toBe("delivered");
    expect(a.endDateTime!.getTime() - a.startDateTime.getTime()).toBe(8 * 3600_000);
    const held = await effectiveGrants(db(), [A.expenseAuditor], now);
    expect(held.map((g) => g.roleName).sort()).toEqual(["Directory Readers", "Directory.Read.All (application)"].sort());

    // Past its end the assignment is inactive for every read at once, before any sweep.
    now = new Date("2026-11-22T17:00:01Z");
    expect(await effectiveGrants(db(), [A.expenseAuditor], now)).toEqual([]);

    const n = await auditCount();
    const first = await expireAssignments({ ctx: systemCtx(db(), clock) });
    expect(first.expired).toBeGreaterThanOrEqual(1);
    const [expired] = await db().select().from(assignments).where(eq(assignments.id, a.id));
    expect(expired.state).toBe("expired");
    expect(await db().select().from(grants).where(eq(grants.assignmentId, a.id))).toEqual([]);
    const expiryEvents = (await lastAudit(first.expired)).filter((e) => e.targetId === a.id);
    expect(expiryEvents).toHaveLength(1);
    expect(expiryEvents[0]).toMatchObject({ action: "assignment.expire", actorType: "system", actorId: null, onBehalfOfId: A.expenseAuditor });
    expect(await auditCount()).toBe(n + first.expired);

    const snapshot = { audit: await auditCount(), grants: await db().select({ n: count() }).from(grants), states: await db().select({ id: assignments.id, s: assignments.state }).from(assignments).orderBy(assignments.id) };
    const second = await expireAssignments({ ctx: systemCtx(db(), clock) });
    expect(second).toEqual({ expired: 0, grantsRemoved: 0 });
    expect({ audit: await auditCount(), grants: await db().select({ n: count() }).from(grants), states: await db().select({ id: assignments.id, s: assignments.state }).from(assignments).orderBy(assignments.id) }).toEqual(snapshot);
  });

  it("a grant another active assignment also delivers survives the expiry of one of them", async () => {
    let now = new Date("2026-11-23T09:00:00Z");
    const clock = () => now;
    const ines = await ctxAs(db(), U.ines, clock);
    const agent = await ctxAs(db(), A.releaseNotes, clock);
    const [dirReaders] = await db()
      .select({ id: resourceRoles.id })
      .from(resourceRoles)
      .innerJoin(resources, eq(resources.id, resourceRoles.resourceId))
      .where(and(eq(resources.catalogId, SEED_IDS.catalogs.agentPlatform), eq(resources.originSystem, "DirectoryRole")));
    const pkg = await createAccessPackage({ ctx: ines, input: { catalogId: SEED_IDS.catalogs.agentPlatform, displayName: "Directory Readers (long)", resourceRoleIds: [dirReaders.id] } });
    await createPolicy({ ctx: ines, input: { accessPackageId: pkg.id, displayName: "Admin only", allowedTargetScope: "notSpecified" } });
    const long = await submitRequest({ ctx: ines, input: { requestType: "adminAdd", accessPackageId: pkg.id, targetId: A.releaseNotes } });
    expect(long.state).toBe("delivered");
    const short = await submitRequest({ ctx: agent, input: { accessPackageId: P.directoryRead8h } });
    expect(short.state).toBe("delivered");
    now = new Date("2026-11-23T18:00:00Z");
    await expireAssignments({ ctx: systemCtx(db(), clock) });
    const names = (await effectiveGrants(db(), [A.releaseNotes], now)).map((g) => g.roleName);
    expect(names).toEqual(["Directory Readers"]);
  });
});

describe("pathway B: a sponsor requests on the agent's behalf", () => {
  it("named approver approves from the inbox and the agent gets the grants", async () => {
    const maya = await ctxAs(db(), U.maya);
    const priya = await ctxAs(db(), U.priya);
    const before = await auditCount();
    const req = await submitRequest({ ctx: maya, input: { accessPackageId: P.supportTicketTriage, targetId: A.triage, justification: "Triage the support queue overnight" } });
    expect(req).toMatchObject({ state: "pendingApproval", requestType: "onBehalfAdd", requestorId: U.maya, targetId: A.triage });
    const [created] = await lastAudit();
    expect(created).toMatchObject({ action: "request.create", actorId: U.maya, onBehalfOfId: A.triage });
    expect(await auditCount()).toBe(before + 1);

    // The sponsor who asked can never approve.
    await rejects(decideApproval({ ctx: maya, input: { requestId: req.id, decision: "Approve" } }), "forbidden", 403);
    // A second open request for the same package and target is refused.
    await rejects(submitRequest({ ctx: maya, input: { accessPackageId: P.supportTicketTriage, targetId: A.triage, justification: "again" } }), "conflict", 409);

    const n = await auditCount();
    const done = await decideApproval({ ctx: priya, input: { requestId: req.id, decision: "Approve", justification: "Scoped to tier 2" } });
    expect(done.state).toBe("delivered");
    const events = await lastAudit(2);
    expect(await auditCount()).toBe(n + 2);
    expect(events.map((e) => e.action)).toEqual(["approval.approve", "assignment.deliver"]);
    expect(events[0]).toMatchObject({ actorId: U.priya, onBehalfOfId: A.triage, requestId: req.id });
    const names = (await effectiveGrants(db(), [A.triage], new Date())).map((g) => g.resourceName);
    expect(names).toContain("Support Tier 2");

    // Deciding again is a conflict.
    await rejects(decideApproval({ ctx: priya, input: { requestId: req.id, decision: "Deny" } }), "conflict", 409);
  });

  it("sponsor-approved package: the asking sponsor is excluded, another sponsor approves", async () => {
    const leo = await ctxAs(db(), U.leo);
    const aisha = await ctxAs(db(), U.aisha);
    const req = await submitRequest({ ctx: leo, input: { accessPackageId: P.financeReportingAgent, targetId: A.invoiceReconciliation, justification: "Month-end close" } });
    expect(req.state).toBe("pendingApproval");
    await rejects(decideApproval({ ctx: leo, input: { requestId: req.id, decision: "Approve" } }), "forbidden", 403);
    const done = await decideApproval({ ctx: aisha, input: { requestId: req.id, decision: "Approve" } });
    expect(done.state).toBe("delivered");
  });

  it("an approver denies; nothing is delivered", async () => {
    const maya = await ctxAs(db(), U.maya);
    const priya = await ctxAs(db(), U.priya);
    const req = await submitRequest({ ctx: maya, input: { accessPackageId: P.supportTicketTriage, targetId: A.kbCurator, justification: "Curate answers" } });
    const denied = await decideApproval({ ctx: priya, input: { requestId: req.id, decision: "Deny", justification: "Use the read-only package" } });
    expect(denied.state).toBe("denied");
    expect(denied.assignmentId).toBeNull();
    expect(await effectiveGrants(db(), [A.kbCurator], new Date())).toEqual([]);
    const [ev] = await lastAudit();
    expect(ev).toMatchObject({ action: "approval.deny", actorId: U.priya });
  });

  it("refuses requests for an agent the human neither sponsors nor owns (403), before revealing anything", async () => {
    const maya = await ctxAs(db(), U.maya);
    const n = await auditCount();
    const e = await rejects(submitRequest({ ctx: maya, input: { accessPackageId: P.supportTicketTriage, targetId: A.expenseAuditor, justification: "x" } }), "forbidden", 403);
    expect(e.message).toMatch(/sponsor or own/);
    const [{ n: reqs }] = await db().select({ n: count() }).from(assignmentRequests).where(and(eq(assignmentRequests.targetId, A.expenseAuditor), eq(assignmentRequests.requestorId, U.maya)));
    expect(reqs).toBe(0);
    const [ev] = await lastAudit();
    expect(await auditCount()).toBe(n + 1);
    expect(ev).toMatchObject({ action: "request.create", outcome: "failure", actorId: U.maya, onBehalfOfId: A.expenseAuditor });
  });

  it("a sponsor who is the only eligible approver still cannot approve their own on-behalf request; the fallback approver can", async () => {
    const maya = await ctxAs(db(), U.maya);
    const tomas = await ctxAs(db(), U.tomas);
    // Knowledge Base Curator: Maya is sponsor and owner, so the sponsors-or-owners stage falls back to Tomas.
    const req = await submitRequest({ ctx: maya, input: { accessPackageId: P.financeReportingAgent, targetId: A.kbCurator, justification: "Summaries of finance FAQs" } });
    await rejects(decideApproval({ ctx: maya, input: { requestId: req.id, decision: "Approve" } }), "forbidden", 403);
    expect((await decideApproval({ ctx: tomas, input: { requestId: req.id, decision: "Approve" } })).state).toBe("delivered");
  });

  it("the requestor can cancel while pending; an approver cannot then decide", async () => {
    const aisha = await ctxAs(db(), U.aisha);
    const priya = await ctxAs(db(), U.priya);
    const req = await submitRequest({ ctx: aisha, input: { accessPackageId: P.supportTicketTriage, targetId: A.onCall, justification: "Pager triage" } });
    await rejects(cancelRequest({ ctx: priya, input: { requestId: req.id } }), "forbidden", 403);
    expect((await cancelRequest({ ctx: aisha, input: { requestId: req.id } })).state).toBe("canceled");
    await rejects(decideApproval({ ctx: priya, input: { requestId: req.id, decision: "Approve" } }), "conflict", 409);
  });
});

describe("people request for themselves", () => {
  it("the requestor's manager approves; the requestor cannot approve their own request; a target outside the scope is refused", async () => {
    const sam = await ctxAs(db(), U.sam);
    const tomas = await ctxAs(db(), U.tomas);
    await rejects(submitRequest({ ctx: sam, input: { accessPackageId: P.supportTicketTriage, justification: "I want it" } }), "forbidden", 403);
    const missing = await rejects(submitRequest({ ctx: sam, input: { accessPackageId: P.projectPhoenixMember, justification: "Joining Phoenix" } }), "invalid", 400);
    expect(Object.keys(missing.fieldErrors ?? {}).some((k) => k.startsWith("answers."))).toBe(true);
    const questions = await db().query.assignmentPolicies.findFirst({ where: (p, { eq: e }) => e(p.id, POL.projectPhoenixMember) });
    const q = (questions!.questions as { id: string }[])[0];
    const req = await submitRequest({ ctx: sam, input: { accessPackageId: P.projectPhoenixMember, justification: "Joining Phoenix", answers: [{ questionId: q.id, value: "Data migration" }] } });
    expect(req.state).toBe("pendingApproval");
    await rejects(decideApproval({ ctx: sam, input: { requestId: req.id, decision: "Approve" } }), "forbidden", 403);
    expect((await decideApproval({ ctx: tomas, input: { requestId: req.id, decision: "Approve" } })).state).toBe("delivered");
  });
});

describe("pathway C: an administrator assigns directly", () => {
  it("adminAdd needs no approval; adminRemove takes the grants away; non-managers are refused", async () => {
    const ines = await ctxAs(db(), U.ines);
    const maya = await ctxAs(db(), U.maya);
    await rejects(submitRequest({ ctx: maya, input: { requestType: "adminAdd", accessPackageId: P.supportTicketTriage, targetId: A.escalationSummarizer } }), "forbidden", 403);
    const req = await submitRequest({ ctx: ines, input: { requestType: "adminAdd", accessPackageId: P.supportTicketTriage, targetId: A.escalationSummarizer } });
    expect(req.state).toBe("delivered");
    expect(req.requestType).toBe("adminAdd");
    expect((await effectiveGrants(db(), [A.escalationSummarizer], new Date())).length).toBeGreaterThan(0);
    await rejects(submitRequest({ ctx: ines, input: { requestType: "adminAdd", accessPackageId: P.supportTicketTriage, targetId: A.escalationSummarizer } }), "conflict", 409);

    const n = await auditCount();
    const removal = await removeAssignment({ ctx: ines, input: { assignmentId: req.assignmentId! } });
    expect(removal).toMatchObject({ requestType: "adminRemove", state: "delivered" });
    expect(await auditCount()).toBe(n + 2);
    expect((await lastAudit(1))[0]).toMatchObject({ action: "assignment.remove", targetId: req.assignmentId });
    expect(await effectiveGrants(db(), [A.escalationSummarizer], new Date())).toEqual([]);
    const [a] = await db().select().from(assignments).where(eq(assignments.id, req.assignmentId!));
    expect(a.state).toBe("removed");
  });

  it("delivers only what the target can hold: an app role cannot go to an agent (partiallyDelivered)", async () => {
    const ines = await ctxAs(db(), U.ines);
    const roles = await db()
      .select({ id: resourceRoles.id, name: resourceRoles.displayName, origin: resources.originSystem })
      .from(resourceRoles)
      .innerJoin(resources, eq(resources.id, resourceRoles.resourceId))
      .where(eq(resources.catalogId, SEED_IDS.catalogs.agentPlatform));
    const appRole = roles.find((r) => r.origin === "AadApplication")!;
    const group = roles.find((r) => r.origin === "AadGroup" && r.name.includes("Member"))!;
    const pkg = await createAccessPackage({ ctx: ines, input: { catalogId: SEED_IDS.catalogs.agentPlatform, displayName: "Mixed roles", resourceRoleIds: [appRole.id, group.id] } });
    await createPolicy({ ctx: ines, input: { accessPackageId: pkg.id, displayName: "Direct", allowedTargetScope: "notSpecified" } });
    const req = await submitRequest({ ctx: ines, input: { requestType: "adminAdd", accessPackageId: pkg.id, targetId: A.onCall } });
    expect(req.state).toBe("partiallyDelivered");
    expect(req.status).toContain(appRole.name);
  });
});

describe("invalid input", () => {
  it("a request without accessPackageId is a 400 and writes nothing", async () => {
    const agent = await ctxAs(db(), A.onCall);
    const [{ n: reqsBefore }] = await db().select({ n: count() }).from(assignmentRequests);
    const n = await auditCount();
    const e = await rejects(submitRequest({ ctx: agent, input: { requestType: "userAdd", justification: "x" } }), "invalid", 400);
    expect(e.fieldErrors).toHaveProperty("accessPackageId");
    await rejects(submitRequest({ ctx: agent, input: { accessPackageId: P.directoryRead8h, requestType: "bogus" } }), "invalid", 400);
    await rejects(submitRequest({ ctx: agent, input: { accessPackageId: P.directoryRead8h, schedule: { startDateTime: "not a date" } } }), "invalid", 400);
    const [{ n: reqsAfter }] = await db().select({ n: count() }).from(assignmentRequests);
    expect(reqsAfter).toBe(reqsBefore);
    expect(await auditCount()).toBe(n);
  });
});
