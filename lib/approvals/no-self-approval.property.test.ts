import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { eq } from "drizzle-orm";
import type { Database } from "@/db";
import { agentSponsors, groupMembers, principalOwners, principals, stageApprovers, approvalStages } from "@/db/schema";
import { SEED_IDS } from "@/db/seed";
import { createTestDatabase } from "@/lib/testing/test-db";
import { ctxAs } from "@/lib/testing/actors";
import type { Ctx } from "@/lib/auth/actor";
import { DomainError } from "@/lib/errors";
import { createAccessPackage } from "@/lib/packages/create-access-package";
import { createPolicy } from "@/lib/policies/create-policy";
import type { SubjectSet } from "@/lib/policies/settings";
import { submitRequest } from "@/lib/requests/submit-request";
import { decideApproval } from "./decide-approval";

const RUNS = Number(process.env.PROPERTY_RUNS ?? 1000);
const U = SEED_IDS.users;
const PEOPLE = [U.maya, U.leo, U.aisha, U.priya, U.tomas, U.daniel, U.carlos, U.helen, U.sam];
const GROUP = SEED_IDS.groups.engineeringAll;

let database: Database;
let ines: Ctx;
const ctxs = new Map<string, Ctx>();
const managerOf = new Map<string, string | null>();
let groupSet = new Set<string>();
let seq = 0;

beforeAll(async () => {
  database = await createTestDatabase();
  ines = await ctxAs(database.db, U.ines);
  for (const id of PEOPLE) ctxs.set(id, await ctxAs(database.db, id));
  for (const p of await database.db.select({ id: principals.id, managerId: principals.managerId }).from(principals)) managerOf.set(p.id, p.managerId);
  groupSet = new Set((await database.db.select({ id: groupMembers.principalId }).from(groupMembers).where(eq(groupMembers.groupId, GROUP))).map((r) => r.id));
}, 120_000);
afterAll(async () => {
  await database?.close();
});

// ---- generators -------------------------------------------------------------
const person = fc.constantFrom(...PEOPLE);
const subjectSet: fc.Arbitrary<SubjectSet> = fc.oneof(
  person.map((userId) => ({ "@odata.type": "#microsoft.graph.singleUser" as const, userId })),
  fc.integer({ min: 1, max: 2 }).map((managerLevel) => ({ "@odata.type": "#microsoft.graph.requestorManager" as const, managerLevel })),
  fc.constant({ "@odata.type": "#microsoft.graph.targetAgentIdentitySponsorsOrOwners" as const, isBackup: false }),
  fc.constant({ "@odata.type": "#microsoft.graph.groupMembers" as const, groupId: GROUP }),
);
const stage = fc.record({ primary: fc.array(subjectSet, { minLength: 1, maxLength: 3 }), fallback: fc.array(subjectSet, { maxLength: 2 }) });
const scenario = fc.record({
  sponsors: fc.uniqueArray(person, { minLength: 1, maxLength: 3 }),
  owners: fc.uniqueArray(person, { maxLength: 2 }),
  stages: fc.array(stage, { maxLength: 3 }),
  /** Who asks: the agent itself, one of its sponsors/owners, or anybody (then usually refused). */
  requestor: fc.oneof(fc.constant("agent" as const), fc.nat({ max: 10 }).map((i) => ({ sponsorIndex: i })), person.map((id) => ({ anyone: id }))),
  decisions: fc.array(fc.record({ who: fc.oneof(person, fc.constant("requestor"), fc.constant("agent")), decision: fc.constantFrom("Approve" as const, "Deny" as const) }), { maxLength: 8 }),
});

// ---- the reference model -------------------------------------------------------
type Model = { state: "refused" | "pendingApproval" | "delivered" | "denied"; stage: number; approvers: string[][] };
function chain(start: string, level: number): string[] {
  let cur: string | null | undefined = start;
  for (let i = 0; i < level && cur; i++) cur = managerOf.get(cur) ?? null;
  return cur && cur !== start ? [cur] : [];
}
function resolve(sets: SubjectSet[], requestor: string, sponsorsOrOwners: string[]): string[] {
  const out = new Set<string>();
  for (const s of sets) {
    if (s["@odata.type"] === "#microsoft.graph.singleUser") out.add(s.userId);
    else if (s["@odata.type"] === "#microsoft.graph.requestorManager") chain(requestor, s.managerLevel).forEach((x) => out.add(x));
    else if (s["@odata.type"] === "#microsoft.graph.targetAgentIdentitySponsorsOrOwners") sponsorsOrOwners.forEach((x) => out.add(x));
    else if (s["@odata.type"] === "#microsoft.graph.groupMembers") groupSet.forEach((x) => out.add(x));
  }
  return [...out];
}

describe("property: nobody approves their own request, and every request ends where a reference model says", () => {
  it(`holds for ${RUNS} generated policies and actor graphs`, async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async (sc) => {
        const n = ++seq;
        // The actor graph: a fresh agent with generated sponsors and owners.
        const [agent] = await database.db.insert(principals).values({ type: "agentIdentity", displayName: `Generated agent ${n}` }).returning();
        await database.db.insert(agentSponsors).values(sc.sponsors.map((sponsorId) => ({ agentId: agent.id, sponsorId })));
        if (sc.owners.length) await database.db.insert(principalOwners).values(sc.owners.map((ownerId) => ({ principalId: agent.id, ownerId })));
        const agentCtx: Ctx = { db: database.db, actor: { type: "agentIdentity", id: agent.id, displayName: agent.displayName } };
        const sponsorsOrOwners = [...new Set([...sc.sponsors, ...sc.owners])];

        const pkg = await createAccessPackage({ ctx: ines, input: { catalogId: SEED_IDS.catalogs.agentPlatform, displayName: `Generated ${n}` } });
        await createPolicy({
          ctx: ines,
          input: {
            accessPackageId: pkg.id,
            displayName: "Generated",
            allowedTargetScope: "allDirectoryAgentIdentities",
            requestorSettings: { enableTargetsToSelfAddAccess: true, enableOnBehalfRequestorsToAddAccess: true, onBehalfRequestors: [{ "@odata.type": "#microsoft.graph.targetAgentIdentitySponsorsOrOwners" }] },
            requestApprovalSettings: {
              isApprovalRequiredForAdd: sc.stages.length > 0,
              stages: sc.stages.map((s) => ({ primaryApprovers: s.primary, fallbackPrimaryApprovers: s.fallback })),
            },
          },
        });

        const requestorId = sc.requestor === "agent" ? agent.id : "sponsorIndex" in sc.requestor ? sponsorsOrOwners[sc.requestor.sponsorIndex % sponsorsOrOwners.length] : sc.requestor.anyone;
        const requestorCtx = requestorId === agent.id ? agentCtx : ctxs.get(requestorId)!;
        const mayAsk = requestorId === agent.id || sponsorsOrOwners.includes(requestorId);

        // Model: approvers per stage, excluding the requestor and the target, falling back when empty.
        const exclude = new Set([requestorId, agent.id]);
        const approvers = sc.stages.map((s) => {
          const primary = resolve(s.primary, requestorId, sponsorsOrOwners).filter((x) => !exclude.has(x));
          return primary.length ? primary : resolve(s.fallback, requestorId, sponsorsOrOwners).filter((x) => !exclude.has(x));
        });
        const model: Model = { state: !mayAsk || approvers.some((a) => a.length === 0) ? "refused" : sc.stages.length ? "pendingApproval" : "delivered", stage: 0, approvers };

        let request;
        try {
          request = await submitRequest({ ctx: requestorCtx, input: { accessPackageId: pkg.id, targetId: agent.id, justification: "generated" } });
        } catch (e) {
          expect(e).toBeInstanceOf(DomainError);
          expect((e as DomainError).code).toBe("forbidden");
          expect(model.state).toBe("refused");
          return;
        }
        expect(request.state).toBe(model.state);

        for (const d of sc.decisions) {
          const who = d.who === "requestor" ? requestorId : d.who === "agent" ? agent.id : d.who;
          const ctx = who === agent.id ? agentCtx : ctxs.get(who)!;
          const shouldWin = model.state === "pendingApproval" && model.approvers[model.stage].includes(who) && !exclude.has(who);
          const outcome = await decideApproval({ ctx, input: { requestId: request.id, decision: d.decision, justification: "generated" } }).then(
            (r) => r,
            (e: unknown) => {
              expect(e).toBeInstanceOf(DomainError);
              return null;
            },
          );
          expect(outcome !== null, `decision by ${who} should ${shouldWin ? "win" : "be refused"}`).toBe(shouldWin);
          if (outcome) {
            // The invariant itself: whoever decided is neither the requestor nor the target.
            expect(exclude.has(who)).toBe(false);
            if (d.decision === "Deny") model.state = "denied";
            else if (model.stage + 1 < model.approvers.length) model.stage++;
            else model.state = "delivered";
            expect(outcome.state).toBe(model.state);
          }
        }
        // Nobody excluded was ever recorded as an approver of any stage.
        const recorded = await database.db
          .select({ id: stageApprovers.principalId })
          .from(stageApprovers)
          .innerJoin(approvalStages, eq(approvalStages.id, stageApprovers.stageId))
          .where(eq(approvalStages.requestId, request.id));
        expect(recorded.some((r) => exclude.has(r.id))).toBe(false);
      }),
      { numRuns: RUNS },
    );
  }, 900_000);
});
