/**
 * The demo organisation: Contoso, its people, AI agents, service principals, groups, apps,
 * two catalogs and a handful of access packages. No requests or assignments: the domain
 * verbs create those.
 *
 * Important objects have fixed ids (SEED_IDS) so tests and docs can name them.
 */
import { sql } from "drizzle-orm";
import type { Db } from "./index";
import {
  accessPackages,
  adminRoleAssignments,
  appPermissionGrants,
  agentBlueprints,
  agentSponsors,
  apiPermissions,
  applicationOwners,
  applications,
  appRoles,
  assignmentPolicies,
  catalogRoleAssignments,
  catalogs,
  directoryRoles,
  groupMembers,
  groupOwners,
  groups,
  incompatibleAccessPackages,
  incompatibleGroups,
  principalOwners,
  principals,
  resourceRoles,
  resourceRoleScopes,
  resources,
  sites,
  type ResourceOriginSystem,
} from "./schema";
import { loadDirectoryObject } from "../lib/catalogs/derive-resource-roles";
import { policyInputSchema, type PolicyInput, type SubjectSet } from "../lib/policies/settings";

const id = (n: number) => `00000000-0000-4000-8000-${n.toString().padStart(12, "0")}`;
const appId = (n: number) => `00000000-0000-4000-a000-${n.toString().padStart(12, "0")}`;

export const SEED_IDS = {
  users: {
    ines: id(101),
    carlos: id(102),
    priya: id(103),
    tomas: id(104),
    helen: id(105),
    daniel: id(106),
    maya: id(107),
    leo: id(108),
    aisha: id(109),
    sam: id(110),
  },
  agents: {
    triage: id(201),
    kbCurator: id(202),
    escalationSummarizer: id(203),
    invoiceReconciliation: id(204),
    expenseAuditor: id(205),
    forecastModeler: id(206),
    releaseNotes: id(207),
    onCall: id(208),
  },
  /** The appId (client id) each agent signs in with. */
  agentAppIds: {
    triage: appId(201),
    kbCurator: appId(202),
    escalationSummarizer: appId(203),
    invoiceReconciliation: appId(204),
    expenseAuditor: appId(205),
    forecastModeler: appId(206),
    releaseNotes: appId(207),
    onCall: appId(208),
  },
  agentUsers: {
    escalationSummarizer: id(301),
  },
  servicePrincipals: {
    payrollSync: id(401),
    stewardAutomation: id(402),
  },
  applications: {
    payrollSync: id(501),
    stewardAutomation: id(502),
    helpdesk: id(503),
    microsoftGraph: id(504),
  },
  /** applications.appId; a service principal's appId is its application's. */
  applicationAppIds: {
    payrollSync: appId(501),
    stewardAutomation: appId(502),
    helpdesk: appId(503),
    microsoftGraph: appId(504),
  },
  blueprints: {
    supportCopilot: id(601),
    financeInsights: id(602),
  },
  groups: {
    supportTier2: id(701),
    financeReaders: id(702),
    projectPhoenix: id(703),
    breakGlass: id(704),
    engineeringAll: id(705),
  },
  appRoles: {
    ticketRead: id(801),
    ticketWrite: id(802),
    helpdeskAdmin: id(803),
  },
  apiPermissions: {
    userReadDelegated: id(811),
    mailSendDelegated: id(812),
    calendarsReadDelegated: id(813),
    userReadAllApplication: id(814),
    directoryReadAllApplication: id(815),
    mailSendApplication: id(816),
  },
  directoryRoles: {
    directoryReaders: id(821),
    userAdministrator: id(822),
  },
  sites: {
    financeTeamSite: id(831),
  },
  catalogs: {
    agentPlatform: id(901),
    financeOperations: id(902),
  },
  resources: {
    supportTier2: id(951),
    breakGlass: id(952),
    microsoftGraph: id(953),
    directoryReaders: id(954),
    helpdesk: id(955),
    financeReaders: id(961),
    projectPhoenix: id(962),
    financeTeamSite: id(963),
    userAdministrator: id(964),
  },
  packages: {
    supportTicketTriage: id(1001),
    financeReportingAgent: id(1002),
    directoryRead8h: id(1003),
    projectPhoenixMember: id(1004),
    helpdeskOperator: id(1005),
    productionBreakGlass: id(1006),
  },
  policies: {
    supportTicketTriage: id(1101),
    financeReportingAgent: id(1102),
    directoryRead8h: id(1103),
    projectPhoenixMember: id(1104),
    helpdeskOperator: id(1105),
    productionBreakGlass: id(1106),
  },
} as const;

export type SeedSummary = {
  users: number;
  agentIdentities: number;
  agentUsers: number;
  servicePrincipals: number;
  agentBlueprints: number;
  groups: number;
  applications: number;
  directoryRoles: number;
  sites: number;
  catalogs: number;
  resources: number;
  resourceRoles: number;
  accessPackages: number;
  assignmentPolicies: number;
};

const U = SEED_IDS.users;
const A = SEED_IDS.agents;
const G = SEED_IDS.groups;
const R = SEED_IDS.resources;
const P = SEED_IDS.packages;

const DAY = 24 * 60 * 60 * 1000;

type Person = {
  id: string;
  first: string;
  last: string;
  department: string;
  jobTitle: string;
  managerId: string | null;
};

const PEOPLE: Person[] = [
  { id: U.helen, first: "Helen", last: "Park", department: "Engineering", jobTitle: "VP Engineering", managerId: null },
  { id: U.daniel, first: "Daniel", last: "Okafor", department: "Engineering", jobTitle: "Engineering Director", managerId: U.helen },
  { id: U.priya, first: "Priya", last: "Raman", department: "Security", jobTitle: "Security Operations Lead", managerId: U.helen },
  { id: U.ines, first: "Ines", last: "Alvarez", department: "Identity & Access Management", jobTitle: "Identity Governance Administrator", managerId: U.priya },
  { id: U.tomas, first: "Tomas", last: "Novak", department: "Finance", jobTitle: "Finance Systems Manager", managerId: null },
  { id: U.carlos, first: "Carlos", last: "Mendes", department: "Engineering", jobTitle: "AI Platform Product Owner", managerId: U.daniel },
  { id: U.maya, first: "Maya", last: "Chen", department: "Customer Support Engineering", jobTitle: "Support Engineering Manager", managerId: U.daniel },
  { id: U.leo, first: "Leo", last: "Fischer", department: "Engineering", jobTitle: "Data Engineering Lead", managerId: U.daniel },
  { id: U.aisha, first: "Aisha", last: "Bello", department: "Finance Systems", jobTitle: "Business Systems Engineer", managerId: U.tomas },
  { id: U.sam, first: "Sam", last: "Taylor", department: "Finance", jobTitle: "Financial Analyst", managerId: U.tomas },
];

export const personMail = (first: string, last: string) => `${first.toLowerCase()}.${last.toLowerCase()}@contoso.example`;

type Agent = {
  key: keyof typeof A;
  displayName: string;
  description: string;
  blueprintId: string;
  sponsors: string[];
  owners: string[];
  lastSignInDaysAgo: number;
  accountEnabled?: boolean;
};

const AGENTS: Agent[] = [
  {
    key: "triage",
    displayName: "Ticket Triage Agent",
    description: "Reads incoming support tickets, sets priority and routes them to the right Tier 2 queue.",
    blueprintId: SEED_IDS.blueprints.supportCopilot,
    sponsors: [U.maya],
    owners: [U.carlos],
    lastSignInDaysAgo: 0.1,
  },
  {
    key: "kbCurator",
    displayName: "Knowledge Base Curator",
    description: "Turns resolved tickets into draft knowledge base articles and flags outdated ones.",
    blueprintId: SEED_IDS.blueprints.supportCopilot,
    sponsors: [U.maya],
    owners: [U.maya],
    lastSignInDaysAgo: 2,
  },
  {
    key: "escalationSummarizer",
    displayName: "Escalation Summarizer",
    description: "Summarises escalated tickets for the duty manager and mails a daily digest.",
    blueprintId: SEED_IDS.blueprints.supportCopilot,
    sponsors: [U.maya],
    owners: [U.daniel],
    lastSignInDaysAgo: 1,
  },
  {
    key: "invoiceReconciliation",
    displayName: "Invoice Reconciliation Agent",
    description: "Matches supplier invoices against purchase orders and goods receipts, and queues mismatches for review.",
    blueprintId: SEED_IDS.blueprints.financeInsights,
    sponsors: [U.leo, U.aisha],
    owners: [U.tomas],
    lastSignInDaysAgo: 0.5,
  },
  {
    key: "expenseAuditor",
    displayName: "Expense Auditor",
    description: "Checks submitted expense reports against the travel and expense policy.",
    blueprintId: SEED_IDS.blueprints.financeInsights,
    sponsors: [U.leo],
    owners: [U.leo],
    lastSignInDaysAgo: 3,
  },
  {
    key: "forecastModeler",
    displayName: "Forecast Modeler",
    description: "Builds the monthly revenue forecast from the finance data warehouse. Paused while the model is retrained.",
    blueprintId: SEED_IDS.blueprints.financeInsights,
    sponsors: [U.leo],
    owners: [U.daniel],
    lastSignInDaysAgo: 45,
    accountEnabled: false,
  },
  {
    key: "releaseNotes",
    displayName: "Release Notes Writer",
    description: "Drafts release notes for finance systems releases from merged change requests.",
    blueprintId: SEED_IDS.blueprints.supportCopilot,
    sponsors: [U.aisha],
    owners: [U.aisha],
    lastSignInDaysAgo: 12,
  },
  {
    key: "onCall",
    displayName: "On-call Responder",
    description: "Acknowledges finance systems alerts out of hours, gathers diagnostics and pages the on-call engineer.",
    blueprintId: SEED_IDS.blueprints.supportCopilot,
    sponsors: [U.aisha],
    owners: [U.carlos],
    lastSignInDaysAgo: 5,
  },
];

const singleUser = (userId: string, description?: string): SubjectSet => ({
  "@odata.type": "#microsoft.graph.singleUser",
  userId,
  ...(description ? { description } : {}),
});
const sponsorsOrOwners: SubjectSet = { "@odata.type": "#microsoft.graph.targetAgentIdentitySponsorsOrOwners", isBackup: false };
const requestorManager: SubjectSet = { "@odata.type": "#microsoft.graph.requestorManager", managerLevel: 1 };

/** Seeds the demo organisation into an empty database, in one transaction. */
export async function seed(db: Db): Promise<SeedSummary> {
  return db.transaction(async (tx) => {
    const now = Date.now();
    // The directory existed before today: people and identities were created well before their last sign-ins.
    const createdAt = new Date(now - 180 * DAY);

    // --- people ---------------------------------------------------------------------
    await tx.insert(principals).values(
      PEOPLE.map((p) => {
        const mail = personMail(p.first, p.last);
        return {
          id: p.id,
          type: "user" as const,
          userType: "member" as const,
          displayName: `${p.first} ${p.last}`,
          mail,
          userPrincipalName: mail,
          department: p.department,
          jobTitle: p.jobTitle,
          managerId: p.managerId,
          lastSignInAt: new Date(now - DAY),
          createdAt,
        };
      }),
    );
    await tx.insert(adminRoleAssignments).values({ principalId: U.ines, role: "identityGovernanceAdministrator" });

    // --- applications ----------------------------------------------------------------
    const AP = SEED_IDS.applications;
    const AAI = SEED_IDS.applicationAppIds;
    await tx.insert(applications).values([
      {
        id: AP.payrollSync,
        appId: AAI.payrollSync,
        displayName: "Payroll Sync",
        description: "Nightly sync of HR records to the payroll provider.",
        publisher: "Contoso",
      },
      {
        id: AP.stewardAutomation,
        appId: AAI.stewardAutomation,
        displayName: "Steward Automation",
        description: "Steward's own automation identity: expiry sweeps, sponsor transfers and scheduled deliveries.",
        publisher: "Contoso",
      },
      {
        id: AP.helpdesk,
        appId: AAI.helpdesk,
        displayName: "Contoso Helpdesk",
        description: "The internal IT and customer support ticketing system.",
        publisher: "Contoso",
      },
      {
        id: AP.microsoftGraph,
        appId: AAI.microsoftGraph,
        displayName: "Microsoft Graph",
        description: "The API to users, groups, mail, calendars and the rest of the directory.",
        publisher: "Microsoft",
      },
    ]);
    await tx.insert(applicationOwners).values([
      { applicationId: AP.payrollSync, ownerId: U.tomas },
      { applicationId: AP.stewardAutomation, ownerId: U.ines },
      { applicationId: AP.helpdesk, ownerId: U.maya },
    ]);
    const AR = SEED_IDS.appRoles;
    await tx.insert(appRoles).values([
      { id: AR.ticketRead, applicationId: AP.helpdesk, value: "Ticket.Read", displayName: "Ticket.Read", description: "Read tickets and their history." },
      { id: AR.ticketWrite, applicationId: AP.helpdesk, value: "Ticket.Write", displayName: "Ticket.Write", description: "Create, update, assign and close tickets." },
      { id: AR.helpdeskAdmin, applicationId: AP.helpdesk, value: "Admin", displayName: "Admin", description: "Configure queues, SLAs and helpdesk settings." },
    ]);
    const PERM = SEED_IDS.apiPermissions;
    await tx.insert(apiPermissions).values([
      { id: PERM.userReadDelegated, applicationId: AP.microsoftGraph, value: "User.Read", type: "delegated", displayName: "Sign in and read user profile", description: "Allows users to sign in to the app, and allows the app to read the profile of signed-in users." },
      { id: PERM.mailSendDelegated, applicationId: AP.microsoftGraph, value: "Mail.Send", type: "delegated", displayName: "Send mail as a user", description: "Allows the app to send mail as users in the organization." },
      { id: PERM.calendarsReadDelegated, applicationId: AP.microsoftGraph, value: "Calendars.Read", type: "delegated", displayName: "Read user calendars", description: "Allows the app to read events in user calendars." },
      { id: PERM.userReadAllApplication, applicationId: AP.microsoftGraph, value: "User.Read.All", type: "application", displayName: "Read all users' full profiles", description: "Allows the app to read user profiles without a signed in user." },
      { id: PERM.directoryReadAllApplication, applicationId: AP.microsoftGraph, value: "Directory.Read.All", type: "application", displayName: "Read directory data", description: "Allows the app to read data in your organization's directory, such as users, groups and apps, without a signed-in user." },
      { id: PERM.mailSendApplication, applicationId: AP.microsoftGraph, value: "Mail.Send", type: "application", displayName: "Send mail as any user", description: "Allows the app to send mail as any user without a signed-in user." },
    ]);

    // --- blueprints, agents, service principals ------------------------------------------
    const BP = SEED_IDS.blueprints;
    await tx.insert(agentBlueprints).values([
      {
        id: BP.supportCopilot,
        displayName: "Contoso Support Copilot",
        description: "Contoso's in-house blueprint for support and operations agents.",
        publisher: "Contoso",
        version: "2.3.0",
        inheritableScopes: ["User.Read"],
      },
      {
        id: BP.financeInsights,
        displayName: "Finance Insights Agent",
        description: "Third-party blueprint for finance analytics agents.",
        publisher: "Fabrikam AI",
        version: "1.4.1",
        inheritableScopes: ["User.Read", "Calendars.Read"],
      },
    ]);
    const SP = SEED_IDS.servicePrincipals;
    await tx.insert(principals).values([
      ...AGENTS.map((a) => ({
        id: A[a.key],
        type: "agentIdentity" as const,
        displayName: a.displayName,
        description: a.description,
        appId: SEED_IDS.agentAppIds[a.key],
        blueprintId: a.blueprintId,
        lastSignInAt: new Date(now - a.lastSignInDaysAgo * DAY),
        createdAt,
        accountEnabled: a.accountEnabled ?? true,
      })),
      {
        id: SP.payrollSync,
        type: "servicePrincipal" as const,
        displayName: "Payroll Sync",
        description: "Nightly sync of HR records to the payroll provider.",
        appId: AAI.payrollSync,
        applicationId: AP.payrollSync,
        lastSignInAt: new Date(now - 0.6 * DAY),
        createdAt,
      },
      {
        id: SP.stewardAutomation,
        type: "servicePrincipal" as const,
        displayName: "Steward Automation",
        description: "Steward's own automation identity: expiry sweeps, sponsor transfers and scheduled deliveries.",
        appId: AAI.stewardAutomation,
        applicationId: AP.stewardAutomation,
        createdAt,
      },
    ]);
    await tx.insert(appPermissionGrants).values({ principalId: SP.stewardAutomation, permission: "EntitlementManagement.ReadWrite.All", grantedById: U.ines });
    await tx.insert(principals).values({
      id: SEED_IDS.agentUsers.escalationSummarizer,
      type: "agentUser",
      displayName: "Escalation Summarizer (mailbox)",
      description: "Mailbox account of the Escalation Summarizer, used to send the daily escalation digest.",
      mail: "escalation-summarizer@contoso.example",
      userPrincipalName: "escalation-summarizer@contoso.example",
      agentIdentityId: A.escalationSummarizer,
      lastSignInAt: new Date(now - DAY),
      createdAt,
    });
    await tx.insert(agentSponsors).values(AGENTS.flatMap((a) => a.sponsors.map((sponsorId) => ({ agentId: A[a.key], sponsorId }))));
    await tx.insert(principalOwners).values([
      ...AGENTS.flatMap((a) => a.owners.map((ownerId) => ({ principalId: A[a.key], ownerId }))),
      { principalId: SP.payrollSync, ownerId: U.tomas },
      { principalId: SP.stewardAutomation, ownerId: U.ines },
    ]);

    // --- groups, roles, sites -----------------------------------------------------------
    await tx.insert(groups).values([
      { id: G.supportTier2, displayName: "Support Tier 2", mailNickname: "support-tier2", description: "Second-line support engineers: full access to the support queues and customer tenants." },
      { id: G.financeReaders, displayName: "Finance Readers", mailNickname: "finance-readers", description: "Read access to finance reports, ledgers and the finance data warehouse." },
      { id: G.projectPhoenix, displayName: "Project Phoenix Team", mailNickname: "project-phoenix", description: "Everyone working on Project Phoenix, the ERP migration." },
      { id: G.breakGlass, displayName: "Production Break-Glass", mailNickname: "prod-break-glass", description: "Emergency write access to production. Time-boxed and reviewed after every use.", isRoleAssignable: true },
      { id: G.engineeringAll, displayName: "Engineering All", mailNickname: "engineering-all", description: "All members of the Engineering organisation." },
    ]);
    await tx.insert(groupOwners).values([
      { groupId: G.supportTier2, ownerId: U.maya },
      { groupId: G.financeReaders, ownerId: U.tomas },
      { groupId: G.projectPhoenix, ownerId: U.daniel },
      { groupId: G.breakGlass, ownerId: U.priya },
      { groupId: G.engineeringAll, ownerId: U.helen },
    ]);
    await tx.insert(groupMembers).values([
      { groupId: G.supportTier2, principalId: U.maya },
      { groupId: G.supportTier2, principalId: U.carlos },
      { groupId: G.financeReaders, principalId: U.tomas },
      { groupId: G.financeReaders, principalId: U.aisha },
      { groupId: G.financeReaders, principalId: U.sam },
      { groupId: G.projectPhoenix, principalId: U.leo },
      { groupId: G.projectPhoenix, principalId: U.aisha },
      { groupId: G.breakGlass, principalId: U.helen },
      ...[U.helen, U.daniel, U.carlos, U.maya, U.leo].map((principalId) => ({ groupId: G.engineeringAll, principalId })),
    ]);
    const DR = SEED_IDS.directoryRoles;
    await tx.insert(directoryRoles).values([
      { id: DR.directoryReaders, displayName: "Directory Readers", description: "Can read basic directory information.", isPrivileged: false },
      { id: DR.userAdministrator, displayName: "User Administrator", description: "Can manage all aspects of users and groups, including resetting passwords for limited admins.", isPrivileged: true },
    ]);
    await tx.insert(sites).values({
      id: SEED_IDS.sites.financeTeamSite,
      displayName: "Finance Team Site",
      webUrl: "https://contoso.example/sites/finance",
      description: "Finance team documents: month-end close, budgets and board packs.",
    });

    // --- catalogs and resources ------------------------------------------------------------
    const C = SEED_IDS.catalogs;
    await tx.insert(catalogs).values([
      {
        id: C.agentPlatform,
        displayName: "Agent Platform",
        description: "Access for Contoso's AI agents: support tooling, Microsoft Graph permissions and directory roles. Sponsors request on their agents' behalf; agents may request for themselves.",
      },
      {
        id: C.financeOperations,
        displayName: "Finance & Operations",
        description: "Finance reports, the finance team site and Project Phoenix, for people and finance agents.",
      },
    ]);
    await tx.insert(catalogRoleAssignments).values([
      { catalogId: C.agentPlatform, principalId: U.carlos, role: "owner" },
      { catalogId: C.financeOperations, principalId: U.tomas, role: "owner" },
    ]);

    const RESOURCES: { id: string; catalogId: string; originSystem: ResourceOriginSystem; originId: string }[] = [
      { id: R.supportTier2, catalogId: C.agentPlatform, originSystem: "AadGroup", originId: G.supportTier2 },
      { id: R.breakGlass, catalogId: C.agentPlatform, originSystem: "AadGroup", originId: G.breakGlass },
      { id: R.microsoftGraph, catalogId: C.agentPlatform, originSystem: "ApiPermission", originId: AP.microsoftGraph },
      { id: R.directoryReaders, catalogId: C.agentPlatform, originSystem: "DirectoryRole", originId: DR.directoryReaders },
      { id: R.helpdesk, catalogId: C.agentPlatform, originSystem: "AadApplication", originId: AP.helpdesk },
      { id: R.financeReaders, catalogId: C.financeOperations, originSystem: "AadGroup", originId: G.financeReaders },
      { id: R.projectPhoenix, catalogId: C.financeOperations, originSystem: "AadGroup", originId: G.projectPhoenix },
      { id: R.financeTeamSite, catalogId: C.financeOperations, originSystem: "SharePointOnline", originId: SEED_IDS.sites.financeTeamSite },
      { id: R.userAdministrator, catalogId: C.financeOperations, originSystem: "DirectoryRole", originId: DR.userAdministrator },
    ];
    const derived = [];
    for (const r of RESOURCES) {
      const obj = await loadDirectoryObject(tx, r.originSystem, r.originId);
      if (!obj) throw new Error(`Seed: ${r.originSystem} ${r.originId} does not exist`);
      derived.push({ ...r, obj });
    }
    await tx.insert(resources).values(
      derived.map((r) => ({
        id: r.id,
        catalogId: r.catalogId,
        originSystem: r.originSystem,
        originId: r.originId,
        displayName: r.obj.displayName,
        description: r.obj.description,
      })),
    );
    const roleRows = await tx
      .insert(resourceRoles)
      .values(derived.flatMap((r) => r.obj.roles.map((role) => ({ resourceId: r.id, ...role }))))
      .returning({ id: resourceRoles.id, resourceId: resourceRoles.resourceId, originId: resourceRoles.originId });
    const roleId = (resourceId: string, originId: string): string => {
      const row = roleRows.find((x) => x.resourceId === resourceId && x.originId === originId);
      if (!row) throw new Error(`Seed: resource ${resourceId} has no role ${originId}`);
      return row.id;
    };

    // --- access packages -------------------------------------------------------------------
    const PACKAGES: { id: string; catalogId: string; displayName: string; description: string; createdById: string; roles: string[] }[] = [
      {
        id: P.supportTicketTriage,
        catalogId: C.agentPlatform,
        displayName: "Support Ticket Triage",
        description: "For support agents that read and route tickets: Support Tier 2 membership and read access to user profiles in Microsoft Graph.",
        createdById: U.carlos,
        roles: [roleId(R.supportTier2, "Member"), roleId(R.microsoftGraph, PERM.userReadAllApplication)],
      },
      {
        id: P.financeReportingAgent,
        catalogId: C.financeOperations,
        displayName: "Finance Reporting Agent",
        description: "Read access to finance reports for reporting and reconciliation agents. Approved by the agent's sponsor.",
        createdById: U.tomas,
        roles: [roleId(R.financeReaders, "Member")],
      },
      {
        id: P.directoryRead8h,
        catalogId: C.agentPlatform,
        displayName: "Directory Read (8 hours)",
        description: "Short-lived read access to the directory, granted at once without approval. Expires after 8 hours.",
        createdById: U.ines,
        roles: [roleId(R.directoryReaders, DR.directoryReaders), roleId(R.microsoftGraph, PERM.directoryReadAllApplication)],
      },
      {
        id: P.projectPhoenixMember,
        catalogId: C.financeOperations,
        displayName: "Project Phoenix Member",
        description: "Join the Project Phoenix team: team membership and read access to the Finance Team Site. Approved by your manager.",
        createdById: U.tomas,
        roles: [roleId(R.projectPhoenix, "Member"), roleId(R.financeTeamSite, "Read")],
      },
      {
        id: P.helpdeskOperator,
        catalogId: C.agentPlatform,
        displayName: "Helpdesk Operator",
        description: "Work tickets in Contoso Helpdesk. For employees; granted at once for a year.",
        createdById: U.carlos,
        roles: [roleId(R.helpdesk, SEED_IDS.appRoles.ticketWrite)],
      },
      {
        id: P.productionBreakGlass,
        catalogId: C.agentPlatform,
        displayName: "Production Break-Glass",
        description: "Emergency production access for an incident-response agent, for 4 hours. Security Operations approves. Cannot be held together with Directory Read (8 hours).",
        createdById: U.ines,
        roles: [roleId(R.breakGlass, "Member")],
      },
    ];
    await tx.insert(accessPackages).values(PACKAGES.map((p) => ({ id: p.id, catalogId: p.catalogId, displayName: p.displayName, description: p.description, createdById: p.createdById })));
    await tx.insert(resourceRoleScopes).values(PACKAGES.flatMap((p) => p.roles.map((resourceRoleId) => ({ accessPackageId: p.id, resourceRoleId }))));
    await tx.insert(incompatibleAccessPackages).values({ accessPackageId: P.productionBreakGlass, incompatibleAccessPackageId: P.directoryRead8h });
    await tx.insert(incompatibleGroups).values({ accessPackageId: P.helpdeskOperator, groupId: G.breakGlass });

    // --- policies ------------------------------------------------------------------------------
    const POL = SEED_IDS.policies;
    const policies: (PolicyInput & { id: string })[] = [
      {
        id: POL.supportTicketTriage,
        ...policyInputSchema.parse({
          accessPackageId: P.supportTicketTriage,
          displayName: "Agents with approval",
          description: "Agents request for themselves, or their sponsors and owners request for them. Security Operations approves.",
          allowedTargetScope: "allDirectoryAgentIdentities",
          requestorSettings: {
            enableTargetsToSelfAddAccess: true,
            enableTargetsToSelfUpdateAccess: true,
            enableOnBehalfRequestorsToAddAccess: true,
            enableOnBehalfRequestorsToUpdateAccess: true,
            onBehalfRequestors: [sponsorsOrOwners],
          },
          requestApprovalSettings: {
            isApprovalRequiredForAdd: true,
            isApprovalRequiredForUpdate: true,
            isRequestorJustificationRequired: true,
            stages: [
              {
                durationBeforeAutomaticDenial: "P14D",
                primaryApprovers: [singleUser(U.priya, "Priya Raman, Security Operations Lead")],
                fallbackPrimaryApprovers: [singleUser(U.tomas, "Tomas Novak")],
              },
            ],
          },
          expiration: { type: "afterDuration", duration: "P90D" },
        }),
      },
      {
        id: POL.financeReportingAgent,
        ...policyInputSchema.parse({
          accessPackageId: P.financeReportingAgent,
          displayName: "Agents approved by their sponsor",
          description: "The agent's sponsor or owner approves; a sponsor never approves their own request, so another sponsor or Tomas Novak does.",
          allowedTargetScope: "allDirectoryAgentIdentities",
          requestorSettings: {
            enableTargetsToSelfAddAccess: true,
            enableTargetsToSelfUpdateAccess: true,
            enableOnBehalfRequestorsToAddAccess: true,
            enableOnBehalfRequestorsToUpdateAccess: true,
            onBehalfRequestors: [sponsorsOrOwners],
          },
          requestApprovalSettings: {
            isApprovalRequiredForAdd: true,
            isApprovalRequiredForUpdate: true,
            isRequestorJustificationRequired: true,
            stages: [
              {
                durationBeforeAutomaticDenial: "P7D",
                primaryApprovers: [sponsorsOrOwners],
                fallbackPrimaryApprovers: [singleUser(U.tomas, "Tomas Novak, Finance Systems Manager")],
              },
            ],
          },
          expiration: { type: "afterDuration", duration: "P30D" },
        }),
      },
      {
        id: POL.directoryRead8h,
        ...policyInputSchema.parse({
          accessPackageId: P.directoryRead8h,
          displayName: "Agents, no approval (8 hours)",
          description: "Granted at once to any agent, for 8 hours.",
          allowedTargetScope: "allDirectoryAgentIdentities",
          requestorSettings: {
            enableTargetsToSelfAddAccess: true,
            enableTargetsToSelfRemoveAccess: true,
            enableOnBehalfRequestorsToAddAccess: true,
            enableOnBehalfRequestorsToRemoveAccess: true,
            onBehalfRequestors: [sponsorsOrOwners],
          },
          requestApprovalSettings: { isApprovalRequiredForAdd: false, isApprovalRequiredForUpdate: false, stages: [] },
          expiration: { type: "afterDuration", duration: "PT8H" },
        }),
      },
      {
        id: POL.projectPhoenixMember,
        ...policyInputSchema.parse({
          accessPackageId: P.projectPhoenixMember,
          displayName: "Employees with manager approval",
          description: "Employees request for themselves; their manager approves (Priya Raman when there is no manager).",
          allowedTargetScope: "allMemberUsers",
          requestorSettings: { enableTargetsToSelfAddAccess: true, enableTargetsToSelfUpdateAccess: true, enableTargetsToSelfRemoveAccess: true },
          requestApprovalSettings: {
            isApprovalRequiredForAdd: true,
            isApprovalRequiredForUpdate: true,
            isRequestorJustificationRequired: true,
            stages: [
              {
                durationBeforeAutomaticDenial: "P14D",
                primaryApprovers: [requestorManager],
                fallbackPrimaryApprovers: [singleUser(U.priya, "Priya Raman")],
              },
            ],
          },
          expiration: { type: "afterDuration", duration: "P180D" },
          questions: [
            {
              "@odata.type": "#microsoft.graph.accessPackageTextInputQuestion",
              id: "workstream",
              text: "Which Phoenix workstream will you join?",
              isRequired: true,
              sequence: 1,
              isSingleLineQuestion: true,
            },
          ],
        }),
      },
      {
        id: POL.helpdeskOperator,
        ...policyInputSchema.parse({
          accessPackageId: P.helpdeskOperator,
          displayName: "Employees, auto-approved",
          description: "Any employee may request; granted at once for a year.",
          allowedTargetScope: "allMemberUsers",
          requestorSettings: { enableTargetsToSelfAddAccess: true, enableTargetsToSelfUpdateAccess: true, enableTargetsToSelfRemoveAccess: true },
          requestApprovalSettings: { isApprovalRequiredForAdd: false, isApprovalRequiredForUpdate: false, stages: [] },
          expiration: { type: "afterDuration", duration: "P365D" },
        }),
      },
      {
        id: POL.productionBreakGlass,
        ...policyInputSchema.parse({
          accessPackageId: P.productionBreakGlass,
          displayName: "Sponsors with security approval",
          description: "Only a sponsor or owner may request, on the agent's behalf. Security Operations approves; escalates to Helen Park after 4 hours.",
          allowedTargetScope: "allDirectoryAgentIdentities",
          requestorSettings: {
            enableOnBehalfRequestorsToAddAccess: true,
            enableOnBehalfRequestorsToRemoveAccess: true,
            onBehalfRequestors: [sponsorsOrOwners],
          },
          requestApprovalSettings: {
            isApprovalRequiredForAdd: true,
            isApprovalRequiredForUpdate: true,
            isRequestorJustificationRequired: true,
            stages: [
              {
                durationBeforeAutomaticDenial: "P1D",
                isApproverJustificationRequired: true,
                isEscalationEnabled: true,
                durationBeforeEscalation: "PT4H",
                primaryApprovers: [singleUser(U.priya, "Priya Raman, Security Operations Lead")],
                fallbackPrimaryApprovers: [singleUser(U.ines, "Ines Alvarez")],
                escalationApprovers: [singleUser(U.helen, "Helen Park, VP Engineering")],
              },
            ],
          },
          expiration: { type: "afterDuration", duration: "PT4H" },
        }),
      },
    ];
    await tx.insert(assignmentPolicies).values(policies);

    return {
      users: PEOPLE.length,
      agentIdentities: AGENTS.length,
      agentUsers: Object.keys(SEED_IDS.agentUsers).length,
      servicePrincipals: Object.keys(SEED_IDS.servicePrincipals).length,
      agentBlueprints: Object.keys(SEED_IDS.blueprints).length,
      groups: Object.keys(SEED_IDS.groups).length,
      applications: Object.keys(SEED_IDS.applications).length,
      directoryRoles: Object.keys(SEED_IDS.directoryRoles).length,
      sites: Object.keys(SEED_IDS.sites).length,
      catalogs: Object.keys(SEED_IDS.catalogs).length,
      resources: RESOURCES.length,
      resourceRoles: roleRows.length,
      accessPackages: PACKAGES.length,
      assignmentPolicies: policies.length,
    };
  });
}

/** Seeds when the directory is empty (no principals). Returns whether it seeded. */
export async function seedIfEmpty(db: Db): Promise<boolean> {
  const [row] = await db.select({ one: sql<number>`1` }).from(principals).limit(1);
  if (row) return false;
  await seed(db);
  return true;
}
