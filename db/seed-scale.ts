/**
 * `npm run db:seed -- --scale`: adds a large, realistic data set on top of the demo seed, to exercise the
 * admin pages, the approvals inbox and the API at volume (issues 4 and 5): thousands of synthetic agents
 * and people, a "Data & Analytics" catalog, tens of thousands of assignments and requests spread over the
 * last year in every state, grants for what is held, approval stages, and the audit events the domain verbs
 * would have written.
 *
 * Rows are generated in memory with a seeded PRNG (the same options give the same data) and written with
 * large batched inserts in one transaction. The data keeps the rules the verbs keep: one live assignment
 * and one open request per target and package, nobody approves their own request, pending stages inside
 * their policy's auto-deny window, live assignments ending in the future (so the lifecycle sweep finds
 * nothing to do right after seeding).
 *
 * It refuses to run twice (the scale catalog has a fixed id): `--reset --scale` starts again.
 */
import { getTableColumns, getTableName, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import type { DbOrTx, Tx } from "./index";
import { rowsOf } from "./prepared";
import {
  accessPackages,
  agentBlueprints,
  agentSponsors,
  approvalStages,
  assignmentPolicies,
  assignmentRequests,
  assignments,
  auditEvents,
  catalogs,
  grants,
  groups,
  principalOwners,
  principals,
  resourceRoles,
  resourceRoleScopes,
  resources,
  stageApprovers,
  type ActorType,
  type AssignmentState,
  type RequestState,
  type RequestType,
} from "./schema";
import { SEED_IDS } from "./seed";
import { loadDirectoryObject } from "../lib/catalogs/derive-resource-roles";
import { policyInputSchema, type SubjectSet } from "../lib/policies/settings";
import { addDuration } from "../lib/time/duration";

export type ScaleOptions = {
  /** Synthetic agent identities (each with a blueprint, a sponsor, sometimes an owner). */
  agents: number;
  /** Synthetic people (each with a manager). */
  users: number;
  /** Assignments, each with the request that created it (and a removal request when removed). */
  assignments: number;
  /** Requests that did not create an assignment: pending, denied, canceled, delivery failed (includes `priyaPending`). */
  otherRequests: number;
  /** Requests pending Priya Raman's approval (Support Ticket Triage), for a large approvals inbox. */
  priyaPending: number;
  /** PRNG seed. */
  seed?: number;
  /** The clock (tests). */
  now?: Date;
};

export const DEFAULT_SCALE: ScaleOptions = { agents: 4000, users: 1000, assignments: 50_000, otherRequests: 12_000, priyaPending: 400 };

export type ScaleSummary = {
  agents: number;
  users: number;
  blueprints: number;
  groups: number;
  accessPackages: number;
  assignments: number;
  assignmentsByState: Record<string, number>;
  requests: number;
  requestsByState: Record<string, number>;
  priyaPending: number;
  grants: number;
  approvalStages: number;
  auditEvents: number;
  ms: number;
};

const hex = (prefix: string, n: number) => `00000000-0000-4000-${prefix}-${n.toString(16).padStart(12, "0")}`;
/** Fixed ids of the scale data (agents, people and their app ids are numbered from 0). */
export const scaleAgentId = (i: number) => hex("9a00", i);
export const scaleAgentAppId = (i: number) => hex("9b00", i);
export const scaleUserId = (i: number) => hex("9c00", i);
const fixed = (n: number) => hex("9000", n);

export const SCALE_IDS = {
  catalog: fixed(1),
  blueprints: { opsCopilot: fixed(11), dataAgent: fixed(12), codeAssistant: fixed(13) },
  groups: { warehouse: fixed(21), logAnalytics: fixed(22), featureStore: fixed(23), customer360: fixed(24), salesCrm: fixed(25), benchSandbox: fixed(26) },
  packages: { warehouse: fixed(31), logAnalytics: fixed(32), featureStore: fixed(33), customer360: fixed(34), salesCrm: fixed(35), bench: fixed(36) },
  policies: { warehouse: fixed(41), logAnalytics: fixed(42), featureStore: fixed(43), customer360: fixed(44), salesCrm: fixed(45), bench: fixed(46) },
} as const;

/** The bench's package: any enabled agent may request it for itself, delivered at once, for two minutes (so a re-run finds agents free again). */
export const BENCH_PACKAGE_ID = SCALE_IDS.packages.bench;

export class ScaleDataExistsError extends Error {
  constructor() {
    super("The scale data set is already loaded (the \"Data & Analytics\" catalog exists). Nothing was added; run `npm run db:seed -- --reset --scale` to start again.");
    this.name = "ScaleDataExistsError";
  }
}

/** Refreshes planner statistics and the visibility map after the bulk load (outside any transaction). */
export async function analyzeAfterLoad(db: DbOrTx): Promise<void> {
  await db.execute(sql`vacuum analyze`);
}

export async function hasScaleData(db: DbOrTx): Promise<boolean> {
  const rows = await db.execute<{ one: number }>(sql`select 1 as one from catalogs where id = ${SCALE_IDS.catalog}`);
  return rowsOf(rows).length > 0;
}


// --- deterministic randomness ------------------------------------------------------------
function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const YEAR = 365 * DAY;

const U = SEED_IDS.users;
const P = SEED_IDS.packages;
const POL = SEED_IDS.policies;
const S = SCALE_IDS;

const FUNCTIONS = [
  "Billing Triage", "Invoice Matching", "Churn Forecast", "Log Summarizer", "Code Review", "Release Checker", "Contract Reader",
  "Lead Scoring", "Incident Digest", "Payroll Audit", "Inventory Planner", "Quality Inspector", "Support Router", "Fraud Screening",
  "Expense Classifier", "Meeting Notes", "Vendor Onboarding", "Access Reviewer", "Backlog Groomer", "Spend Analyzer",
];
const FIRST = ["Alex", "Bea", "Chen", "Dana", "Eli", "Farah", "Gus", "Hana", "Ivan", "Jade", "Kofi", "Lena", "Mateo", "Nia", "Omar", "Pia", "Quinn", "Rosa", "Sven", "Tara", "Uma", "Vik", "Wen", "Yara", "Zoe"];
const LAST = ["Adams", "Brandt", "Costa", "Dubois", "Eriksen", "Flores", "Gupta", "Hughes", "Ito", "Jansen", "Kowalski", "Lopez", "Moreau", "Nakamura", "Olsen", "Patel", "Quint", "Rossi", "Schmidt", "Tanaka", "Usman", "Varga", "Weber", "Yilmaz", "Zimmer"];
const DEPARTMENTS = ["Engineering", "Finance", "Customer Support Engineering", "Sales", "Marketing", "Security", "Data Platform", "Operations"];
const TITLES = ["Analyst", "Engineer", "Senior Engineer", "Product Manager", "Specialist", "Team Lead", "Consultant"];
const JUSTIFICATIONS = [
  "Needs this to process the nightly batch.",
  "Required for the Q3 reporting workload.",
  "Moving the workload from the old service account.",
  "Reads tickets to route them to the right queue.",
  "Needed for the pilot with the support team.",
  "Replaces manual exports the team does every week.",
];
const DENY_REASONS = ["Not needed for this workload.", "Use the read-only package instead.", "The sponsor has not signed off on the data use.", "Duplicate of an earlier request."];

type TargetKind = "agent" | "user";
type Approval = "priya" | "sponsor" | "manager" | "none";
type PkgSpec = {
  id: string;
  policyId: string;
  name: string;
  kind: TargetKind;
  approval: Approval;
  duration: string;
  /** Share of this target kind's assignments. */
  weight: number;
  /** Only on an agent's behalf (Production Break-Glass). */
  onBehalfOnly?: boolean;
  /** The policy's fallback approver when the sponsors/manager are all excluded. */
  fallback?: string;
  question?: { id: string; text: string; answers: string[] };
};

const PACKAGES: PkgSpec[] = [
  { id: P.supportTicketTriage, policyId: POL.supportTicketTriage, name: "Support Ticket Triage", kind: "agent", approval: "priya", duration: "P90D", weight: 24 },
  { id: P.financeReportingAgent, policyId: POL.financeReportingAgent, name: "Finance Reporting Agent", kind: "agent", approval: "sponsor", duration: "P30D", weight: 14, fallback: U.tomas },
  { id: P.directoryRead8h, policyId: POL.directoryRead8h, name: "Directory Read (8 hours)", kind: "agent", approval: "none", duration: "PT8H", weight: 15 },
  { id: P.productionBreakGlass, policyId: POL.productionBreakGlass, name: "Production Break-Glass", kind: "agent", approval: "priya", duration: "PT4H", weight: 3, onBehalfOnly: true },
  { id: S.packages.warehouse, policyId: S.policies.warehouse, name: "Data Warehouse Reader", kind: "agent", approval: "sponsor", duration: "P60D", weight: 16, fallback: U.leo },
  { id: S.packages.logAnalytics, policyId: S.policies.logAnalytics, name: "Log Analytics Reader", kind: "agent", approval: "none", duration: "P30D", weight: 18 },
  { id: S.packages.featureStore, policyId: S.policies.featureStore, name: "ML Feature Store Writer", kind: "agent", approval: "sponsor", duration: "P30D", weight: 10, fallback: U.leo },
  { id: P.helpdeskOperator, policyId: POL.helpdeskOperator, name: "Helpdesk Operator", kind: "user", approval: "none", duration: "P365D", weight: 35 },
  {
    id: P.projectPhoenixMember,
    policyId: POL.projectPhoenixMember,
    name: "Project Phoenix Member",
    kind: "user",
    approval: "manager",
    duration: "P180D",
    weight: 25,
    fallback: U.priya,
    question: { id: "workstream", text: "Which Phoenix workstream will you join?", answers: ["Data migration", "Finance cut-over", "Testing", "Training"] },
  },
  { id: S.packages.customer360, policyId: S.policies.customer360, name: "Customer 360 Analyst", kind: "user", approval: "manager", duration: "P90D", weight: 20, fallback: U.helen },
  { id: S.packages.salesCrm, policyId: S.policies.salesCrm, name: "Sales CRM Access", kind: "user", approval: "none", duration: "P180D", weight: 20 },
];

/** Auto-deny windows of the policies that need approval (pending stages must start inside them). */
const AUTO_DENY_DAYS: Record<string, number> = {
  [P.supportTicketTriage]: 14,
  [P.financeReportingAgent]: 7,
  [P.projectPhoenixMember]: 14,
  [S.packages.warehouse]: 14,
  [S.packages.featureStore]: 14,
  [S.packages.customer360]: 14,
};

const singleUser = (userId: string, description?: string): SubjectSet => ({ "@odata.type": "#microsoft.graph.singleUser", userId, ...(description ? { description } : {}) });
const sponsorsOrOwners: SubjectSet = { "@odata.type": "#microsoft.graph.targetAgentIdentitySponsorsOrOwners", isBackup: false };
const requestorManager: SubjectSet = { "@odata.type": "#microsoft.graph.requestorManager", managerLevel: 1 };

const agentSelfService = {
  enableTargetsToSelfAddAccess: true,
  enableTargetsToSelfUpdateAccess: true,
  enableTargetsToSelfRemoveAccess: true,
  enableOnBehalfRequestorsToAddAccess: true,
  enableOnBehalfRequestorsToUpdateAccess: true,
  enableOnBehalfRequestorsToRemoveAccess: true,
  onBehalfRequestors: [sponsorsOrOwners],
};
const userSelfService = { enableTargetsToSelfAddAccess: true, enableTargetsToSelfUpdateAccess: true, enableTargetsToSelfRemoveAccess: true };
const noApproval = { isApprovalRequiredForAdd: false, isApprovalRequiredForUpdate: false, stages: [] };
const approvedBy = (primary: SubjectSet[], fallback: SubjectSet[]) => ({
  isApprovalRequiredForAdd: true,
  isApprovalRequiredForUpdate: true,
  isRequestorJustificationRequired: true,
  stages: [{ durationBeforeAutomaticDenial: "P14D", primaryApprovers: primary, fallbackPrimaryApprovers: fallback }],
});

/**
 * Inserts rows fast on both drivers: each batch is one JSON parameter expanded by jsonb_to_recordset, so the
 * server parses one value instead of tens of thousands of bind parameters (10-20x faster than a multi-row VALUES).
 */
async function insertAll(tx: Tx, table: PgTable, rows: Record<string, unknown>[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = getTableColumns(table);
  const keys = Object.keys(rows[0]);
  const cols = keys.map((k) => {
    const c = columns[k];
    if (!c) throw new Error(`Scale seed: ${getTableName(table)} has no column ${k}`);
    return { key: k, name: c.name, type: c.getSQLType() };
  });
  const list = sql.raw(cols.map((c) => `"${c.name}"`).join(", "));
  const select = sql.raw(cols.map((c) => `x."${c.key}"`).join(", "));
  const record = sql.raw(cols.map((c) => `"${c.key}" ${c.type}`).join(", "));
  const t = performance.now();
  for (let i = 0; i < rows.length; i += 5000) {
    const json = JSON.stringify(rows.slice(i, i + 5000));
    await tx.execute(sql`insert into ${table} (${list}) select ${select} from jsonb_to_recordset(${json}::jsonb) as x(${record})`);
  }
  if (process.env.SCALE_DEBUG) console.log(`${getTableName(table)}: ${rows.length} rows in ${Math.round(performance.now() - t)} ms`);
}

type AuditRow = {
  at: Date;
  actorType: ActorType;
  actorId: string | null;
  onBehalfOfId: string | null;
  action: string;
  targetType: string;
  targetId: string;
  requestId: string | null;
  outcome: "success" | "failure";
  before: unknown;
  after: unknown;
  detail: string;
};

/** Adds the scale data set. Throws ScaleDataExistsError when it is already there; seeds nothing unless the demo seed is present. */
export async function seedScale(db: DbOrTx, options: Partial<ScaleOptions> = {}): Promise<ScaleSummary> {
  const opts = { ...DEFAULT_SCALE, ...options };
  for (const [k, v] of Object.entries(opts)) {
    if (typeof v === "number" && (!Number.isInteger(v) || v < 0)) throw new Error(`Scale option ${k} must be a whole number ≥ 0 (got ${v}).`);
  }
  if (opts.agents < 2 || opts.users < 2) throw new Error("The scale data needs at least 2 agents and 2 users.");
  const started = performance.now();
  const now = opts.now ?? new Date();
  const t0 = now.getTime();
  const rnd = mulberry32(opts.seed ?? 20240601);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const between = (lo: number, hi: number) => lo + rnd() * (hi - lo);

  return db.transaction(async (tx) => {
    if (await hasScaleData(tx)) throw new ScaleDataExistsError();
    const demo = rowsOf<{ one: number }>(await tx.execute(sql`select 1 as one from principals where id = ${U.priya}`));
    if (demo.length === 0) throw new Error("The demo seed is missing: the scale data builds on it. Run `npm run db:seed` first (or `-- --reset --scale`).");

    // --- directory: blueprints, people, agents ------------------------------------------------
    const blueprintIds = [SEED_IDS.blueprints.supportCopilot, SEED_IDS.blueprints.financeInsights, S.blueprints.opsCopilot, S.blueprints.dataAgent, S.blueprints.codeAssistant];
    await tx.insert(agentBlueprints).values([
      { id: S.blueprints.opsCopilot, displayName: "Contoso Ops Copilot", description: "Operations and incident agents.", publisher: "Contoso", version: "1.2.0", inheritableScopes: ["User.Read"] },
      { id: S.blueprints.dataAgent, displayName: "Northwind Data Agent", description: "Third-party analytics agents.", publisher: "Northwind Traders", version: "3.0.2", inheritableScopes: ["User.Read"] },
      { id: S.blueprints.codeAssistant, displayName: "Tailspin Code Assistant", description: "Code review and release agents.", publisher: "Tailspin Toys", version: "0.9.5", inheritableScopes: [] },
    ]);

    const seededManagers = [U.helen, U.daniel, U.tomas, U.maya, U.leo, U.carlos];
    const managerOf: string[] = [];
    const userRows = [];
    const MANAGER_POOL = Math.max(1, Math.floor(opts.users / 20));
    for (let i = 0; i < opts.users; i++) {
      const first = FIRST[i % FIRST.length];
      const last = LAST[Math.floor(i / FIRST.length) % LAST.length];
      const mail = `${first}.${last}.${i + 1}@contoso.example`.toLowerCase();
      // The first twentieth report to seeded managers; everyone else to one of them (indices below their own).
      const managerId = i < MANAGER_POOL ? seededManagers[i % seededManagers.length] : scaleUserId(Math.floor(rnd() * MANAGER_POOL));
      managerOf.push(managerId);
      userRows.push({
        id: scaleUserId(i),
        type: "user" as const,
        userType: "member" as const,
        displayName: `${first} ${last} ${i + 1}`,
        mail,
        userPrincipalName: mail,
        department: pick(DEPARTMENTS),
        jobTitle: pick(TITLES),
        managerId,
        lastSignInAt: new Date(t0 - rnd() * 30 * DAY),
        createdAt: new Date(t0 - YEAR - rnd() * YEAR),
      });
    }
    await insertAll(tx, principals, userRows);

    // Seeded sponsors get a handful of synthetic agents each (My Account lists every agent a person sponsors).
    const seededSponsors = [U.maya, U.leo, U.aisha, U.carlos, U.daniel];
    const sponsorsOf: string[][] = [];
    const ownersOf: string[][] = [];
    const agentEnabled: boolean[] = [];
    const agentNames: string[] = [];
    const agentRows = [];
    for (let i = 0; i < opts.agents; i++) {
      const enabled = i % 50 !== 49;
      const name = `${FUNCTIONS[i % FUNCTIONS.length]} Agent ${String(i + 1).padStart(4, "0")}`;
      const sponsor = scaleUserId(Math.floor(rnd() * opts.users));
      const sponsors = i % 400 < seededSponsors.length ? [sponsor, seededSponsors[i % 400]] : [sponsor];
      sponsorsOf.push(sponsors);
      ownersOf.push(i % 2 === 0 ? [sponsor] : []);
      agentEnabled.push(enabled);
      agentNames.push(name);
      agentRows.push({
        id: scaleAgentId(i),
        type: "agentIdentity" as const,
        displayName: name,
        description: `Synthetic agent for load testing: ${FUNCTIONS[i % FUNCTIONS.length].toLowerCase()}.`,
        appId: scaleAgentAppId(i),
        blueprintId: blueprintIds[i % blueprintIds.length],
        accountEnabled: enabled,
        lastSignInAt: new Date(t0 - rnd() * 60 * DAY),
        createdAt: new Date(t0 - YEAR - rnd() * 90 * DAY),
      });
    }
    await insertAll(tx, principals, agentRows);
    await insertAll(tx, agentSponsors, sponsorsOf.flatMap((ids, i) => ids.map((sponsorId) => ({ agentId: scaleAgentId(i), sponsorId }))));
    await insertAll(tx, principalOwners, ownersOf.flatMap((ids, i) => ids.map((ownerId) => ({ principalId: scaleAgentId(i), ownerId }))));

    // --- the Data & Analytics catalog --------------------------------------------------------------
    const G = S.groups;
    const extraGroups = [
      { id: G.warehouse, displayName: "Data Warehouse Readers", mailNickname: "dwh-readers", description: "Read access to the enterprise data warehouse." },
      { id: G.logAnalytics, displayName: "Log Analytics Readers", mailNickname: "log-readers", description: "Query application and platform logs." },
      { id: G.featureStore, displayName: "Feature Store Writers", mailNickname: "feature-store-writers", description: "Publish features to the ML feature store." },
      { id: G.customer360, displayName: "Customer 360 Analysts", mailNickname: "c360-analysts", description: "Analysts of the Customer 360 data set." },
      { id: G.salesCrm, displayName: "Sales CRM Users", mailNickname: "sales-crm", description: "Users of the sales CRM." },
      { id: G.benchSandbox, displayName: "Bench Sandbox", mailNickname: "bench-sandbox", description: "A harmless group the API benchmark delivers to agents." },
    ];
    await tx.insert(groups).values(extraGroups);
    await tx.insert(catalogs).values({
      id: S.catalog,
      displayName: "Data & Analytics",
      description: "Data warehouse, logs, feature store and CRM access for agents and analysts (scale test data).",
    });
    const resourceIds = extraGroups.map((_, i) => fixed(51 + i));
    for (const [i, g] of extraGroups.entries()) {
      const obj = await loadDirectoryObject(tx, "AadGroup", g.id);
      if (!obj) throw new Error(`Scale seed: group ${g.id} is missing`);
      await tx.insert(resources).values({ id: resourceIds[i], catalogId: S.catalog, originSystem: "AadGroup", originId: g.id, displayName: obj.displayName, description: obj.description });
      await tx.insert(resourceRoles).values(obj.roles.map((r) => ({ resourceId: resourceIds[i], ...r })));
    }
    const memberRoles = rowsOf<{ id: string; resource_id: string }>(
      await tx.execute(sql`select id, resource_id from resource_roles where origin_id = 'Member' and resource_id in (${sql.join(resourceIds.map((r) => sql`${r}`), sql`, `)})`),
    );
    const memberRole = (groupIndex: number) => memberRoles.find((r) => r.resource_id === resourceIds[groupIndex])!.id;
    const PK = S.packages;
    const extraPackages = [
      { id: PK.warehouse, displayName: "Data Warehouse Reader", description: "Read the enterprise data warehouse. Approved by the agent's sponsor; 60 days." },
      { id: PK.logAnalytics, displayName: "Log Analytics Reader", description: "Query application logs. Granted at once to any agent for 30 days." },
      { id: PK.featureStore, displayName: "ML Feature Store Writer", description: "Publish features to the ML feature store. Approved by the agent's sponsor; 30 days." },
      { id: PK.customer360, displayName: "Customer 360 Analyst", description: "Analyse the Customer 360 data set. Approved by your manager; 90 days." },
      { id: PK.salesCrm, displayName: "Sales CRM Access", description: "Use the sales CRM. Granted at once for 180 days." },
      { id: PK.bench, displayName: "Bench: Agent Sandbox", description: "Used by the API benchmark: any agent, no approval, delivered at once, ends after 2 minutes.", isHidden: true },
    ];
    await tx.insert(accessPackages).values(extraPackages.map((p) => ({ ...p, catalogId: S.catalog, createdById: U.ines })));
    await tx.insert(resourceRoleScopes).values(extraPackages.map((p, i) => ({ accessPackageId: p.id, resourceRoleId: memberRole(i) })));
    const PO = S.policies;
    const policy = (id: string, input: Record<string, unknown>) => ({ id, ...policyInputSchema.parse(input) });
    await tx.insert(assignmentPolicies).values([
      policy(PO.warehouse, {
        accessPackageId: PK.warehouse,
        displayName: "Agents approved by their sponsor",
        allowedTargetScope: "allDirectoryAgentIdentities",
        requestorSettings: agentSelfService,
        requestApprovalSettings: approvedBy([sponsorsOrOwners], [singleUser(U.leo, "Leo Fischer, Data Engineering Lead")]),
        expiration: { type: "afterDuration", duration: "P60D" },
      }),
      policy(PO.logAnalytics, {
        accessPackageId: PK.logAnalytics,
        displayName: "Agents, no approval",
        allowedTargetScope: "allDirectoryAgentIdentities",
        requestorSettings: agentSelfService,
        requestApprovalSettings: noApproval,
        expiration: { type: "afterDuration", duration: "P30D" },
      }),
      policy(PO.featureStore, {
        accessPackageId: PK.featureStore,
        displayName: "Agents approved by their sponsor",
        allowedTargetScope: "allDirectoryAgentIdentities",
        requestorSettings: agentSelfService,
        requestApprovalSettings: approvedBy([sponsorsOrOwners], [singleUser(U.leo, "Leo Fischer, Data Engineering Lead")]),
        expiration: { type: "afterDuration", duration: "P30D" },
      }),
      policy(PO.customer360, {
        accessPackageId: PK.customer360,
        displayName: "Employees with manager approval",
        allowedTargetScope: "allMemberUsers",
        requestorSettings: userSelfService,
        requestApprovalSettings: approvedBy([requestorManager], [singleUser(U.helen, "Helen Park")]),
        expiration: { type: "afterDuration", duration: "P90D" },
      }),
      policy(PO.salesCrm, {
        accessPackageId: PK.salesCrm,
        displayName: "Employees, auto-approved",
        allowedTargetScope: "allMemberUsers",
        requestorSettings: userSelfService,
        requestApprovalSettings: noApproval,
        expiration: { type: "afterDuration", duration: "P180D" },
      }),
      policy(PO.bench, {
        accessPackageId: PK.bench,
        displayName: "Any agent, no approval (benchmark)",
        allowedTargetScope: "allDirectoryAgentIdentities",
        requestorSettings: { enableTargetsToSelfAddAccess: true, enableTargetsToSelfRemoveAccess: true },
        requestApprovalSettings: noApproval,
        expiration: { type: "afterDuration", duration: "PT2M" },
      }),
    ]);

    // The roles each package delivers, and whether agents / people may hold them (as deliverRoles decides).
    const roleRows = rowsOf<{ pkg: string; role: string; name: string; sp: boolean; usr: boolean }>(
      await tx.execute(sql`select s.access_package_id as pkg, r.id as role, r.display_name as name,
        r.assignable_to_service_principals as sp, r.assignable_to_users as usr
        from resource_role_scopes s join resource_roles r on r.id = s.resource_role_id`),
    );
    const delivery = new Map<string, { roles: string[]; state: "delivered" | "partiallyDelivered" | "deliveryFailed"; status: string }>();
    for (const spec of PACKAGES) {
      const all = roleRows.filter((r) => r.pkg === spec.id);
      const ok = all.filter((r) => (spec.kind === "user" ? r.usr : r.sp));
      const refused = all.filter((r) => !(spec.kind === "user" ? r.usr : r.sp));
      const kind = spec.kind === "user" ? "users" : "agents and service principals";
      delivery.set(spec.id, {
        roles: ok.map((r) => r.role),
        state: refused.length === 0 ? "delivered" : ok.length ? "partiallyDelivered" : "deliveryFailed",
        status: refused.length === 0 ? `Delivered ${ok.length} resource role${ok.length === 1 ? "" : "s"}.` : `Not delivered: ${refused.map((r) => r.name).join(", ")} cannot be held by ${kind}.`,
      });
    }

    // --- assignments and the requests behind them ----------------------------------------------------
    const byKind = { agent: PACKAGES.filter((p) => p.kind === "agent"), user: PACKAGES.filter((p) => p.kind === "user") };
    const pickPackage = (kind: TargetKind) => {
      const list = byKind[kind];
      let x = rnd() * list.reduce((s, p) => s + p.weight, 0);
      for (const p of list) if ((x -= p.weight) < 0) return p;
      return list[list.length - 1];
    };
    const enabledAgents = [...Array(opts.agents).keys()].filter((i) => agentEnabled[i]);
    const target = (kind: TargetKind, enabledOnly: boolean) => {
      const i = kind === "user" ? Math.floor(rnd() * opts.users) : enabledOnly ? pick(enabledAgents) : Math.floor(rnd() * opts.agents);
      return { i, id: kind === "user" ? scaleUserId(i) : scaleAgentId(i), type: kind === "user" ? ("user" as const) : ("agentIdentity" as const), enabled: kind === "user" || agentEnabled[i] };
    };
    const live = new Set<string>();
    const open = new Set<string>();

    const assignmentRows: Record<string, unknown>[] = [];
    const requestRows: Record<string, unknown>[] = [];
    const stageRows: Record<string, unknown>[] = [];
    const approverRows: Record<string, unknown>[] = [];
    const grantRows: Record<string, unknown>[] = [];
    const audit: AuditRow[] = [];
    const countBy = (m: Record<string, number>, k: string) => (m[k] = (m[k] ?? 0) + 1);
    const assignmentsByState: Record<string, number> = {};
    const requestsByState: Record<string, number> = {};
    const ev = (e: Partial<AuditRow> & Pick<AuditRow, "at" | "actorType" | "actorId" | "action" | "targetType" | "targetId">) =>
      audit.push({ onBehalfOfId: null, requestId: null, outcome: "success", before: null, after: null, detail: "", ...e });

    /** Who requests: the agent itself, its sponsor on its behalf, an administrator, or the person themselves. */
    const requestorFor = (spec: PkgSpec, t: ReturnType<typeof target>, allowAdmin: boolean) => {
      const x = rnd();
      if (allowAdmin && x < 0.12) return { id: U.ines, type: "user" as const, requestType: "adminAdd" as RequestType };
      if (spec.kind === "user") return { id: t.id, type: "user" as const, requestType: "userAdd" as RequestType };
      if (spec.onBehalfOnly || x < 0.45) return { id: sponsorsOf[t.i][0], type: "user" as const, requestType: "onBehalfAdd" as RequestType };
      return { id: t.id, type: "agentIdentity" as const, requestType: "userAdd" as RequestType };
    };
    /** The approvers of the policy's one stage, as resolveStageApprovers would record them. */
    const approversFor = (spec: PkgSpec, t: ReturnType<typeof target>, requestorId: string): { ids: string[]; kind: "primary" | "fallbackPrimary" } => {
      const exclude = new Set([requestorId, t.id]);
      let primary: string[] = [];
      if (spec.approval === "priya") primary = [U.priya];
      else if (spec.approval === "sponsor") primary = [...new Set([...sponsorsOf[t.i], ...ownersOf[t.i]])];
      else if (spec.approval === "manager") primary = [managerOf[t.i]];
      primary = primary.filter((id) => !exclude.has(id));
      if (primary.length) return { ids: primary, kind: "primary" };
      return { ids: [spec.approval === "priya" ? U.ines : (spec.fallback ?? U.tomas)], kind: "fallbackPrimary" };
    };
    const scheduleOf = (from: Date, spec: PkgSpec) => ({ startDateTime: from.toISOString(), endDateTime: addDuration(from, spec.duration).toISOString(), customStart: false, customEnd: false });
    const answersFor = (spec: PkgSpec) => {
      if (!spec.question) return [];
      const v = pick(spec.question.answers);
      return [{ questionId: spec.question.id, question: spec.question.text, value: v, displayValue: v }];
    };

    const addRequest = (r: {
      spec: PkgSpec;
      t: ReturnType<typeof target>;
      who: ReturnType<typeof requestorFor>;
      state: RequestState;
      status: string;
      createdAt: Date;
      completedAt: Date | null;
      assignmentId?: string | null;
      justification?: string;
    }) => {
      const id = crypto.randomUUID();
      requestRows.push({
        id,
        requestType: r.who.requestType,
        state: r.state,
        status: r.status,
        accessPackageId: r.spec.id,
        assignmentPolicyId: r.spec.policyId,
        targetId: r.t.id,
        targetType: r.t.type,
        requestorId: r.who.id,
        requestorType: r.who.type,
        assignmentId: r.assignmentId ?? null,
        justification: r.justification ?? (r.who.requestType === "adminAdd" || r.spec.approval === "none" ? "" : pick(JUSTIFICATIONS)),
        answers: r.who.requestType === "adminAdd" ? [] : answersFor(r.spec),
        schedule: scheduleOf(r.createdAt, r.spec),
        createdAt: r.createdAt,
        completedAt: r.completedAt,
      });
      countBy(requestsByState, r.state);
      const onBehalfOfId = r.who.id !== r.t.id && r.who.requestType !== "adminAdd" ? r.t.id : null;
      ev({
        at: r.createdAt,
        actorType: r.who.type,
        actorId: r.who.id,
        onBehalfOfId,
        action: "request.create",
        targetType: "assignmentRequest",
        targetId: id,
        requestId: id,
        after: { requestType: r.who.requestType, accessPackageId: r.spec.id, targetId: r.t.id, policyId: r.spec.policyId },
      });
      return id;
    };
    /** One decided or pending stage, with its approvers and (when decided) the decision's audit event. */
    const addStage = (
      requestId: string,
      spec: PkgSpec,
      t: ReturnType<typeof target>,
      requestorId: string,
      startedAt: Date,
      outcome: "pending" | "approved" | "denied" | "autoDenied" | "skipped",
      decidedAt: Date | null,
    ) => {
      const approvers = approversFor(spec, t, requestorId);
      const stageId = crypto.randomUUID();
      const decider = outcome === "approved" || outcome === "denied" ? approvers.ids[0] : null;
      const justification = outcome === "denied" ? pick(DENY_REASONS) : outcome === "autoDenied" ? "No decision in time: denied automatically." : "";
      stageRows.push({
        id: stageId,
        requestId,
        stageIndex: 0,
        state: outcome === "autoDenied" ? "denied" : outcome,
        startedAt,
        escalatedAt: null,
        decidedAt: outcome === "pending" || outcome === "skipped" ? null : decidedAt,
        decidedById: decider,
        decidedByType: decider ? "user" : outcome === "autoDenied" ? "system" : null,
        reviewResult: outcome === "approved" ? "Approve" : outcome === "denied" || outcome === "autoDenied" ? "Deny" : "NotReviewed",
        justification,
      });
      for (const principalId of approvers.ids) approverRows.push({ stageId, principalId, kind: approvers.kind });
      if (decider && decidedAt) {
        ev({
          at: decidedAt,
          actorType: "user",
          actorId: decider,
          onBehalfOfId: t.id,
          action: outcome === "approved" ? "approval.approve" : "approval.deny",
          targetType: "assignmentRequest",
          targetId: requestId,
          requestId,
          after: { stage: 1, reviewResult: outcome === "approved" ? "Approve" : "Deny", justification },
        });
      } else if (outcome === "autoDenied" && decidedAt) {
        ev({ at: decidedAt, actorType: "system", actorId: null, onBehalfOfId: t.id, action: "approval.autoDeny", targetType: "assignmentRequest", targetId: requestId, requestId, after: { stage: 1 } });
      }
      return approvers.ids[0];
    };

    for (let n = 0; n < opts.assignments; n++) {
      const kind: TargetKind = rnd() < 0.75 ? "agent" : "user";
      const spec = pickPackage(kind);
      const t = target(kind, false);
      const key = `${t.id}|${spec.id}`;
      const durMs = addDuration(new Date(t0), spec.duration).getTime() - t0;
      const shortLived = durMs < DAY;
      // Held now: most long-lived packages of enabled targets; short-lived ones rarely (they lapse within hours).
      let state: AssignmentState = !live.has(key) && t.enabled && rnd() < (shortLived ? 0.03 : 0.5) ? "delivered" : rnd() < 0.85 ? "expired" : "removed";
      if (spec.id === P.productionBreakGlass && state === "delivered") state = "expired"; // incompatible with Directory Read: keep it history only
      let start: Date;
      let end: Date;
      if (state === "delivered") {
        start = new Date(t0 - rnd() * Math.min(durMs * 0.95, YEAR));
        end = new Date(start.getTime() + durMs);
        live.add(key);
      } else if (state === "expired") {
        end = new Date(t0 - HOUR - rnd() * (YEAR - HOUR));
        start = new Date(end.getTime() - durMs);
      } else {
        start = new Date(t0 - 2 * HOUR - rnd() * (YEAR - 2 * HOUR));
        end = new Date(start.getTime() + durMs);
      }
      const removedAt = state === "removed" ? new Date(start.getTime() + rnd() * Math.min(durMs, t0 - start.getTime() - HOUR)) : null;
      const d = delivery.get(spec.id)!;
      const heldState: AssignmentState = state === "delivered" ? d.state : state;
      const assignmentId = crypto.randomUUID();
      assignmentRows.push({
        id: assignmentId,
        accessPackageId: spec.id,
        assignmentPolicyId: spec.policyId,
        targetId: t.id,
        state: heldState,
        status: state === "delivered" ? d.status : state === "expired" ? "Expired." : "Removed.",
        startDateTime: start,
        endDateTime: end,
        expiredDateTime: state === "expired" ? end : null,
        createdAt: start,
        modifiedAt: state === "expired" ? end : (removedAt ?? start),
      });
      countBy(assignmentsByState, heldState);
      if (state === "delivered" && heldState !== "deliveryFailed") {
        for (const resourceRoleId of d.roles) grantRows.push({ principalId: t.id, resourceRoleId, assignmentId, createdAt: start });
      }

      // The request that created it, approved first when the policy asks for approval.
      const who = requestorFor(spec, t, !spec.onBehalfOnly);
      const needsApproval = spec.approval !== "none" && who.requestType !== "adminAdd";
      const createdAt = needsApproval ? new Date(start.getTime() - between(0.2, 48) * HOUR) : new Date(start.getTime() - between(50, 900));
      const requestId = addRequest({ spec, t, who, state: d.state, status: d.status, createdAt, completedAt: start, assignmentId });
      let deliveredBy: { type: ActorType; id: string } = { type: who.type, id: who.id };
      if (needsApproval) deliveredBy = { type: "user", id: addStage(requestId, spec, t, who.id, createdAt, "approved", start) };
      ev({
        at: start,
        actorType: deliveredBy.type,
        actorId: deliveredBy.id,
        onBehalfOfId: t.id,
        action: "assignment.deliver",
        targetType: "assignment",
        targetId: assignmentId,
        requestId,
        outcome: d.state === "deliveryFailed" ? "failure" : "success",
        after: { state: d.state, status: d.status },
        detail: d.status,
      });
      if (state === "expired") {
        ev({ at: end, actorType: "system", actorId: null, onBehalfOfId: t.id, action: "assignment.expire", targetType: "assignment", targetId: assignmentId, before: { state: d.state, endDateTime: end }, after: { state: "expired", grantsRemoved: d.roles.length } });
      } else if (removedAt) {
        // Removed by an administrator through an adminRemove request, as removeAssignment does.
        const removal = crypto.randomUUID();
        requestRows.push({
          id: removal,
          requestType: "adminRemove",
          state: "delivered",
          status: "Access removed.",
          accessPackageId: spec.id,
          assignmentPolicyId: spec.policyId,
          targetId: t.id,
          targetType: t.type,
          requestorId: U.ines,
          requestorType: "user",
          assignmentId,
          justification: "No longer needed.",
          answers: [],
          schedule: { startDateTime: removedAt.toISOString(), endDateTime: null },
          createdAt: removedAt,
          completedAt: removedAt,
        });
        countBy(requestsByState, "delivered");
        ev({ at: removedAt, actorType: "user", actorId: U.ines, onBehalfOfId: t.id, action: "request.create", targetType: "assignmentRequest", targetId: removal, requestId: removal, after: { requestType: "adminRemove", accessPackageId: spec.id, targetId: t.id } });
        ev({ at: removedAt, actorType: "user", actorId: U.ines, onBehalfOfId: t.id, action: "assignment.remove", targetType: "assignment", targetId: assignmentId, requestId: removal, after: { state: "delivered", status: "Access removed." }, detail: "Access removed." });
      }
    }

    // --- requests that created no assignment --------------------------------------------------------------
    const approvalPackages = { agent: byKind.agent.filter((p) => p.approval !== "none" && !p.onBehalfOnly), user: byKind.user.filter((p) => p.approval !== "none") };
    // Other pending requests go to sponsors and managers, so Priya's inbox holds exactly `priyaPending`.
    const pendingPackages = { agent: approvalPackages.agent.filter((p) => p.approval !== "priya"), user: approvalPackages.user };
    /** A target and package with neither a live assignment nor an open request, for a new open request. */
    const freePair = (spec: PkgSpec) => {
      for (let attempt = 0; attempt < 50; attempt++) {
        const t = target(spec.kind, true);
        const key = `${t.id}|${spec.id}`;
        if (!live.has(key) && !open.has(key)) {
          open.add(key);
          return t;
        }
      }
      return null;
    };
    const triage = PACKAGES.find((p) => p.id === P.supportTicketTriage)!;
    let priyaPending = 0;
    for (let n = 0; n < Math.min(opts.priyaPending, opts.otherRequests); n++) {
      const t = freePair(triage);
      if (!t) break;
      const who = rnd() < 0.6 ? { id: t.id, type: "agentIdentity" as const, requestType: "userAdd" as RequestType } : { id: sponsorsOf[t.i][0], type: "user" as const, requestType: "onBehalfAdd" as RequestType };
      const createdAt = new Date(t0 - between(0.5, 12.5 * 24) * HOUR);
      const requestId = addRequest({ spec: triage, t, who, state: "pendingApproval", status: "Waiting for approval (stage 1).", createdAt, completedAt: null });
      addStage(requestId, triage, t, who.id, createdAt, "pending", null);
      priyaPending++;
    }
    for (let n = priyaPending; n < opts.otherRequests; n++) {
      const kind: TargetKind = rnd() < 0.7 ? "agent" : "user";
      const x = rnd();
      const spec = pick(x < 0.06 ? pendingPackages[kind] : approvalPackages[kind]);
      if (x < 0.06) {
        const t = freePair(spec);
        if (!t) continue;
        const who = requestorFor(spec, t, false);
        const createdAt = new Date(t0 - between(0.5, (AUTO_DENY_DAYS[spec.id] - 1.5) * 24) * HOUR);
        const requestId = addRequest({ spec, t, who, state: "pendingApproval", status: "Waiting for approval (stage 1).", createdAt, completedAt: null });
        addStage(requestId, spec, t, who.id, createdAt, "pending", null);
        continue;
      }
      const t = target(kind, true);
      const who = requestorFor(spec, t, false);
      const createdAt = new Date(t0 - between(1, 360 * 24) * HOUR);
      if (x < 0.5) {
        const auto = rnd() < 0.2;
        const decidedAt = new Date(createdAt.getTime() + (auto ? AUTO_DENY_DAYS[spec.id] * DAY : between(0.2, 72) * HOUR));
        if (decidedAt.getTime() >= t0) continue;
        const requestId = addRequest({ spec, t, who, state: "denied", status: auto ? "Denied: no decision in time." : "Denied at stage 1.", createdAt, completedAt: decidedAt });
        addStage(requestId, spec, t, who.id, createdAt, auto ? "autoDenied" : "denied", decidedAt);
      } else if (x < 0.85) {
        const canceledAt = new Date(createdAt.getTime() + between(0.1, 48) * HOUR);
        const requestId = addRequest({ spec, t, who, state: "canceled", status: "Canceled by the requestor.", createdAt, completedAt: canceledAt });
        addStage(requestId, spec, t, who.id, createdAt, "skipped", null);
        ev({ at: canceledAt, actorType: who.type, actorId: who.id, action: "request.cancel", targetType: "assignmentRequest", targetId: requestId, requestId, before: { state: "pendingApproval" }, after: { state: "canceled" } });
      } else {
        // Approved, but the target was disabled before delivery: delivery checks again and fails.
        if (spec.kind !== "agent") continue;
        const disabled = Math.floor(rnd() * Math.floor(opts.agents / 50)) * 50 + 49;
        if (disabled >= opts.agents) continue;
        const dt = { i: disabled, id: scaleAgentId(disabled), type: "agentIdentity" as const, enabled: false };
        const dwho = { id: sponsorsOf[disabled][0], type: "user" as const, requestType: "onBehalfAdd" as RequestType };
        const decidedAt = new Date(createdAt.getTime() + between(0.5, 48) * HOUR);
        const status = `${agentNames[disabled]} is disabled.`;
        const requestId = addRequest({ spec, t: dt, who: dwho, state: "deliveryFailed", status, createdAt, completedAt: decidedAt });
        const approver = addStage(requestId, spec, dt, dwho.id, createdAt, "approved", decidedAt);
        ev({ at: decidedAt, actorType: "user", actorId: approver, onBehalfOfId: dt.id, action: "assignment.deliver", targetType: "assignment", targetId: requestId, requestId, outcome: "failure", after: { state: "deliveryFailed", status }, detail: status });
      }
    }

    await insertAll(tx, assignments, assignmentRows);
    await insertAll(tx, assignmentRequests, requestRows);
    await insertAll(tx, approvalStages, stageRows);
    await insertAll(tx, stageApprovers, approverRows);
    await insertAll(tx, grants, grantRows);
    audit.sort((a, b) => a.at.getTime() - b.at.getTime());
    const summary: ScaleSummary = {
      agents: opts.agents,
      users: opts.users,
      blueprints: 3,
      groups: extraGroups.length,
      accessPackages: extraPackages.length,
      assignments: assignmentRows.length,
      assignmentsByState,
      requests: requestRows.length,
      requestsByState,
      priyaPending,
      grants: grantRows.length,
      approvalStages: stageRows.length,
      auditEvents: audit.length + 1,
      ms: 0,
    };
    audit.push({
      at: now,
      actorType: "system",
      actorId: null,
      onBehalfOfId: null,
      action: "seed.scale",
      targetType: "catalog",
      targetId: S.catalog,
      requestId: null,
      outcome: "success",
      before: null,
      after: { agents: summary.agents, users: summary.users, assignments: summary.assignments, requests: summary.requests },
      detail: "Scale test data added (npm run db:seed -- --scale).",
    });
    await insertAll(tx, auditEvents, audit);
    summary.ms = Math.round(performance.now() - started);
    return summary;
  });
}
