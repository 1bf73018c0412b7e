import { and, eq, sql } from "drizzle-orm";
import { adminRoleAssignments, agentSponsors, appPermissionGrants, catalogRoleAssignments, principalOwners } from "@/db/schema";
import type { DbOrTx } from "@/db";
import { forbidden } from "@/lib/errors";
import type { Ctx } from "./actor";

export type Role =
  | "igaAdmin"
  | "catalog.owner"
  | "catalog.reader"
  | "catalog.accessPackageManager"
  | "catalog.accessPackageAssignmentManager"
  | "principal.owner"
  | "agent.sponsor"
  /** Application permissions of a service principal (EntitlementManagement.Read.All / ReadWrite.All), tenant-wide. */
  | "app.entitlementRead"
  | "app.entitlementReadWrite";

const CATALOG_ANY: Role[] = [
  "igaAdmin",
  "catalog.owner",
  "catalog.reader",
  "catalog.accessPackageManager",
  "catalog.accessPackageAssignmentManager",
  "app.entitlementRead",
  "app.entitlementReadWrite",
];

/** The one permission table: action → roles that may perform it. Approvers are derived from each request instead. */
export const PERMISSIONS = {
  "catalogs.create": ["igaAdmin", "app.entitlementReadWrite"],
  "catalogs.read": CATALOG_ANY,
  "catalogs.update": ["igaAdmin", "catalog.owner", "app.entitlementReadWrite"],
  "resources.add": ["igaAdmin", "catalog.owner", "app.entitlementReadWrite"],
  "packages.write": ["igaAdmin", "catalog.owner", "catalog.accessPackageManager", "app.entitlementReadWrite"],
  "policies.write": ["igaAdmin", "catalog.owner", "catalog.accessPackageManager", "app.entitlementReadWrite"],
  "assignments.read": CATALOG_ANY,
  "assignments.manage": [
    "igaAdmin",
    "catalog.owner",
    "catalog.accessPackageManager",
    "catalog.accessPackageAssignmentManager",
    "app.entitlementReadWrite",
  ],
  "requests.readAll": CATALOG_ANY,
  "directory.read": ["igaAdmin"],
  "audit.read": ["igaAdmin"],
  "agents.view": ["igaAdmin", "principal.owner", "agent.sponsor"],
  "agents.requestOnBehalf": ["principal.owner", "agent.sponsor"],
  "agents.enable": ["igaAdmin", "principal.owner", "agent.sponsor"],
  "credentials.create": ["igaAdmin", "principal.owner"],
  "credentials.remove": ["igaAdmin", "principal.owner"],
  // Not app.entitlementReadWrite: an application must never be able to raise its own (or another app's) permissions.
  "appPermissions.manage": ["igaAdmin"],
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof PERMISSIONS;
export type Scope = { catalogId?: string; principalId?: string };

const DESCRIBE: Record<Action, string> = {
  "catalogs.create": "create catalogs",
  "catalogs.read": "view this catalog",
  "catalogs.update": "change this catalog",
  "resources.add": "add resources to this catalog",
  "packages.write": "manage access packages in this catalog",
  "policies.write": "manage policies in this catalog",
  "assignments.read": "view assignments in this catalog",
  "assignments.manage": "assign or remove access in this catalog",
  "requests.readAll": "view requests in this catalog",
  "directory.read": "view the directory",
  "audit.read": "view the audit log",
  "agents.view": "view this agent",
  "agents.requestOnBehalf": "request access for this agent (you are neither its sponsor nor its owner)",
  "agents.enable": "enable or disable this agent",
  "credentials.create": "create credentials for this principal",
  "credentials.remove": "remove credentials of this principal",
  "appPermissions.manage": "grant or revoke application permissions (only an Identity Governance Administrator may)",
};

/** Roles the actor holds in the given scope, read from the database on every check. */
export async function rolesFor(db: DbOrTx, actorId: string | null, scope: Scope = {}): Promise<Set<Role>> {
  const roles = new Set<Role>();
  if (!actorId) return roles;
  // Tenant-wide roles in one round trip on this hot path: directory admin roles and application permissions.
  const tenantWide = await db
    .select({ role: sql<string>`${adminRoleAssignments.role}::text` })
    .from(adminRoleAssignments)
    .where(eq(adminRoleAssignments.principalId, actorId))
    .unionAll(
      db
        .select({ role: sql<string>`${appPermissionGrants.permission}::text` })
        .from(appPermissionGrants)
        .where(eq(appPermissionGrants.principalId, actorId)),
    );
  for (const { role } of tenantWide) {
    if (role === "identityGovernanceAdministrator") roles.add("igaAdmin");
    else if (role === "EntitlementManagement.ReadWrite.All") roles.add("app.entitlementReadWrite");
    else if (role === "EntitlementManagement.Read.All") roles.add("app.entitlementRead");
  }
  if (scope.catalogId) {
    const rows = await db
      .select({ role: catalogRoleAssignments.role })
      .from(catalogRoleAssignments)
      .where(and(eq(catalogRoleAssignments.catalogId, scope.catalogId), eq(catalogRoleAssignments.principalId, actorId)));
    for (const r of rows) roles.add(`catalog.${r.role}` as Role);
  }
  if (scope.principalId) {
    const [owner] = await db
      .select({ x: principalOwners.ownerId })
      .from(principalOwners)
      .where(and(eq(principalOwners.principalId, scope.principalId), eq(principalOwners.ownerId, actorId)))
      .limit(1);
    if (owner) roles.add("principal.owner");
    const [sponsor] = await db
      .select({ x: agentSponsors.sponsorId })
      .from(agentSponsors)
      .where(and(eq(agentSponsors.agentId, scope.principalId), eq(agentSponsors.sponsorId, actorId)))
      .limit(1);
    if (sponsor) roles.add("agent.sponsor");
  }
  return roles;
}

export async function can(ctx: Ctx, action: Action, scope: Scope = {}, db: DbOrTx = ctx.db): Promise<boolean> {
  if (ctx.actor.type === "system") return true;
  const roles = await rolesFor(db, ctx.actor.id, scope);
  return (PERMISSIONS[action] as readonly Role[]).some((r) => roles.has(r));
}

export async function requirePermission(ctx: Ctx, action: Action, scope: Scope = {}, db: DbOrTx = ctx.db): Promise<void> {
  if (!(await can(ctx, action, scope, db))) throw forbidden(`You are not allowed to ${DESCRIBE[action]}.`);
}

export async function isGovernanceAdmin(db: DbOrTx, principalId: string): Promise<boolean> {
  return (await rolesFor(db, principalId)).has("igaAdmin");
}
