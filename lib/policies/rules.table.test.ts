/**
 * Table-driven tests of the policy rules: who may be targeted, who may approve, what each requestor
 * setting allows, expiration and custom schedules, separation of duties, questions and attribute rules.
 * Every case builds its own access package and policy (as Ines, the administrator), so cases are independent.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { and, count, eq } from "drizzle-orm";
import type { z } from "zod";
import type { Database } from "@/db";
import {
  agentSponsors,
  approvalStages,
  assignmentPolicies,
  assignmentRequests,
  assignments,
  grants,
  groupMembers,
  groups,
  incompatibleAccessPackages,
  incompatibleGroups,
  principalOwners,
  principals,
  stageApprovers,
  type AssignmentRequest,
} from "@/db/schema";
import { SEED_IDS } from "@/db/seed";
import { createTestDatabase } from "@/lib/testing/test-db";
import { ctxAs } from "@/lib/testing/actors";
import { DomainError } from "@/lib/errors";
import { addResourceToCatalog } from "@/lib/catalogs/add-resource";
import { createAccessPackage } from "@/lib/packages/create-access-package";
import { createPolicy } from "@/lib/policies/create-policy";
import { submitRequest, type SubmitRequestInput } from "@/lib/requests/submit-request";
import { decideApproval } from "@/lib/approvals/decide-approval";
import type { policyInputSchema, subjectSetSchema } from "./settings";

const U = SEED_IDS.users;
const A = SEED_IDS.agents;
const G = SEED_IDS.groups;
const SP = SEED_IDS.servicePrincipals;
const AGENT_USER = SEED_IDS.agentUsers.escalationSummarizer;
const CAT = SEED_IDS.catalogs.agentPlatform;

/** Principals the seed lacks, inserted in beforeAll with fixed ids. */
const X = {
  guest: "00000000-0000-4000-9000-000000000001",
  spNoOwner: "00000000-0000-4000-9000-000000000002",
  spOwnedAgent: "00000000-0000-4000-9000-000000000003",
  sod: Array.from({ length: 8 }, (_, i) => `00000000-0000-4000-9000-0000000001${String(i).padStart(2, "0")}`),
};

type SubjectSetIn = z.input<typeof subjectSetSchema>;
type PolicyBody = Omit<z.input<typeof policyInputSchema>, "accessPackageId" | "displayName">;
type Scope = PolicyBody["allowedTargetScope"];
type RequestInput = Omit<SubmitRequestInput, "accessPackageId">;

const su = (userId: string): SubjectSetIn => ({ "@odata.type": "#microsoft.graph.singleUser", userId });
const gm = (groupId: string): SubjectSetIn => ({ "@odata.type": "#microsoft.graph.groupMembers", groupId });
const ssp = (servicePrincipalId: string): SubjectSetIn => ({ "@odata.type": "#microsoft.graph.singleServicePrincipal", servicePrincipalId });
const requestorManager = (managerLevel: number): SubjectSetIn => ({ "@odata.type": "#microsoft.graph.requestorManager", managerLevel });
const targetManager = (managerLevel: number): SubjectSetIn => ({ "@odata.type": "#microsoft.graph.targetManager", managerLevel });
const rule = (membershipRule: string): SubjectSetIn => ({ "@odata.type": "#microsoft.graph.attributeRuleMembers", membershipRule });
const sponsorsOrOwners: SubjectSetIn = { "@odata.type": "#microsoft.graph.targetAgentIdentitySponsorsOrOwners" };
const userSponsors: SubjectSetIn = { "@odata.type": "#microsoft.graph.targetUserSponsors" };
const appOwners: SubjectSetIn = { "@odata.type": "#microsoft.graph.targetApplicationOwners" };
const internalSponsors: SubjectSetIn = { "@odata.type": "#microsoft.graph.internalSponsors" };
const externalSponsors: SubjectSetIn = { "@odata.type": "#microsoft.graph.externalSponsors" };
const connectedOrgMembers: SubjectSetIn = { "@odata.type": "#microsoft.graph.connectedOrganizationMembers", connectedOrganizationId: "00000000-0000-4000-9000-00000000c0c0" };

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const T0 = new Date("2027-01-04T09:00:00.000Z");
const plus = (ms: number, from: Date = T0) => new Date(from.getTime() + ms);

let database: Database;
const db = () => database.db;
let now = T0;
const clock = () => now;
const as = (id: string) => ctxAs(db(), id, clock);

beforeAll(async () => {
  database = await createTestDatabase();
  await db()
    .insert(principals)
    .values([
      { id: X.guest, type: "user", userType: "guest", displayName: "Grace Guest (Fabrikam)", mail: "grace@fabrikam.example", userPrincipalName: "grace_fabrikam.example#EXT#@contoso.example" },
      { id: X.spNoOwner, type: "servicePrincipal", displayName: "Build Pipeline", description: "CI service principal with no owner." },
      { id: X.spOwnedAgent, type: "agentIdentity", displayName: "Payroll Helper Agent", description: "An agent owned by the Payroll Sync service principal.", blueprintId: SEED_IDS.blueprints.supportCopilot },
      ...X.sod.map((id, i) => ({ id, type: "user" as const, userType: "member" as const, displayName: `SoD Person ${i + 1}` })),
    ]);
  await db().insert(principalOwners).values({ principalId: X.spOwnedAgent, ownerId: SP.payrollSync });
  await db().insert(agentSponsors).values({ agentId: X.spOwnedAgent, sponsorId: U.leo });
});
afterAll(async () => {
  await database?.close();
});
beforeEach(() => {
  now = T0;
});

// --- helpers ------------------------------------------------------------------------------------

let seq = 0;
type Made = { pkgId: string; pkgName: string; policyId: string; policyName: string };

/** A fresh access package with one policy, made by Ines. */
async function makePolicy(body: PolicyBody, opts: { roleIds?: string[]; label?: string } = {}): Promise<Made> {
  const ines = await as(U.ines);
  const n = ++seq;
  const pkgName = `Rules ${n} ${opts.label ?? "package"}`;
  const policyName = `Rules policy ${n}`;
  const pkg = await createAccessPackage({ ctx: ines, input: { catalogId: CAT, displayName: pkgName, resourceRoleIds: opts.roleIds ?? [] } });
  const policy = await createPolicy({ ctx: ines, input: { accessPackageId: pkg.id, displayName: policyName, ...body } });
  return { pkgId: pkg.id, pkgName, policyId: policy.id, policyName };
}

async function submit(actorId: string, pkgId: string, input: RequestInput = {}): Promise<AssignmentRequest> {
  return submitRequest({ ctx: await as(actorId), input: { ...input, accessPackageId: pkgId } });
}

async function refused(p: Promise<unknown>, code: DomainError["code"], status: number): Promise<DomainError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e, "expected the call to be refused").toBeInstanceOf(DomainError);
  expect((e as DomainError).code).toBe(code);
  expect((e as DomainError).status).toBe(status);
  return e as DomainError;
}

async function requestsFor(pkgId: string, targetId?: string) {
  const conds = [eq(assignmentRequests.accessPackageId, pkgId)];
  if (targetId) conds.push(eq(assignmentRequests.targetId, targetId));
  return db().select().from(assignmentRequests).where(and(...conds));
}

async function assignmentOf(id: string) {
  const [a] = await db().select().from(assignments).where(eq(assignments.id, id));
  return a;
}

async function firstStage(requestId: string) {
  const [stage] = await db().select().from(approvalStages).where(and(eq(approvalStages.requestId, requestId), eq(approvalStages.stageIndex, 0)));
  const who = await db().select().from(stageApprovers).where(eq(stageApprovers.stageId, stage.id));
  return { stage, approvers: who };
}

const decide = async (actorId: string, requestId: string, decision: "Approve" | "Deny" = "Approve") => decideApproval({ ctx: await as(actorId), input: { requestId, decision, justification: "checked" } });

const sorted = (ids: readonly string[]) => [...ids].sort();

const SELF_ADD = { enableTargetsToSelfAddAccess: true } as const;

// --- 1. allowedTargetScope ----------------------------------------------------------------------

type Who = [label: string, id: string];
type ScopeCase = {
  scope: Scope;
  label?: string;
  targets?: SubjectSetIn[];
  /** Self requests that are delivered (for notSpecified: direct assignment by the administrator). */
  may: Who[];
  /** Self requests refused with 403 naming the policy. */
  mayNot: Who[];
  refusal?: RegExp;
};

const MEMBER: Who = ["member user Sam", U.sam];
const GUEST: Who = ["guest user", X.guest];
const AGENT_USER_W: Who = ["agent user", AGENT_USER];
const AGENT: Who = ["agent identity", A.triage];
const SERVICE_PRINCIPAL: Who = ["service principal", SP.payrollSync];

const scopeCases: ScopeCase[] = [
  { scope: "notSpecified", may: [["member user (assigned directly by the admin)", U.sam]], mayNot: [["member user Aisha", U.aisha], AGENT, GUEST], refusal: /takes no requests: administrators assign it directly/ },
  { scope: "specificDirectoryUsers", label: " (singleUser Sam)", targets: [su(U.sam)], may: [MEMBER], mayNot: [["member user Aisha (not listed)", U.aisha], AGENT_USER_W, AGENT], refusal: /is for specific users; .* is not one/ },
  { scope: "specificDirectoryUsers", label: " (groupMembers Finance Readers)", targets: [gm(G.financeReaders)], may: [["group member Aisha", U.aisha], ["group member Tomas", U.tomas]], mayNot: [["non-member Leo", U.leo], GUEST, SERVICE_PRINCIPAL], refusal: /is for specific users/ },
  { scope: "specificDirectoryUsers", label: " (singleUser = the agent user)", targets: [su(AGENT_USER)], may: [AGENT_USER_W], mayNot: [MEMBER, ["the agent user's agent identity", A.escalationSummarizer]], refusal: /is for specific users/ },
  { scope: "specificConnectedOrganizationUsers", targets: [connectedOrgMembers], may: [GUEST], mayNot: [MEMBER, AGENT_USER_W, AGENT], refusal: /is for external users/ },
  { scope: "specificDirectoryServicePrincipals", label: " (singleServicePrincipal Payroll Sync)", targets: [ssp(SP.payrollSync)], may: [SERVICE_PRINCIPAL], mayNot: [["another service principal", SP.stewardAutomation], MEMBER, AGENT], refusal: /is for specific service principals/ },
  { scope: "specificDirectoryServicePrincipals", label: " (singleServicePrincipal = an agent identity)", targets: [ssp(A.kbCurator)], may: [["listed agent identity", A.kbCurator]], mayNot: [["unlisted agent identity", A.triage]], refusal: /is for specific service principals/ },
  { scope: "allMemberUsers", may: [MEMBER], mayNot: [GUEST, AGENT, SERVICE_PRINCIPAL], refusal: /is for member users/ },
  { scope: "allDirectoryUsers", may: [MEMBER, GUEST, AGENT_USER_W], mayNot: [AGENT, SERVICE_PRINCIPAL], refusal: /is for users in the directory/ },
  { scope: "allDirectoryServicePrincipals", may: [SERVICE_PRINCIPAL, AGENT], mayNot: [MEMBER, AGENT_USER_W], refusal: /is for service principals and agents/ },
  { scope: "allConfiguredConnectedOrganizationUsers", may: [GUEST], mayNot: [MEMBER, AGENT], refusal: /is for external users/ },
  { scope: "allExternalUsers", may: [GUEST], mayNot: [MEMBER, AGENT_USER_W, SERVICE_PRINCIPAL], refusal: /is for external users/ },
  { scope: "allDirectoryAgentIdentities", may: [AGENT], mayNot: [SERVICE_PRINCIPAL, AGENT_USER_W, MEMBER], refusal: /is for agent identities/ },
];

async function runScopeCase(c: ScopeCase) {
  const made = await makePolicy({ allowedTargetScope: c.scope, specificAllowedTargets: c.targets ?? [], requestorSettings: SELF_ADD });
  for (const [label, id] of c.mayNot) {
    const e = await refused(submit(id, made.pkgId, { requestType: "userAdd" }), "forbidden", 403);
    expect(e.message, label).toContain(`"${made.policyName}"`);
    if (c.refusal) expect(e.message, label).toMatch(c.refusal);
    expect(await requestsFor(made.pkgId, id), label).toEqual([]);
  }
  for (const [label, id] of c.may) {
    const req =
      c.scope === "notSpecified"
        ? await submit(U.ines, made.pkgId, { requestType: "adminAdd", targetId: id })
        : await submit(id, made.pkgId, { requestType: "userAdd" });
    expect(req.state, label).toBe("delivered");
    expect(req.targetId, label).toBe(id);
    expect((await assignmentOf(req.assignmentId!)).state, label).toBe("delivered");
  }
}

describe("1. allowedTargetScope: who may be the target", () => {
  for (const c of scopeCases) {
    const name = `${c.scope}${c.label ?? ""}: ${c.may.map((w) => w[0]).join(", ")} may; ${c.mayNot.map((w) => w[0]).join(", ")} may not`;
    it(name, async () => {
      await runScopeCase(c);
    });
  }

  it("specificDirectoryUsers / specificDirectoryServicePrincipals without subject sets are refused at createPolicy (400)", async () => {
    const ines = await as(U.ines);
    const pkg = await createAccessPackage({ ctx: ines, input: { catalogId: CAT, displayName: "Rules scope without targets" } });
    for (const scope of ["specificDirectoryUsers", "specificDirectoryServicePrincipals"] as const) {
      const e = await refused(createPolicy({ ctx: ines, input: { accessPackageId: pkg.id, displayName: `No targets ${scope}`, allowedTargetScope: scope } }), "invalid", 400);
      expect(e.fieldErrors?.specificAllowedTargets?.[0]).toContain(scope);
    }
  });
});

// --- 2a. subject sets as approvers ---------------------------------------------------------------

type ApproverCase = {
  name: string;
  scope: Scope;
  primary: SubjectSetIn[];
  fallback?: SubjectSetIn[];
  requestor: string;
  target?: string;
  /** Refused at submission (403) with this reason. */
  refusedAtSubmit?: RegExp;
  /** Exactly who was recorded as approver of stage 1, and as what kind. */
  approvers?: string[];
  kind?: "primary" | "fallbackPrimary";
  mayNot?: [id: string, why: RegExp][];
  /** Approves the stage: the request becomes delivered. */
  approver?: string;
  approverType?: "user" | "servicePrincipal";
};

const NOT_APPROVER = /You are not an approver of this request/;
const OWN_REQUEST = /You cannot approve or deny a request you made/;
const NOBODY = /Nobody is eligible to approve stage 1/;

const approverCases: ApproverCase[] = [
  { name: "singleUser: Priya approves; Helen and the requestor may not", scope: "allMemberUsers", primary: [su(U.priya)], requestor: U.sam, approvers: [U.priya], mayNot: [[U.helen, NOT_APPROVER], [U.sam, OWN_REQUEST]], approver: U.priya },
  { name: "groupMembers (Finance Readers): any member approves; a non-member may not", scope: "allMemberUsers", primary: [gm(G.financeReaders)], requestor: U.maya, approvers: [U.tomas, U.aisha, U.sam], mayNot: [[U.leo, NOT_APPROVER]], approver: U.aisha },
  { name: "groupMembers when the requestor is a member: the requestor is left out", scope: "allMemberUsers", primary: [gm(G.financeReaders)], requestor: U.sam, approvers: [U.tomas, U.aisha], mayNot: [[U.sam, OWN_REQUEST]], approver: U.tomas },
  { name: "singleServicePrincipal: the service principal approves (decided by type servicePrincipal); another service principal may not", scope: "allMemberUsers", primary: [ssp(SP.payrollSync)], requestor: U.sam, approvers: [SP.payrollSync], mayNot: [[SP.stewardAutomation, NOT_APPROVER], [U.priya, NOT_APPROVER]], approver: SP.payrollSync, approverType: "servicePrincipal" },
  { name: "requestorManager level 1 (Maya → Daniel): Daniel approves; Helen may not", scope: "allMemberUsers", primary: [requestorManager(1)], requestor: U.maya, approvers: [U.daniel], mayNot: [[U.helen, NOT_APPROVER]], approver: U.daniel },
  { name: "requestorManager level 2 (Maya → Daniel → Helen): Helen approves; Daniel may not", scope: "allMemberUsers", primary: [requestorManager(2)], requestor: U.maya, approvers: [U.helen], mayNot: [[U.daniel, NOT_APPROVER]], approver: U.helen },
  { name: "requestorManager when the requestor has no manager (Tomas): the fallback approver is used", scope: "allMemberUsers", primary: [requestorManager(1)], fallback: [su(U.priya)], requestor: U.tomas, approvers: [U.priya], kind: "fallbackPrimary", approver: U.priya },
  { name: "requestorManager when the requestor has no manager and there is no fallback: refused at submission", scope: "allMemberUsers", primary: [requestorManager(1)], requestor: U.tomas, refusedAtSubmit: NOBODY },
  { name: "targetManager level 1 (Sam → Tomas): Tomas approves; Aisha may not", scope: "allMemberUsers", primary: [targetManager(1)], requestor: U.sam, approvers: [U.tomas], mayNot: [[U.aisha, NOT_APPROVER]], approver: U.tomas },
  { name: "targetManager level 2 (Maya → Daniel → Helen): Helen approves; Daniel may not", scope: "allMemberUsers", primary: [targetManager(2)], requestor: U.maya, approvers: [U.helen], mayNot: [[U.daniel, NOT_APPROVER]], approver: U.helen },
  { name: "internalSponsors only, no fallback: resolves to nobody, refused at submission", scope: "allMemberUsers", primary: [internalSponsors], requestor: U.sam, refusedAtSubmit: NOBODY },
  { name: "externalSponsors only, no fallback: resolves to nobody, refused at submission", scope: "allMemberUsers", primary: [externalSponsors], requestor: U.sam, refusedAtSubmit: NOBODY },
  { name: "connectedOrganizationMembers only, no fallback: resolves to nobody, refused at submission", scope: "allMemberUsers", primary: [connectedOrgMembers], requestor: U.sam, refusedAtSubmit: NOBODY },
  { name: "internalSponsors with a fallback: the fallback approves; Helen may not", scope: "allMemberUsers", primary: [internalSponsors], fallback: [su(U.priya)], requestor: U.sam, approvers: [U.priya], kind: "fallbackPrimary", mayNot: [[U.helen, NOT_APPROVER]], approver: U.priya },
  { name: "externalSponsors with a fallback: the fallback approves", scope: "allExternalUsers", primary: [externalSponsors], fallback: [su(U.priya)], requestor: X.guest, approvers: [U.priya], kind: "fallbackPrimary", mayNot: [[U.helen, NOT_APPROVER]], approver: U.priya },
  { name: "connectedOrganizationMembers with a fallback: the fallback approves", scope: "allExternalUsers", primary: [connectedOrgMembers], fallback: [su(U.priya)], requestor: X.guest, approvers: [U.priya], kind: "fallbackPrimary", mayNot: [[U.tomas, NOT_APPROVER]], approver: U.priya },
  { name: "targetUserSponsors for an agent user: the paired agent's sponsor (Maya) approves; its owner (Daniel) may not", scope: "allDirectoryUsers", primary: [userSponsors], requestor: AGENT_USER, approvers: [U.maya], mayNot: [[U.daniel, NOT_APPROVER], [AGENT_USER, OWN_REQUEST]], approver: U.maya },
  { name: "targetUserSponsors for an agent identity: its sponsor approves; its owner may not", scope: "allDirectoryAgentIdentities", primary: [userSponsors], requestor: A.escalationSummarizer, approvers: [U.maya], mayNot: [[U.daniel, NOT_APPROVER]], approver: U.maya },
  { name: "targetApplicationOwners for a service principal: its owner (Tomas) approves; Maya may not", scope: "allDirectoryServicePrincipals", primary: [appOwners], requestor: SP.payrollSync, approvers: [U.tomas], mayNot: [[U.maya, NOT_APPROVER]], approver: U.tomas },
  { name: "targetApplicationOwners for a service principal without owners: refused at submission", scope: "allDirectoryServicePrincipals", primary: [appOwners], requestor: X.spNoOwner, refusedAtSubmit: NOBODY },
  { name: "targetApplicationOwners when the owner requests on its behalf: the owner is left out, the fallback approves", scope: "allDirectoryServicePrincipals", primary: [appOwners], fallback: [su(U.priya)], requestor: U.tomas, target: SP.payrollSync, approvers: [U.priya], kind: "fallbackPrimary", mayNot: [[U.tomas, OWN_REQUEST]], approver: U.priya },
  { name: "targetAgentIdentitySponsorsOrOwners, sponsor Leo requests: the other sponsor and the owner approve, Leo may not", scope: "allDirectoryAgentIdentities", primary: [sponsorsOrOwners], requestor: U.leo, target: A.invoiceReconciliation, approvers: [U.aisha, U.tomas], mayNot: [[U.leo, OWN_REQUEST], [U.maya, NOT_APPROVER]], approver: U.aisha },
  { name: "targetAgentIdentitySponsorsOrOwners, the agent requests for itself: all sponsors and owners approve", scope: "allDirectoryAgentIdentities", primary: [sponsorsOrOwners], requestor: A.invoiceReconciliation, approvers: [U.leo, U.aisha, U.tomas], mayNot: [[A.invoiceReconciliation, OWN_REQUEST], [U.sam, NOT_APPROVER]], approver: U.tomas },
  { name: "targetAgentIdentitySponsorsOrOwners when the only sponsor-owner requests: refused at submission", scope: "allDirectoryAgentIdentities", primary: [sponsorsOrOwners], requestor: U.maya, target: A.kbCurator, refusedAtSubmit: NOBODY },
  { name: "attributeRuleMembers user.department -eq \"Finance\": Tomas and Sam approve; Aisha (Finance Systems) and Leo may not", scope: "allMemberUsers", primary: [rule('user.department -eq "Finance"')], requestor: U.maya, approvers: [U.tomas, U.sam], mayNot: [[U.aisha, NOT_APPROVER], [U.leo, NOT_APPROVER]], approver: U.sam },
  { name: "attributeRuleMembers when the requestor matches the rule: the requestor is left out", scope: "allMemberUsers", primary: [rule('user.department -eq "Finance"')], requestor: U.sam, approvers: [U.tomas], mayNot: [[U.sam, OWN_REQUEST]], approver: U.tomas },
];

describe("2a. every subject set as an approver", () => {
  for (const c of approverCases) {
    it(c.name, async () => {
      const made = await makePolicy({
        allowedTargetScope: c.scope,
        requestorSettings: { ...SELF_ADD, enableOnBehalfRequestorsToAddAccess: true, onBehalfRequestors: [sponsorsOrOwners, appOwners] },
        requestApprovalSettings: { isApprovalRequiredForAdd: true, stages: [{ primaryApprovers: c.primary, fallbackPrimaryApprovers: c.fallback ?? [] }] },
      });
      const input: RequestInput = { targetId: c.target, justification: "needed" };
      if (c.refusedAtSubmit) {
        const e = await refused(submit(c.requestor, made.pkgId, input), "forbidden", 403);
        expect(e.message).toMatch(c.refusedAtSubmit);
        expect(await requestsFor(made.pkgId)).toEqual([]);
        return;
      }
      const req = await submit(c.requestor, made.pkgId, input);
      expect(req.state).toBe("pendingApproval");
      const { approvers } = await firstStage(req.id);
      expect(sorted(approvers.map((a) => a.principalId))).toEqual(sorted(c.approvers!));
      expect(new Set(approvers.map((a) => a.kind))).toEqual(new Set([c.kind ?? "primary"]));
      for (const [id, why] of c.mayNot ?? []) {
        const e = await refused(decide(id, req.id), "forbidden", 403);
        expect(e.message).toMatch(why);
      }
      const done = await decide(c.approver!, req.id);
      expect(done.state).toBe("delivered");
      expect((await assignmentOf(done.assignmentId!)).state).toBe("delivered");
      const { stage } = await firstStage(req.id);
      expect(stage).toMatchObject({ state: "approved", decidedById: c.approver, decidedByType: c.approverType ?? "user", reviewResult: "Approve" });
      // The first decision decides the stage: any other approver is now too late.
      const other = c.approvers!.find((id) => id !== c.approver);
      if (other) expect((await refused(decide(other, req.id), "conflict", 409)).message).toMatch(/already been decided/);
    });
  }
});

// --- 2b. subject sets as on-behalf requestors ----------------------------------------------------

type OnBehalfCase = {
  name: string;
  scope: Scope;
  requestors: SubjectSetIn[];
  allowed: [actor: string, target: string][];
  refused: [actor: string, target: string, why: RegExp][];
};

const NOT_LISTED = /does not list you as someone who may request on .*'s behalf/;
const NOT_SPONSOR = /You can request access only for yourself, for agents you sponsor or own, and for service principals you own/;

const onBehalfCases: OnBehalfCase[] = [
  { name: "singleUser (Carlos): Carlos may ask for the agent he owns; Maya (its sponsor, not listed) may not", scope: "allDirectoryAgentIdentities", requestors: [su(U.carlos)], allowed: [[U.carlos, A.triage]], refused: [[U.maya, A.triage, NOT_LISTED]] },
  { name: "groupMembers (Support Tier 2): members Maya and Carlos may; sponsors Leo and Aisha may not", scope: "allDirectoryAgentIdentities", requestors: [gm(G.supportTier2)], allowed: [[U.maya, A.kbCurator], [U.carlos, A.onCall]], refused: [[U.leo, A.expenseAuditor, NOT_LISTED], [U.aisha, A.releaseNotes, NOT_LISTED]] },
  { name: "singleServicePrincipal: a service principal never requests on behalf, even for an agent it owns; a sponsor not listed may not either", scope: "allDirectoryAgentIdentities", requestors: [ssp(SP.payrollSync)], allowed: [], refused: [[SP.payrollSync, X.spOwnedAgent, NOT_SPONSOR], [U.leo, X.spOwnedAgent, NOT_LISTED]] },
  { name: "targetUserSponsors: the sponsor (Maya) may; the owner (Daniel) may not", scope: "allDirectoryAgentIdentities", requestors: [userSponsors], allowed: [[U.maya, A.escalationSummarizer]], refused: [[U.daniel, A.escalationSummarizer, NOT_LISTED]] },
  { name: "targetApplicationOwners: owners of a service principal and of an agent may; a sponsor who is not an owner may not", scope: "allDirectoryServicePrincipals", requestors: [appOwners], allowed: [[U.tomas, SP.payrollSync], [U.carlos, A.triage]], refused: [[U.maya, A.triage, NOT_LISTED]] },
  { name: "targetAgentIdentitySponsorsOrOwners: a sponsor and an owner may; someone who is neither may not", scope: "allDirectoryAgentIdentities", requestors: [sponsorsOrOwners], allowed: [[U.leo, A.expenseAuditor], [U.tomas, A.invoiceReconciliation]], refused: [[U.maya, A.invoiceReconciliation, NOT_SPONSOR], [U.sam, A.releaseNotes, NOT_SPONSOR]] },
  { name: "attributeRuleMembers user.department -eq \"Engineering\": engineering sponsors may; others may not", scope: "allDirectoryAgentIdentities", requestors: [rule('user.department -eq "Engineering"')], allowed: [[U.leo, A.expenseAuditor], [U.carlos, A.triage]], refused: [[U.aisha, A.releaseNotes, NOT_LISTED], [U.maya, A.kbCurator, NOT_LISTED]] },
  { name: "internalSponsors: resolves to nobody, so even a sponsor may not", scope: "allDirectoryAgentIdentities", requestors: [internalSponsors], allowed: [], refused: [[U.maya, A.kbCurator, NOT_LISTED]] },
];

describe("2b. subject sets as on-behalf requestors", () => {
  for (const c of onBehalfCases) {
    it(c.name, async () => {
      const made = await makePolicy({ allowedTargetScope: c.scope, requestorSettings: { enableOnBehalfRequestorsToAddAccess: true, onBehalfRequestors: c.requestors } });
      for (const [actor, target, why] of c.refused) {
        const e = await refused(submit(actor, made.pkgId, { targetId: target }), "forbidden", 403);
        expect(e.message).toMatch(why);
        if (why === NOT_LISTED) expect(e.message).toContain(`"${made.policyName}"`);
      }
      for (const [actor, target] of c.allowed) {
        const req = await submit(actor, made.pkgId, { targetId: target });
        expect(req).toMatchObject({ state: "delivered", requestType: "onBehalfAdd", requestorId: actor, targetId: target });
      }
      expect(await requestsFor(made.pkgId)).toHaveLength(c.allowed.length);
    });
  }
});

// --- 3. requestor settings -----------------------------------------------------------------------

type Step = { actor: string; input?: RequestInput };
type Outcome =
  | { state: AssignmentRequest["state"]; requestType?: AssignmentRequest["requestType"]; assignment?: "removed" | { endAfterT0: number } }
  | { code: DomainError["code"]; status: number; message: RegExp; field?: string; namesPolicy?: boolean };

type FlagCase = {
  name: string;
  requestorSettings: NonNullable<PolicyBody["requestorSettings"]>;
  justificationRequired?: boolean;
  /** Run first, each must be delivered (at T0). */
  setup?: Step[];
  /** How far the clock moves before the act. */
  advance?: number;
  act: Step;
  expect: Outcome;
};

const BEHALF = { onBehalfRequestors: [sponsorsOrOwners] };

const flagCases: FlagCase[] = [
  { name: "enableTargetsToSelfAddAccess on: a member requests for herself and gets it", requestorSettings: SELF_ADD, act: { actor: U.sam }, expect: { state: "delivered", requestType: "userAdd", assignment: { endAfterT0: 30 * DAY } } },
  { name: "enableTargetsToSelfAddAccess off: a self request is refused (403 naming the policy)", requestorSettings: { enableOnBehalfRequestorsToAddAccess: true, ...BEHALF }, act: { actor: U.sam }, expect: { code: "forbidden", status: 403, message: /does not let anyone request it for themselves/, namesPolicy: true } },
  { name: "enableTargetsToSelfUpdateAccess on: the holder extends (userUpdate), the end moves", requestorSettings: { ...SELF_ADD, enableTargetsToSelfUpdateAccess: true }, setup: [{ actor: U.sam }], advance: 10 * DAY, act: { actor: U.sam, input: { requestType: "userUpdate" } }, expect: { state: "delivered", requestType: "userUpdate", assignment: { endAfterT0: 40 * DAY } } },
  { name: "enableTargetsToSelfUpdateAccess off: the holder may not extend", requestorSettings: SELF_ADD, setup: [{ actor: U.sam }], advance: 10 * DAY, act: { actor: U.sam, input: { requestType: "userUpdate" } }, expect: { code: "forbidden", status: 403, message: /does not let holders extend it themselves/, namesPolicy: true } },
  { name: "userUpdate without an assignment to extend: 404", requestorSettings: { ...SELF_ADD, enableTargetsToSelfUpdateAccess: true }, act: { actor: U.sam, input: { requestType: "userUpdate" } }, expect: { code: "notFound", status: 404, message: /has no active assignment .* to extend/ } },
  { name: "enableTargetsToSelfRemoveAccess on: userRemove removes the assignment", requestorSettings: { ...SELF_ADD, enableTargetsToSelfRemoveAccess: true }, setup: [{ actor: U.sam }], advance: HOUR, act: { actor: U.sam, input: { requestType: "userRemove" } }, expect: { state: "delivered", requestType: "userRemove", assignment: "removed" } },
  { name: "enableTargetsToSelfRemoveAccess off: the holder may not remove it", requestorSettings: SELF_ADD, setup: [{ actor: U.sam }], act: { actor: U.sam, input: { requestType: "userRemove" } }, expect: { code: "forbidden", status: 403, message: /does not let holders remove it themselves/, namesPolicy: true } },
  { name: "allowCustomAssignmentSchedule on: a shorter custom end is kept", requestorSettings: { ...SELF_ADD, allowCustomAssignmentSchedule: true }, act: { actor: U.sam, input: { schedule: { expiration: { endDateTime: plus(5 * DAY) } } } }, expect: { state: "delivered", assignment: { endAfterT0: 5 * DAY } } },
  { name: "allowCustomAssignmentSchedule off: any custom date is refused (400)", requestorSettings: SELF_ADD, act: { actor: U.sam, input: { schedule: { expiration: { endDateTime: plus(5 * DAY) } } } }, expect: { code: "invalid", status: 400, message: /does not allow a custom schedule/, field: "schedule" } },
  { name: "allowCustomAssignmentSchedule off: a custom start is refused too (400)", requestorSettings: SELF_ADD, act: { actor: U.sam, input: { schedule: { startDateTime: plus(DAY) } } }, expect: { code: "invalid", status: 400, message: /does not allow a custom schedule/, field: "schedule" } },
  { name: "enableOnBehalfRequestorsToAddAccess on: a sponsor requests for the agent (onBehalfAdd)", requestorSettings: { enableOnBehalfRequestorsToAddAccess: true, ...BEHALF }, act: { actor: U.leo, input: { targetId: A.expenseAuditor } }, expect: { state: "delivered", requestType: "onBehalfAdd", assignment: { endAfterT0: 30 * DAY } } },
  { name: "enableOnBehalfRequestorsToAddAccess off: a sponsor may not request for the agent", requestorSettings: { ...SELF_ADD, ...BEHALF }, act: { actor: U.leo, input: { targetId: A.expenseAuditor } }, expect: { code: "forbidden", status: 403, message: /does not allow requests on someone else's behalf/, namesPolicy: true } },
  { name: "enableOnBehalfRequestorsToUpdateAccess on: a sponsor extends the agent's assignment", requestorSettings: { enableOnBehalfRequestorsToAddAccess: true, enableOnBehalfRequestorsToUpdateAccess: true, ...BEHALF }, setup: [{ actor: U.leo, input: { targetId: A.expenseAuditor } }], advance: 20 * DAY, act: { actor: U.leo, input: { requestType: "userUpdate", targetId: A.expenseAuditor } }, expect: { state: "delivered", requestType: "userUpdate", assignment: { endAfterT0: 50 * DAY } } },
  { name: "enableOnBehalfRequestorsToUpdateAccess off: a sponsor may not extend", requestorSettings: { enableOnBehalfRequestorsToAddAccess: true, ...BEHALF }, setup: [{ actor: U.leo, input: { targetId: A.expenseAuditor } }], advance: 20 * DAY, act: { actor: U.leo, input: { requestType: "userUpdate", targetId: A.expenseAuditor } }, expect: { code: "forbidden", status: 403, message: /does not allow extensions on someone else's behalf/, namesPolicy: true } },
  { name: "enableOnBehalfRequestorsToRemoveAccess on: an owner removes the agent's assignment", requestorSettings: { enableOnBehalfRequestorsToAddAccess: true, enableOnBehalfRequestorsToRemoveAccess: true, ...BEHALF }, setup: [{ actor: U.leo, input: { targetId: A.expenseAuditor } }], act: { actor: U.leo, input: { requestType: "userRemove", targetId: A.expenseAuditor } }, expect: { state: "delivered", requestType: "userRemove", assignment: "removed" } },
  { name: "enableOnBehalfRequestorsToRemoveAccess off: a sponsor may not remove", requestorSettings: { enableOnBehalfRequestorsToAddAccess: true, ...BEHALF }, setup: [{ actor: U.leo, input: { targetId: A.expenseAuditor } }], act: { actor: U.leo, input: { requestType: "userRemove", targetId: A.expenseAuditor } }, expect: { code: "forbidden", status: 403, message: /does not allow removals on someone else's behalf/, namesPolicy: true } },
  { name: "isRequestorJustificationRequired on, none given: 400 with fieldErrors.justification", requestorSettings: SELF_ADD, justificationRequired: true, act: { actor: U.sam }, expect: { code: "invalid", status: 400, message: /justification is required/, field: "justification" } },
  { name: "isRequestorJustificationRequired on, only whitespace: 400", requestorSettings: SELF_ADD, justificationRequired: true, act: { actor: U.sam, input: { justification: "   " } }, expect: { code: "invalid", status: 400, message: /justification is required/, field: "justification" } },
  { name: "isRequestorJustificationRequired on, given: delivered", requestorSettings: SELF_ADD, justificationRequired: true, act: { actor: U.sam, input: { justification: "Month-end close" } }, expect: { state: "delivered" } },
  { name: "isRequestorJustificationRequired off, none given: delivered", requestorSettings: SELF_ADD, act: { actor: U.sam }, expect: { state: "delivered" } },
];

describe("3. requestor settings", () => {
  for (const c of flagCases) {
    it(c.name, async () => {
      const made = await makePolicy({
        allowedTargetScope: c.requestorSettings.enableTargetsToSelfAddAccess ? "allMemberUsers" : "allDirectoryAgentIdentities",
        requestorSettings: c.requestorSettings,
        requestApprovalSettings: { isRequestorJustificationRequired: c.justificationRequired ?? false },
        expiration: { type: "afterDuration", duration: "P30D" },
      });
      let held: string | null = null;
      for (const s of c.setup ?? []) {
        const r = await submit(s.actor, made.pkgId, s.input);
        expect(r.state).toBe("delivered");
        held = r.assignmentId;
      }
      now = plus(c.advance ?? 0);
      const call = submit(c.act.actor, made.pkgId, c.act.input);
      if ("code" in c.expect) {
        const e = await refused(call, c.expect.code, c.expect.status);
        expect(e.message).toMatch(c.expect.message);
        if (c.expect.namesPolicy) expect(e.message).toContain(`"${made.policyName}"`);
        if (c.expect.field) expect(e.fieldErrors?.[c.expect.field]?.length).toBeGreaterThan(0);
        if (held) {
          const a = await assignmentOf(held);
          expect(a.state).toBe("delivered");
          expect(a.endDateTime).toEqual(plus(30 * DAY));
        }
        return;
      }
      const req = await call;
      expect(req.state).toBe(c.expect.state);
      if (c.expect.requestType) expect(req.requestType).toBe(c.expect.requestType);
      if (held) expect(req.assignmentId).toBe(held);
      const a = await assignmentOf(req.assignmentId!);
      if (c.expect.assignment === "removed") {
        expect(a.state).toBe("removed");
        expect(await db().select().from(grants).where(eq(grants.assignmentId, a.id))).toEqual([]);
      } else if (c.expect.assignment) {
        expect(a.state).toBe("delivered");
        expect(a.endDateTime).toEqual(plus(c.expect.assignment.endAfterT0));
      }
    });
  }
});

// --- 4. expiration patterns ----------------------------------------------------------------------

const POLICY_END = new Date("2027-02-01T00:00:00.000Z");
const expirationCases: { name: string; expiration: PolicyBody["expiration"]; end: Date | null }[] = [
  { name: "noExpiration: no end date", expiration: { type: "noExpiration" }, end: null },
  { name: "afterDateTime: ends on the policy's date", expiration: { type: "afterDateTime", endDateTime: POLICY_END }, end: POLICY_END },
  { name: "afterDuration P30D: ends 30 days after the start", expiration: { type: "afterDuration", duration: "P30D" }, end: plus(30 * DAY) },
  { name: "afterDuration PT8H: ends 8 hours after the start", expiration: { type: "afterDuration", duration: "PT8H" }, end: plus(8 * HOUR) },
];

describe("4. expiration patterns (injected clock)", () => {
  for (const c of expirationCases) {
    it(c.name, async () => {
      const made = await makePolicy({ allowedTargetScope: "allMemberUsers", requestorSettings: SELF_ADD, expiration: c.expiration });
      const req = await submit(U.sam, made.pkgId);
      expect(req.state).toBe("delivered");
      expect(req.schedule).toMatchObject({ startDateTime: T0.toISOString(), endDateTime: c.end?.toISOString() ?? null });
      const a = await assignmentOf(req.assignmentId!);
      expect(a.startDateTime).toEqual(T0);
      expect(a.endDateTime).toEqual(c.end);
    });
  }
});

// --- 5. custom schedules -------------------------------------------------------------------------

type ScheduleCase = {
  name: string;
  expiration: PolicyBody["expiration"];
  approval?: boolean;
  schedule: NonNullable<RequestInput["schedule"]>;
  expect: { state: AssignmentRequest["state"]; start: Date; end: Date | null; afterApproval?: AssignmentRequest["state"] } | { message: RegExp; field: string };
};

const P30D = { type: "afterDuration", duration: "P30D" } as const;
const scheduleCases: ScheduleCase[] = [
  { name: "end exactly at the policy bound (start + P30D): accepted", expiration: P30D, schedule: { expiration: { endDateTime: plus(30 * DAY) } }, expect: { state: "delivered", start: T0, end: plus(30 * DAY) } },
  { name: "end one second beyond the policy bound: 400 \"at most\"", expiration: P30D, schedule: { expiration: { endDateTime: plus(30 * DAY + 1000) } }, expect: { message: /allows access until at most 30 days after the start/, field: "schedule.expiration" } },
  { name: "custom duration P7D within the bound: accepted", expiration: P30D, schedule: { expiration: { duration: "P7D" } }, expect: { state: "delivered", start: T0, end: plus(7 * DAY) } },
  { name: "custom duration P31D beyond the bound: 400 \"at most\"", expiration: P30D, schedule: { expiration: { duration: "P31D" } }, expect: { message: /at most/, field: "schedule.expiration" } },
  { name: "afterDateTime: end exactly at the policy date is accepted", expiration: { type: "afterDateTime", endDateTime: POLICY_END }, schedule: { expiration: { endDateTime: POLICY_END } }, expect: { state: "delivered", start: T0, end: POLICY_END } },
  { name: "afterDateTime: end one second after the policy date: 400 naming the date", expiration: { type: "afterDateTime", endDateTime: POLICY_END }, schedule: { expiration: { endDateTime: new Date(POLICY_END.getTime() + 1000) } }, expect: { message: /at most 2027-02-01T00:00:00.000Z/, field: "schedule.expiration" } },
  { name: "afterDateTime: a start after the policy date: 400", expiration: { type: "afterDateTime", endDateTime: POLICY_END }, schedule: { startDateTime: new Date(POLICY_END.getTime() + DAY) }, expect: { message: /stopped granting access/, field: "schedule" } },
  { name: "afterDateTime whose date has passed, no dates asked for: 400 saying the policy stopped granting", expiration: { type: "afterDateTime", endDateTime: new Date(T0.getTime() - DAY) }, schedule: {}, expect: { message: /stopped granting access/, field: "schedule" } },
  { name: "noExpiration: any custom end is accepted", expiration: { type: "noExpiration" }, schedule: { expiration: { endDateTime: plus(3650 * DAY) } }, expect: { state: "delivered", start: T0, end: plus(3650 * DAY) } },
  { name: "start one hour in the past: 400", expiration: P30D, schedule: { startDateTime: plus(-HOUR) }, expect: { message: /start date is in the past/, field: "schedule.startDateTime" } },
  { name: "start two minutes in the past (within clock skew): accepted", expiration: P30D, schedule: { startDateTime: plus(-2 * 60_000) }, expect: { state: "delivered", start: plus(-2 * 60_000), end: plus(30 * DAY - 2 * 60_000) } },
  { name: "end before start: 400", expiration: P30D, schedule: { startDateTime: plus(2 * DAY), expiration: { endDateTime: plus(DAY) } }, expect: { message: /end date must be after the start date/, field: "schedule.expiration" } },
  { name: "end equal to start: 400", expiration: P30D, schedule: { startDateTime: plus(2 * DAY), expiration: { endDateTime: plus(2 * DAY) } }, expect: { message: /end date must be after the start date/, field: "schedule.expiration" } },
  { name: "future start, no approval: state scheduled, the bound counts from the start", expiration: P30D, schedule: { startDateTime: plus(3 * DAY) }, expect: { state: "scheduled", start: plus(3 * DAY), end: plus(33 * DAY) } },
  { name: "future start with approval: pendingApproval, then scheduled once approved", expiration: P30D, approval: true, schedule: { startDateTime: plus(3 * DAY), expiration: { endDateTime: plus(10 * DAY) } }, expect: { state: "pendingApproval", start: plus(3 * DAY), end: plus(10 * DAY), afterApproval: "scheduled" } },
];

describe("5. custom schedules (policy allows custom)", () => {
  for (const c of scheduleCases) {
    it(c.name, async () => {
      const made = await makePolicy({
        allowedTargetScope: "allMemberUsers",
        requestorSettings: { ...SELF_ADD, allowCustomAssignmentSchedule: true },
        requestApprovalSettings: c.approval ? { isApprovalRequiredForAdd: true, stages: [{ primaryApprovers: [su(U.priya)] }] } : {},
        expiration: c.expiration,
      });
      const call = submit(U.sam, made.pkgId, { schedule: c.schedule });
      if ("message" in c.expect) {
        const e = await refused(call, "invalid", 400);
        expect(e.message).toMatch(c.expect.message);
        expect(e.fieldErrors?.[c.expect.field]?.length).toBeGreaterThan(0);
        expect(await requestsFor(made.pkgId)).toEqual([]);
        return;
      }
      const req = await call;
      expect(req.state).toBe(c.expect.state);
      expect(req.schedule).toMatchObject({ startDateTime: c.expect.start.toISOString(), endDateTime: c.expect.end?.toISOString() ?? null });
      if (c.expect.state === "delivered") {
        const a = await assignmentOf(req.assignmentId!);
        expect(a.startDateTime).toEqual(c.expect.start);
        expect(a.endDateTime).toEqual(c.expect.end);
      } else {
        expect(req.assignmentId).toBeNull();
      }
      if (c.expect.afterApproval) {
        const approved = await decide(U.priya, req.id);
        expect(approved.state).toBe(c.expect.afterApproval);
        expect(approved.assignmentId).toBeNull();
      }
    });
  }
});

// --- 6. separation of duties ---------------------------------------------------------------------

type SodCase = {
  name: string;
  /** Builds the conflict for `person` against the package `made`; returns the name the refusal must give. */
  arrange: (person: string, made: Made) => Promise<string | null>;
  approval?: boolean;
  /** With approval: what happens after submission, before the approver decides. */
  meanwhile?: (person: string, made: Made) => Promise<string>;
  expect: "refused" | "delivered" | "deliveryFailed";
};

const selfPolicy = (label: string, expiration: PolicyBody["expiration"] = { type: "noExpiration" }, roleIds: string[] = []) =>
  makePolicy({ allowedTargetScope: "allMemberUsers", requestorSettings: SELF_ADD, expiration }, { label, roleIds });

async function holdPackage(person: string, label: string, expiration?: PolicyBody["expiration"], roleIds?: string[]): Promise<Made> {
  const other = await selfPolicy(label, expiration, roleIds);
  const r = await submit(person, other.pkgId);
  expect(r.state).toBe("delivered");
  return other;
}

async function newGroup(label: string): Promise<{ id: string; name: string }> {
  const name = `SoD group ${++seq} ${label}`;
  const [g] = await db().insert(groups).values({ displayName: name, description: "test group" }).returning();
  return { id: g.id, name };
}

const sodCases: SodCase[] = [
  {
    name: "incompatible access package already held (row: new → held): 403 naming the held package",
    arrange: async (person, made) => {
      const held = await holdPackage(person, "held A");
      await db().insert(incompatibleAccessPackages).values({ accessPackageId: made.pkgId, incompatibleAccessPackageId: held.pkgId });
      return held.pkgName;
    },
    expect: "refused",
  },
  {
    name: "incompatible access package already held (row: held → new, the other direction): 403 naming it",
    arrange: async (person, made) => {
      const held = await holdPackage(person, "held B");
      await db().insert(incompatibleAccessPackages).values({ accessPackageId: held.pkgId, incompatibleAccessPackageId: made.pkgId });
      return held.pkgName;
    },
    expect: "refused",
  },
  {
    name: "incompatible access package whose assignment has expired: no conflict",
    arrange: async (person, made) => {
      const held = await holdPackage(person, "expired", { type: "afterDuration", duration: "PT8H" });
      await db().insert(incompatibleAccessPackages).values({ accessPackageId: made.pkgId, incompatibleAccessPackageId: held.pkgId });
      now = plus(9 * HOUR);
      return null;
    },
    expect: "delivered",
  },
  {
    name: "incompatible group, direct membership (group_members row): 403 naming the group",
    arrange: async (person, made) => {
      const g = await newGroup("direct");
      await db().insert(groupMembers).values({ groupId: g.id, principalId: person });
      await db().insert(incompatibleGroups).values({ accessPackageId: made.pkgId, groupId: g.id });
      return g.name;
    },
    expect: "refused",
  },
  {
    name: "incompatible group, membership via a grant from another package: 403 naming the group",
    arrange: async (person, made) => {
      const g = await newGroup("granted");
      const res = await addResourceToCatalog({ ctx: await as(U.ines), input: { catalogId: CAT, originSystem: "AadGroup", originId: g.id } });
      const member = res.roles.find((r) => r.originId === "Member")!;
      const via = await holdPackage(person, "grants the group", undefined, [member.id]);
      const [{ n }] = await db().select({ n: count() }).from(grants).where(and(eq(grants.principalId, person), eq(grants.resourceRoleId, member.id)));
      expect(n, `"${via.pkgName}" delivered the group membership`).toBe(1);
      expect(await db().select().from(groupMembers).where(eq(groupMembers.principalId, person))).toEqual([]);
      await db().insert(incompatibleGroups).values({ accessPackageId: made.pkgId, groupId: g.id });
      return g.name;
    },
    expect: "refused",
  },
  {
    name: "incompatible group the person is not in: no conflict",
    arrange: async (person, made) => {
      const g = await newGroup("not a member");
      await db().insert(groupMembers).values({ groupId: g.id, principalId: U.helen });
      await db().insert(incompatibleGroups).values({ accessPackageId: made.pkgId, groupId: g.id });
      return null;
    },
    expect: "delivered",
  },
  {
    name: "incompatible package acquired while the request waits for approval: checked again at delivery (deliveryFailed)",
    approval: true,
    arrange: async () => null,
    meanwhile: async (person, made) => {
      const held = await selfPolicy("acquired later");
      await db().insert(incompatibleAccessPackages).values({ accessPackageId: made.pkgId, incompatibleAccessPackageId: held.pkgId });
      expect((await submit(person, held.pkgId)).state).toBe("delivered");
      return held.pkgName;
    },
    expect: "deliveryFailed",
  },
];

describe("6. separation of duties", () => {
  sodCases.forEach((c, i) => {
    it(c.name, async () => {
      const person = X.sod[i];
      const made = await makePolicy(
        {
          allowedTargetScope: "allMemberUsers",
          requestorSettings: SELF_ADD,
          requestApprovalSettings: c.approval ? { isApprovalRequiredForAdd: true, stages: [{ primaryApprovers: [su(U.priya)] }] } : {},
        },
        { label: "guarded" },
      );
      const named = await c.arrange(person, made);
      if (c.expect === "refused") {
        const e = await refused(submit(person, made.pkgId), "forbidden", 403);
        expect(e.message).toMatch(/^Separation of duties/);
        expect(e.message).toContain(`"${named}"`);
        expect(await requestsFor(made.pkgId)).toEqual([]);
        return;
      }
      let req = await submit(person, made.pkgId);
      if (c.meanwhile) {
        expect(req.state).toBe("pendingApproval");
        const name = await c.meanwhile(person, made);
        req = await decide(U.priya, req.id);
        expect(req.state).toBe(c.expect);
        expect(req.status).toContain(`"${name}"`);
        expect(req.assignmentId).toBeNull();
        return;
      }
      expect(req.state).toBe(c.expect);
    });
  });
});

// --- 7. questions --------------------------------------------------------------------------------

const QUESTIONS: PolicyBody["questions"] = [
  {
    "@odata.type": "#microsoft.graph.accessPackageMultipleChoiceQuestion",
    id: "env",
    text: "Which environment?",
    isRequired: true,
    sequence: 2,
    choices: [
      { actualValue: "prod", text: "Production" },
      { actualValue: "dev", text: "Development" },
    ],
  },
  { "@odata.type": "#microsoft.graph.accessPackageTextInputQuestion", id: "ticket", text: "Change ticket number", isRequired: true, sequence: 1, regexPattern: "CHG-\\d+" },
  { "@odata.type": "#microsoft.graph.accessPackageTextInputQuestion", id: "notes", text: "Anything else?", isRequired: false, sequence: 3 },
  {
    "@odata.type": "#microsoft.graph.accessPackageMultipleChoiceQuestion",
    id: "regions",
    text: "Which regions?",
    isRequired: false,
    sequence: 4,
    allowsMultipleSelection: true,
    choices: [
      { actualValue: "eu", text: "Europe" },
      { actualValue: "us", text: "United States" },
    ],
  },
];

type Answers = NonNullable<RequestInput["answers"]>;
const questionCases: { name: string; answers: Answers; stored?: unknown[]; error?: { key: string; message: RegExp } }[] = [
  {
    name: "valid answers are stored with the question text and display value, in sequence order",
    answers: [
      { questionId: "env", value: "prod" },
      { questionId: "ticket", value: " CHG-42 " },
    ],
    stored: [
      { questionId: "ticket", question: "Change ticket number", value: "CHG-42", displayValue: "CHG-42" },
      { questionId: "env", question: "Which environment?", value: "prod", displayValue: "Production" },
    ],
  },
  {
    name: "multiple selection and optional text are stored too",
    answers: [
      { questionId: "ticket", value: "CHG-7" },
      { questionId: "env", value: ["dev"] },
      { questionId: "notes", value: "night shift" },
      { questionId: "regions", value: ["eu", "us"] },
    ],
    stored: [
      { questionId: "ticket", question: "Change ticket number", value: "CHG-7", displayValue: "CHG-7" },
      { questionId: "env", question: "Which environment?", value: "dev", displayValue: "Development" },
      { questionId: "notes", question: "Anything else?", value: "night shift", displayValue: "night shift" },
      { questionId: "regions", question: "Which regions?", value: ["eu", "us"], displayValue: "Europe, United States" },
    ],
  },
  { name: "missing required answer: 400 with answers.env", answers: [{ questionId: "ticket", value: "CHG-1" }], error: { key: "answers.env", message: /"Which environment\?" needs an answer/ } },
  { name: "blank required answer: 400 with answers.ticket", answers: [{ questionId: "ticket", value: "   " }, { questionId: "env", value: "prod" }], error: { key: "answers.ticket", message: /"Change ticket number" needs an answer/ } },
  { name: "invalid choice for a multiple-choice question: 400", answers: [{ questionId: "ticket", value: "CHG-1" }, { questionId: "env", value: "staging" }], error: { key: "answers.env", message: /not a choice of "Which environment\?": staging/ } },
  { name: "two choices for a single-selection question: 400", answers: [{ questionId: "ticket", value: "CHG-1" }, { questionId: "env", value: ["prod", "dev"] }], error: { key: "answers.env", message: /choose one answer/ } },
  { name: "text answer not matching the pattern: 400", answers: [{ questionId: "ticket", value: "42" }, { questionId: "env", value: "prod" }], error: { key: "answers.ticket", message: /not in the expected format/ } },
  { name: "unknown question id: 400 with answers.<that id>", answers: [{ questionId: "ticket", value: "CHG-1" }, { questionId: "env", value: "prod" }, { questionId: "bogus", value: "x" }], error: { key: "answers.bogus", message: /no such question on this policy/ } },
];

describe("7. questions", () => {
  for (const c of questionCases) {
    it(c.name, async () => {
      const made = await makePolicy({ allowedTargetScope: "allMemberUsers", requestorSettings: SELF_ADD, questions: QUESTIONS });
      const call = submit(U.sam, made.pkgId, { answers: c.answers });
      if (c.error) {
        const e = await refused(call, "invalid", 400);
        expect(e.fieldErrors?.[c.error.key]?.join(" ")).toMatch(c.error.message);
        expect(e.message).toMatch(/^Check your answers/);
        expect(await requestsFor(made.pkgId)).toEqual([]);
        return;
      }
      const req = await call;
      expect(req.state).toBe("delivered");
      expect(req.answers).toEqual(c.stored);
      const [row] = await db().select({ answers: assignmentRequests.answers }).from(assignmentRequests).where(eq(assignmentRequests.id, req.id));
      expect(row.answers).toEqual(c.stored);
    });
  }
});

// --- 8. attribute rules --------------------------------------------------------------------------

const ruleScopeCases: ScopeCase[] = [
  { scope: "specificDirectoryUsers", label: ' (rule user.department -eq "Finance")', targets: [rule('user.department -eq "Finance"')], may: [["Sam (Finance)", U.sam], ["Tomas (Finance)", U.tomas]], mayNot: [["Aisha (Finance Systems)", U.aisha], ["Leo (Engineering)", U.leo]], refusal: /is for specific users/ },
  { scope: "specificDirectoryUsers", label: ' (rule user.department -startsWith "finance", any case)', targets: [rule('user.department -startsWith "finance"')], may: [["Aisha (Finance Systems)", U.aisha]], mayNot: [["Maya (Customer Support Engineering)", U.maya]], refusal: /is for specific users/ },
  { scope: "specificDirectoryUsers", label: ' (rule with -and / -not)', targets: [rule('user.jobTitle -contains "engineer" -and -not user.department -eq "Engineering"')], may: [["Aisha", U.aisha], ["Maya", U.maya]], mayNot: [["Leo (Engineering)", U.leo], ["Sam", U.sam]], refusal: /is for specific users/ },
  { scope: "specificDirectoryUsers", label: ' (rule user.userType -eq "guest")', targets: [rule('user.userType -eq "guest"')], may: [GUEST], mayNot: [MEMBER], refusal: /is for specific users/ },
  { scope: "specificDirectoryServicePrincipals", label: ' (rule agent.publisher -eq "Fabrikam AI")', targets: [rule('agent.publisher -eq "Fabrikam AI"')], may: [["Fabrikam agent", A.expenseAuditor]], mayNot: [["Contoso agent", A.triage], SERVICE_PRINCIPAL], refusal: /is for specific service principals/ },
  { scope: "specificDirectoryServicePrincipals", label: ' (rule agent.blueprintDisplayName -in [...])', targets: [rule('agent.blueprintDisplayName -in ["Contoso Support Copilot"]')], may: [["Support Copilot agent", A.kbCurator]], mayNot: [["Finance Insights agent", A.invoiceReconciliation]], refusal: /is for specific service principals/ },
];

const malformedRules: { rule: string; message: RegExp }[] = [
  { rule: "user.department -eq", message: /Expected a value .* at position 20/ },
  { rule: 'user.department -eq "Finance', message: /Unterminated string at position 21/ },
  { rule: 'user.nope -eq "x"', message: /Unknown attribute 'nope' of user .* at position 6/ },
  { rule: '(user.department -eq "x"', message: /Expected '\)' at position 25/ },
  { rule: 'department -eq "x"', message: /Unknown property 'department' .* at position 1/ },
  { rule: 'user.department ~ "x"', message: /Unexpected character '~' at position 17/ },
];

describe("8. attribute rules", () => {
  for (const c of ruleScopeCases) {
    it(`valid rule as specificAllowedTargets${c.label}: ${c.may.map((w) => w[0]).join(", ")} may; ${c.mayNot.map((w) => w[0]).join(", ")} may not`, async () => {
      await runScopeCase(c);
    });
  }

  for (const c of malformedRules) {
    it(`malformed rule ${JSON.stringify(c.rule)}: createPolicy 400 naming the position`, async () => {
      const ines = await as(U.ines);
      const pkg = await createAccessPackage({ ctx: ines, input: { catalogId: CAT, displayName: `Rules malformed ${++seq}` } });
      const asTargets = await refused(
        createPolicy({ ctx: ines, input: { accessPackageId: pkg.id, displayName: "Bad rule", allowedTargetScope: "specificDirectoryUsers", specificAllowedTargets: [rule(c.rule)] } }),
        "invalid",
        400,
      );
      expect(asTargets.message).toMatch(c.message);
      expect(asTargets.message).toMatch(/invalid membership rule/);
      expect(asTargets.fieldErrors?.["specificAllowedTargets.0.membershipRule"]?.[0]).toMatch(c.message);
      const asApprovers = await refused(
        createPolicy({
          ctx: ines,
          input: { accessPackageId: pkg.id, displayName: "Bad approver rule", allowedTargetScope: "allMemberUsers", requestApprovalSettings: { isApprovalRequiredForAdd: true, stages: [{ primaryApprovers: [rule(c.rule)] }] } },
        }),
        "invalid",
        400,
      );
      expect(asApprovers.fieldErrors?.["requestApprovalSettings.stages.0.primaryApprovers.0.membershipRule"]?.[0]).toMatch(c.message);
      const [{ n }] = await db().select({ n: count() }).from(assignmentPolicies).where(eq(assignmentPolicies.accessPackageId, pkg.id));
      expect(n).toBe(0);
    });
  }
});
