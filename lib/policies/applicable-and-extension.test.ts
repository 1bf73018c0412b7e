import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Database } from "@/db";
import { assignments, principals } from "@/db/schema";
import { SEED_IDS } from "@/db/seed";
import { createTestDatabase } from "@/lib/testing/test-db";
import { ctxAs } from "@/lib/testing/actors";
import { submitRequest } from "@/lib/requests/submit-request";
import { decideApproval } from "@/lib/approvals/decide-approval";
import { createAccessPackage } from "@/lib/packages/create-access-package";
import { createPolicy } from "@/lib/policies/create-policy";
import { incompatibleAccessPackages } from "@/db/schema";
import { getApplicablePolicyRequirements, type ApplicableResult } from "./get-applicable-policy-requirements";

const U = SEED_IDS.users;
const A = SEED_IDS.agents;
const P = SEED_IDS.packages;
let database: Database;
let now = new Date("2026-12-10T09:00:00Z");
const clock = () => now;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

const codes = (r: ApplicableResult) => r.notApplicable.flatMap((n) => n.reasons.map((x) => x.code));

describe("applicable policy requirements and why not", () => {
  it("lists what an applicable policy needs", async () => {
    const maya = await ctxAs(database.db, U.maya, clock);
    const r = await getApplicablePolicyRequirements({ ctx: maya, input: { accessPackageId: P.supportTicketTriage, targetId: A.triage } });
    expect(r.notApplicable).toEqual([]);
    expect(r.value).toHaveLength(1);
    expect(r.value[0]).toMatchObject({ policyId: SEED_IDS.policies.supportTicketTriage, isApprovalRequiredForAdd: true, isRequestorJustificationRequired: true, approvalStages: 1, schedule: { expiration: { type: "afterDuration", duration: "P90D" } } });
    const sam = await ctxAs(database.db, U.sam, clock);
    const phoenix = await getApplicablePolicyRequirements({ ctx: sam, input: { accessPackageId: P.projectPhoenixMember } });
    expect(phoenix.value[0].questions.map((q) => q.id)).toEqual(["workstream"]);
  });

  const cases: { name: string; actor: keyof typeof U | keyof typeof A; target?: string; pkg: string; setup?: () => Promise<void>; code: string }[] = [
    { name: "outside the scope (a person asking for an agents-only package)", actor: "sam", pkg: P.supportTicketTriage, code: "outsideScope" },
    { name: "self requests not allowed (break-glass is on-behalf only)", actor: "triage", pkg: P.productionBreakGlass, code: "selfRequestNotAllowed" },
    { name: "requester is not a sponsor or owner", actor: "maya", target: A.expenseAuditor, pkg: P.supportTicketTriage, code: "notSponsorOrOwner" },
    { name: "agent disabled", actor: "leo", target: A.forecastModeler, pkg: P.supportTicketTriage, code: "targetDisabled" },
    {
      name: "open request exists",
      actor: "maya",
      target: A.escalationSummarizer,
      pkg: P.supportTicketTriage,
      setup: async () => void (await submitRequest({ ctx: await ctxAs(database.db, U.maya, clock), input: { accessPackageId: P.supportTicketTriage, targetId: A.escalationSummarizer, justification: "j" } })),
      code: "openRequestExists",
    },
    {
      name: "already assigned",
      actor: "aisha",
      target: A.releaseNotes,
      pkg: P.directoryRead8h,
      setup: async () => void (await submitRequest({ ctx: await ctxAs(database.db, U.aisha, clock), input: { accessPackageId: P.directoryRead8h, targetId: A.releaseNotes } })),
      code: "alreadyAssigned",
    },
    {
      name: "separation-of-duties conflict",
      actor: "aisha",
      target: A.onCall,
      pkg: P.productionBreakGlass,
      setup: async () => void (await submitRequest({ ctx: await ctxAs(database.db, U.aisha, clock), input: { accessPackageId: P.directoryRead8h, targetId: A.onCall } })),
      code: "separationOfDutiesConflict",
    },
  ];
  for (const c of cases) {
    it(`why not: ${c.name}`, async () => {
      await c.setup?.();
      const id = (U as Record<string, string>)[c.actor] ?? (A as Record<string, string>)[c.actor];
      const ctx = await ctxAs(database.db, id, clock);
      const r = await getApplicablePolicyRequirements({ ctx, input: { accessPackageId: c.pkg, targetId: c.target } });
      expect(r.value).toEqual([]);
      expect(codes(r)).toContain(c.code);
      expect(r.notApplicable[0].reasons.every((x) => x.message.length > 10)).toBe(true);
    });
  }

  it("not an on-behalf requestor: the policy names nobody who may ask for others", async () => {
    const ines = await ctxAs(database.db, U.ines, clock);
    const pkg = await createAccessPackage({ ctx: ines, input: { catalogId: SEED_IDS.catalogs.agentPlatform, displayName: "Named requestors only" } });
    await createPolicy({
      ctx: ines,
      input: {
        accessPackageId: pkg.id,
        displayName: "Only Carlos asks",
        allowedTargetScope: "allDirectoryAgentIdentities",
        requestorSettings: { enableOnBehalfRequestorsToAddAccess: true, onBehalfRequestors: [{ "@odata.type": "#microsoft.graph.singleUser", userId: U.carlos }] },
      },
    });
    const maya = await ctxAs(database.db, U.maya, clock);
    expect(codes(await getApplicablePolicyRequirements({ ctx: maya, input: { accessPackageId: pkg.id, targetId: A.kbCurator } }))).toEqual(["notOnBehalfRequestor"]);
    const carlos = await ctxAs(database.db, U.carlos, clock);
    // Carlos owns Ticket Triage Agent, so he may ask for it.
    expect((await getApplicablePolicyRequirements({ ctx: carlos, input: { accessPackageId: pkg.id, targetId: A.triage } })).value).toHaveLength(1);
  });

  it("the seeded incompatibility is stored", async () => {
    const rows = await database.db.select().from(incompatibleAccessPackages);
    expect(rows.length).toBeGreaterThan(0);
  });
});

describe("extension: a sponsor extends an agent's assignment", () => {
  it("approval moves the end date; denial leaves it unchanged", async () => {
    now = new Date("2026-12-10T09:00:00Z");
    const maya = await ctxAs(database.db, U.maya, clock);
    const priya = await ctxAs(database.db, U.priya, clock);
    const add = await submitRequest({ ctx: maya, input: { accessPackageId: P.supportTicketTriage, targetId: A.triage, justification: "Queue triage" } });
    const delivered = await decideApproval({ ctx: priya, input: { requestId: add.id, decision: "Approve" } });
    const [before] = await database.db.select().from(assignments).where(eq(assignments.id, delivered.assignmentId!));
    expect(before.endDateTime!.toISOString()).toBe("2027-03-10T09:00:00.000Z");

    now = new Date("2027-03-01T09:00:00Z");
    const ext = await submitRequest({ ctx: maya, input: { requestType: "userUpdate", accessPackageId: P.supportTicketTriage, targetId: A.triage, justification: "Still needed for Q2" } });
    expect(ext).toMatchObject({ requestType: "userUpdate", state: "pendingApproval", assignmentId: before.id });
    await decideApproval({ ctx: priya, input: { requestId: ext.id, decision: "Deny", justification: "Use the read-only package" } });
    const [afterDeny] = await database.db.select().from(assignments).where(eq(assignments.id, before.id));
    expect(afterDeny.endDateTime!.toISOString()).toBe(before.endDateTime!.toISOString());

    const ext2 = await submitRequest({ ctx: maya, input: { requestType: "userUpdate", accessPackageId: P.supportTicketTriage, targetId: A.triage, justification: "Q2 backlog" } });
    const approved = await decideApproval({ ctx: priya, input: { requestId: ext2.id, decision: "Approve" } });
    expect(approved.state).toBe("delivered");
    const [afterApprove] = await database.db.select().from(assignments).where(eq(assignments.id, before.id));
    expect(afterApprove.endDateTime!.toISOString()).toBe("2027-05-30T09:00:00.000Z");
    expect(afterApprove.state).toBe("delivered");
  });

  it("a disabled agent holds no effective access", async () => {
    const { effectiveGrants } = await import("@/lib/assignments/effective-grants");
    expect((await effectiveGrants(database.db, [A.triage], now)).length).toBeGreaterThan(0);
    await database.db.update(principals).set({ accountEnabled: false }).where(eq(principals.id, A.triage));
    expect(await effectiveGrants(database.db, [A.triage], now)).toEqual([]);
    await database.db.update(principals).set({ accountEnabled: true }).where(eq(principals.id, A.triage));
  });
});
