import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, count, eq, inArray } from "drizzle-orm";
import type { Database } from "@/db";
import { approvalStages, assignmentRequests, assignments, auditEvents, grants, resourceRoles, resources } from "@/db/schema";
import { SEED_IDS } from "@/db/seed";
import { createTestDatabase } from "@/lib/testing/test-db";
import { ctxAs } from "@/lib/testing/actors";
import type { Ctx } from "@/lib/auth/actor";
import { DomainError } from "@/lib/errors";
import { createAccessPackage } from "@/lib/packages/create-access-package";
import { createPolicy } from "@/lib/policies/create-policy";
import { submitRequest } from "@/lib/requests/submit-request";
import { cancelRequest } from "@/lib/requests/cancel-request";
import { removeAssignment } from "@/lib/assignments/remove-assignment";
import { decideApproval } from "./decide-approval";

const REPEATS = Number(process.env.CONCURRENCY_REPEATS ?? 100);
const CALLS = 50;
const U = SEED_IDS.users;

let database: Database;
let pkgId: string;
let ines: Ctx, maya: Ctx, priya: Ctx, tomas: Ctx;

beforeAll(async () => {
  database = await createTestDatabase({ poolSize: 20 });
  [ines, maya, priya, tomas] = await Promise.all([U.ines, U.maya, U.priya, U.tomas].map((id) => ctxAs(database.db, id)));
  const pkg = await createAccessPackage({ ctx: ines, input: { catalogId: SEED_IDS.catalogs.agentPlatform, displayName: "Race track", resourceRoleIds: [] } });
  pkgId = pkg.id;
  await createPolicy({
    ctx: ines,
    input: {
      accessPackageId: pkg.id,
      displayName: "Two approvers",
      allowedTargetScope: "allDirectoryAgentIdentities",
      requestorSettings: { enableOnBehalfRequestorsToAddAccess: true, onBehalfRequestors: [{ "@odata.type": "#microsoft.graph.targetAgentIdentitySponsorsOrOwners" }] },
      requestApprovalSettings: {
        isApprovalRequiredForAdd: true,
        stages: [{ primaryApprovers: [{ "@odata.type": "#microsoft.graph.singleUser", userId: U.priya }, { "@odata.type": "#microsoft.graph.singleUser", userId: U.tomas }] }],
      },
    },
  });
}, 120_000);
afterAll(async () => {
  await database?.close();
});

type Outcome = { ok: true } | { ok: false; code: string };
const settle = (p: Promise<unknown>): Promise<Outcome> =>
  p.then(
    () => ({ ok: true as const }),
    (e: unknown) => {
      if (e instanceof DomainError) return { ok: false as const, code: e.code };
      throw e;
    },
  );

describe(`concurrency on ${process.env.TEST_DATABASE_URL ? "PostgreSQL" : "PGlite"}`, () => {
  it(`${CALLS} concurrent approve/deny/cancel calls on one pending stage, ${REPEATS} times: exactly one decision, at most one assignment, the rest conflict`, async () => {
    for (let round = 0; round < REPEATS; round++) {
      const req = await submitRequest({ ctx: maya, input: { accessPackageId: pkgId, targetId: SEED_IDS.agents.triage, justification: `round ${round}` } });
      expect(req.state).toBe("pendingApproval");
      const calls = Array.from({ length: CALLS }, (_, i) => {
        const kind = i % 5;
        if (kind === 4) return settle(cancelRequest({ ctx: maya, input: { requestId: req.id } }));
        const who = kind % 2 === 0 ? priya : tomas;
        return settle(decideApproval({ ctx: who, input: { requestId: req.id, decision: kind < 2 ? "Approve" : "Deny", justification: `call ${i}` } }));
      });
      const outcomes = await Promise.all(calls);
      const winners = outcomes.filter((o) => o.ok);
      expect(winners, `round ${round}`).toHaveLength(1);
      expect(outcomes.filter((o) => !o.ok).every((o) => !o.ok && o.code === "conflict"), `round ${round}: losers get conflict`).toBe(true);

      const [final] = await database.db.select().from(assignmentRequests).where(eq(assignmentRequests.id, req.id));
      expect(["delivered", "denied", "canceled"]).toContain(final.state);
      const stages = await database.db.select().from(approvalStages).where(eq(approvalStages.requestId, req.id));
      const decided = stages.filter((s) => s.state === "approved" || s.state === "denied");
      expect(decided.length).toBe(final.state === "canceled" ? 0 : 1);
      const [{ n: decisionEvents }] = await database.db
        .select({ n: count() })
        .from(auditEvents)
        .where(and(eq(auditEvents.requestId, req.id), eq(auditEvents.outcome, "success"), inArray(auditEvents.action, ["approval.approve", "approval.deny", "request.cancel"])));
      expect(decisionEvents).toBe(1);
      const live = await database.db.select().from(assignments).where(and(eq(assignments.targetId, SEED_IDS.agents.triage), eq(assignments.accessPackageId, pkgId), inArray(assignments.state, ["delivered", "delivering", "partiallyDelivered", "deliveryFailed"])));
      expect(live.length).toBe(final.state === "delivered" ? 1 : 0);
      if (live[0]) await removeAssignment({ ctx: ines, input: { assignmentId: live[0].id } });
    }
  }, 600_000);

  it(`${CALLS} concurrent identical submissions create exactly one request`, async () => {
    const outcomes = await Promise.all(
      Array.from({ length: CALLS }, () => settle(submitRequest({ ctx: maya, input: { accessPackageId: pkgId, targetId: SEED_IDS.agents.escalationSummarizer, justification: "same" } }))),
    );
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
    expect(outcomes.filter((o) => !o.ok).every((o) => !o.ok && o.code === "conflict")).toBe(true);
    const [{ n }] = await database.db
      .select({ n: count() })
      .from(assignmentRequests)
      .where(and(eq(assignmentRequests.targetId, SEED_IDS.agents.escalationSummarizer), eq(assignmentRequests.accessPackageId, pkgId)));
    expect(n).toBe(1);
  }, 120_000);
  it(`${CALLS} concurrent self-requests by an agent for a package delivered at once: one delivery, one assignment, its grants and both audit events; the rest conflict and write nothing else`, async () => {
    const agentId = SEED_IDS.agents.kbCurator;
    const agent = await ctxAs(database.db, agentId);
    const [role] = await database.db
      .select({ id: resourceRoles.id })
      .from(resourceRoles)
      .innerJoin(resources, eq(resources.id, resourceRoles.resourceId))
      .where(and(eq(resources.catalogId, SEED_IDS.catalogs.agentPlatform), eq(resourceRoles.assignableToServicePrincipals, true)))
      .limit(1);
    const pkg = await createAccessPackage({ ctx: ines, input: { catalogId: SEED_IDS.catalogs.agentPlatform, displayName: "Race track, no approval", resourceRoleIds: [role.id] } });
    await createPolicy({
      ctx: ines,
      input: {
        accessPackageId: pkg.id,
        displayName: "Agents, no approval",
        allowedTargetScope: "allDirectoryAgentIdentities",
        requestorSettings: { enableTargetsToSelfAddAccess: true },
        requestApprovalSettings: { isApprovalRequiredForAdd: false, stages: [] },
      },
    });
    const outcomes = await Promise.all(Array.from({ length: CALLS }, () => settle(submitRequest({ ctx: agent, input: { accessPackageId: pkg.id } }))));
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
    expect(outcomes.filter((o) => !o.ok).every((o) => !o.ok && o.code === "conflict")).toBe(true);

    const reqs = await database.db.select().from(assignmentRequests).where(and(eq(assignmentRequests.targetId, agentId), eq(assignmentRequests.accessPackageId, pkg.id)));
    expect(reqs.map((r) => r.state)).toEqual(["delivered"]);
    const live = await database.db.select().from(assignments).where(and(eq(assignments.targetId, agentId), eq(assignments.accessPackageId, pkg.id)));
    expect(live.map((a) => [a.id, a.state])).toEqual([[reqs[0].assignmentId, "delivered"]]);
    expect(await database.db.select({ role: grants.resourceRoleId }).from(grants).where(eq(grants.assignmentId, live[0].id))).toEqual([{ role: role.id }]);
    const events = await database.db
      .select({ action: auditEvents.action, outcome: auditEvents.outcome, requestId: auditEvents.requestId, targetId: auditEvents.targetId })
      .from(auditEvents)
      .where(and(eq(auditEvents.actorId, agentId), inArray(auditEvents.action, ["request.create", "assignment.deliver"]), eq(auditEvents.outcome, "success")));
    expect(events.filter((e) => e.requestId === reqs[0].id).sort((a, b) => a.action.localeCompare(b.action))).toEqual([
      { action: "assignment.deliver", outcome: "success", requestId: reqs[0].id, targetId: live[0].id },
      { action: "request.create", outcome: "success", requestId: reqs[0].id, targetId: reqs[0].id },
    ]);
    // Only the delivered request's two events succeeded; every refused call left a failure event and nothing else.
    expect(events.filter((e) => e.requestId !== reqs[0].id)).toEqual([]);
  }, 120_000);
});