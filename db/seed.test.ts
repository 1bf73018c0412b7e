import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { openPglite, type Database, type Db } from "./index";
import {
  accessPackages,
  adminRoleAssignments,
  agentBlueprints,
  agentSponsors,
  apiPermissions,
  applicationOwners,
  applications,
  assignmentPolicies,
  assignmentRequests,
  assignments,
  catalogRoleAssignments,
  catalogs,
  groups,
  incompatibleAccessPackages,
  principalOwners,
  principals,
  resourceRoles,
  resourceRoleScopes,
  resources,
} from "./schema";
import { SEED_IDS, seed, seedIfEmpty, type SeedSummary } from "./seed";
import { policyInputSchema } from "@/lib/policies/settings";

let database: Database;
let db: Db;
let summary: SeedSummary;

beforeAll(async () => {
  database = await openPglite("memory://");
  db = database.db;
  summary = await seed(db);
});

afterAll(async () => {
  await database?.close();
});

describe("demo seed", () => {
  it("reports counts that match the database", async () => {
    const all = await db.select().from(principals);
    const byType = (t: string) => all.filter((p) => p.type === t).length;
    expect(byType("user")).toBe(summary.users);
    expect(summary.users).toBe(10);
    expect(byType("agentIdentity")).toBe(summary.agentIdentities);
    expect(summary.agentIdentities).toBeGreaterThanOrEqual(8);
    expect(byType("agentUser")).toBe(1);
    expect(byType("servicePrincipal")).toBe(2);
    expect((await db.select().from(agentBlueprints)).length).toBe(2);
    expect((await db.select().from(catalogs)).length).toBe(2);
    expect((await db.select().from(resources)).length).toBe(summary.resources);
    expect((await db.select().from(resourceRoles)).length).toBe(summary.resourceRoles);
    expect((await db.select().from(accessPackages)).length).toBe(summary.accessPackages);
    expect(summary.accessPackages).toBeGreaterThanOrEqual(4);
    expect((await db.select().from(assignmentPolicies)).length).toBe(summary.assignmentPolicies);
    expect((await db.select().from(assignmentRequests)).length).toBe(0);
    expect((await db.select().from(assignments)).length).toBe(0);
  });

  it("has the people, their manager chain and admin roles", async () => {
    const [maya] = await db.select().from(principals).where(eq(principals.id, SEED_IDS.users.maya));
    expect(maya).toMatchObject({ displayName: "Maya Chen", mail: "maya.chen@contoso.example", userPrincipalName: "maya.chen@contoso.example", userType: "member", managerId: SEED_IDS.users.daniel });
    const [daniel] = await db.select().from(principals).where(eq(principals.id, SEED_IDS.users.daniel));
    expect(daniel.managerId).toBe(SEED_IDS.users.helen);
    const [helen] = await db.select().from(principals).where(eq(principals.id, SEED_IDS.users.helen));
    expect(helen.managerId).toBeNull();
    const [sam] = await db.select().from(principals).where(eq(principals.id, SEED_IDS.users.sam));
    expect(sam.managerId).toBe(SEED_IDS.users.tomas);

    expect(await db.select().from(adminRoleAssignments)).toEqual([
      expect.objectContaining({ principalId: SEED_IDS.users.ines, role: "identityGovernanceAdministrator" }),
    ]);
    const catalogRoles = await db.select().from(catalogRoleAssignments);
    expect(catalogRoles).toContainEqual(expect.objectContaining({ catalogId: SEED_IDS.catalogs.agentPlatform, principalId: SEED_IDS.users.carlos, role: "owner" }));
  });

  it("gives every agent 1-2 sponsors and an owner; one agent is disabled", async () => {
    const agents = await db.select().from(principals).where(eq(principals.type, "agentIdentity"));
    const sponsors = await db.select().from(agentSponsors);
    const owners = await db.select().from(principalOwners);
    for (const a of agents) {
      const n = sponsors.filter((s) => s.agentId === a.id).length;
      expect(n, a.displayName).toBeGreaterThanOrEqual(1);
      expect(n, a.displayName).toBeLessThanOrEqual(2);
      expect(owners.some((o) => o.principalId === a.id), a.displayName).toBe(true);
      expect(a.appId).toBeTruthy();
      expect(a.blueprintId).toBeTruthy();
      expect(a.lastSignInAt!.getTime()).toBeLessThan(Date.now());
    }
    expect(agents.filter((a) => !a.accountEnabled).map((a) => a.id)).toEqual([SEED_IDS.agents.forecastModeler]);
    expect(agents.some((a) => sponsors.filter((s) => s.agentId === a.id).length === 2)).toBe(true);
    const count = (u: string) => new Set(sponsors.filter((s) => s.sponsorId === u).map((s) => s.agentId)).size;
    expect(count(SEED_IDS.users.maya)).toBe(3);
    expect(count(SEED_IDS.users.leo)).toBe(3);
    expect(count(SEED_IDS.users.aisha)).toBeGreaterThanOrEqual(2);
    // some owners are not sponsors of the agent they own
    expect(owners.some((o) => agents.some((a) => a.id === o.principalId) && !sponsors.some((s) => s.agentId === o.principalId && s.sponsorId === o.ownerId))).toBe(true);

    const [agentUser] = await db.select().from(principals).where(eq(principals.type, "agentUser"));
    expect(agentUser.agentIdentityId).toBe(SEED_IDS.agents.escalationSummarizer);
    expect(agentUser.mail).toBeTruthy();
  });

  it("has the service principals with their applications and owners", async () => {
    const sps = await db.select().from(principals).where(eq(principals.type, "servicePrincipal"));
    const apps = await db.select().from(applications);
    expect(sps.map((s) => s.displayName).sort()).toEqual(["Payroll Sync", "Steward Automation"]);
    for (const sp of sps) {
      const app = apps.find((a) => a.id === sp.applicationId)!;
      expect(app.appId).toBe(sp.appId);
    }
    const owners = await db.select().from(principalOwners);
    expect(owners).toContainEqual({ principalId: SEED_IDS.servicePrincipals.payrollSync, ownerId: SEED_IDS.users.tomas });
    expect(owners).toContainEqual({ principalId: SEED_IDS.servicePrincipals.stewardAutomation, ownerId: SEED_IDS.users.ines });
    expect(await db.select().from(applicationOwners)).toContainEqual({ applicationId: SEED_IDS.applications.payrollSync, ownerId: SEED_IDS.users.tomas });
    const perms = await db.select().from(apiPermissions).where(eq(apiPermissions.applicationId, SEED_IDS.applications.microsoftGraph));
    expect(perms.length).toBe(6);
    expect((await db.select().from(groups)).length).toBe(5);
  });

  it("creates every person and identity before its last sign-in, as a directory that existed before today", async () => {
    const rows = await db.select({ displayName: principals.displayName, createdAt: principals.createdAt, lastSignInAt: principals.lastSignInAt }).from(principals);
    expect(rows.length).toBeGreaterThan(10);
    const signedInBeforeCreated = rows.filter((r) => r.lastSignInAt && r.lastSignInAt < r.createdAt).map((r) => r.displayName);
    expect(signedInBeforeCreated).toEqual([]);
  });

  it("derives resource roles per origin system", async () => {
    const rs = await db.select().from(resources);
    const roles = await db.select().from(resourceRoles);
    const rolesOf = (resourceId: string) => roles.filter((r) => r.resourceId === resourceId);
    expect(rolesOf(SEED_IDS.resources.supportTier2).map((r) => r.originId).sort()).toEqual(["Member", "Owner"]);
    expect(rolesOf(SEED_IDS.resources.supportTier2).every((r) => r.assignableToServicePrincipals)).toBe(true);
    expect(rolesOf(SEED_IDS.resources.helpdesk).map((r) => r.displayName).sort()).toEqual(["Admin", "Ticket.Read", "Ticket.Write"]);
    expect(rolesOf(SEED_IDS.resources.helpdesk).every((r) => !r.assignableToServicePrincipals && r.assignableToUsers)).toBe(true);
    const graph = rolesOf(SEED_IDS.resources.microsoftGraph);
    expect(graph.length).toBe(6);
    const userReadAll = graph.find((r) => r.originId === SEED_IDS.apiPermissions.userReadAllApplication)!;
    expect(userReadAll).toMatchObject({ displayName: "User.Read.All (application)", assignableToServicePrincipals: true, assignableToUsers: false });
    const mailSend = graph.find((r) => r.originId === SEED_IDS.apiPermissions.mailSendDelegated)!;
    expect(mailSend).toMatchObject({ displayName: "Mail.Send (delegated)", assignableToServicePrincipals: false, assignableToUsers: true });
    expect(rolesOf(SEED_IDS.resources.directoryReaders)).toEqual([
      expect.objectContaining({ originId: SEED_IDS.directoryRoles.directoryReaders, displayName: "Directory Readers", assignableToServicePrincipals: true }),
    ]);
    expect(rolesOf(SEED_IDS.resources.financeTeamSite).map((r) => r.originId)).toEqual(["Read", "Edit", "Full Control"]);
    const agentPlatform = rs.filter((r) => r.catalogId === SEED_IDS.catalogs.agentPlatform).map((r) => r.displayName).sort();
    expect(agentPlatform).toEqual(["Contoso Helpdesk", "Directory Readers", "Microsoft Graph", "Production Break-Glass", "Support Tier 2"]);
    const finance = rs.filter((r) => r.catalogId === SEED_IDS.catalogs.financeOperations).map((r) => r.displayName).sort();
    expect(finance).toEqual(["Finance Readers", "Finance Team Site", "Project Phoenix Team", "User Administrator"]);
  });

  it("gives each package its roles, from its own catalog", async () => {
    const scopes = await db
      .select({ packageId: resourceRoleScopes.accessPackageId, role: resourceRoles.displayName, resourceCatalog: resources.catalogId, packageCatalog: accessPackages.catalogId })
      .from(resourceRoleScopes)
      .innerJoin(resourceRoles, eq(resourceRoles.id, resourceRoleScopes.resourceRoleId))
      .innerJoin(resources, eq(resources.id, resourceRoles.resourceId))
      .innerJoin(accessPackages, eq(accessPackages.id, resourceRoleScopes.accessPackageId));
    for (const s of scopes) expect(s.resourceCatalog).toBe(s.packageCatalog);
    const of = (id: string) => scopes.filter((s) => s.packageId === id).map((s) => s.role).sort();
    expect(of(SEED_IDS.packages.supportTicketTriage)).toEqual(["Member", "User.Read.All (application)"]);
    expect(of(SEED_IDS.packages.directoryRead8h)).toEqual(["Directory Readers", "Directory.Read.All (application)"]);
    expect(of(SEED_IDS.packages.projectPhoenixMember)).toEqual(["Member", "Read"]);
    expect(await db.select().from(incompatibleAccessPackages)).toEqual([
      { accessPackageId: SEED_IDS.packages.productionBreakGlass, incompatibleAccessPackageId: SEED_IDS.packages.directoryRead8h },
    ]);
  });

  it("stores policies that parse with policyInputSchema", async () => {
    const rows = await db.select().from(assignmentPolicies);
    const pkgs = await db.select().from(accessPackages);
    for (const pkg of pkgs) expect(rows.filter((r) => r.accessPackageId === pkg.id).length, pkg.displayName).toBe(1);
    for (const r of rows) {
      const parsed = policyInputSchema.parse({
        accessPackageId: r.accessPackageId,
        displayName: r.displayName,
        description: r.description,
        allowedTargetScope: r.allowedTargetScope,
        specificAllowedTargets: r.specificAllowedTargets,
        requestorSettings: r.requestorSettings,
        requestApprovalSettings: r.requestApprovalSettings,
        expiration: r.expiration,
        questions: r.questions,
      });
      expect(parsed.displayName).toBe(r.displayName);
    }
    const byId = (id: string) => {
      const r = rows.find((x) => x.id === id)!;
      return policyInputSchema.parse({ ...r, createdAt: undefined, modifiedAt: undefined, id: undefined });
    };
    const triage = byId(SEED_IDS.policies.supportTicketTriage);
    expect(triage.allowedTargetScope).toBe("allDirectoryAgentIdentities");
    expect(triage.requestApprovalSettings.stages[0].primaryApprovers).toEqual([expect.objectContaining({ "@odata.type": "#microsoft.graph.singleUser", userId: SEED_IDS.users.priya })]);
    expect(triage.expiration).toEqual({ type: "afterDuration", duration: "P90D" });
    const dir = byId(SEED_IDS.policies.directoryRead8h);
    expect(dir.requestApprovalSettings.isApprovalRequiredForAdd).toBe(false);
    expect(dir.requestApprovalSettings.stages).toEqual([]);
    expect(dir.expiration.duration).toBe("PT8H");
    const finance = byId(SEED_IDS.policies.financeReportingAgent);
    expect(finance.requestApprovalSettings.stages[0].primaryApprovers).toEqual([{ "@odata.type": "#microsoft.graph.targetAgentIdentitySponsorsOrOwners", isBackup: false }]);
    const phoenix = byId(SEED_IDS.policies.projectPhoenixMember);
    expect(phoenix.allowedTargetScope).toBe("allMemberUsers");
    expect(phoenix.questions).toHaveLength(1);
    expect(phoenix.questions[0]).toMatchObject({ text: "Which Phoenix workstream will you join?", isRequired: true });
  });

  it("seedIfEmpty does nothing on a seeded database", async () => {
    expect(await seedIfEmpty(db)).toBe(false);
    expect((await db.select().from(principals).where(eq(principals.type, "user"))).length).toBe(summary.users);
  });

  it("seedIfEmpty seeds an empty database", async () => {
    const other = await openPglite("memory://");
    try {
      expect(await seedIfEmpty(other.db)).toBe(true);
      expect(await seedIfEmpty(other.db)).toBe(false);
    } finally {
      await other.close();
    }
  });
});
