import { sql } from "drizzle-orm";
import {
  boolean,
  index,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  type AnyPgColumn,
} from "drizzle-orm/pg-core";

export const principalType = pgEnum("principal_type", ["user", "servicePrincipal", "agentIdentity", "agentUser"]);
export const userType = pgEnum("user_type", ["member", "guest"]);
export const apiPermissionType = pgEnum("api_permission_type", ["delegated", "application"]);
export const adminRole = pgEnum("admin_role", ["identityGovernanceAdministrator"]);
/** Application permissions an administrator grants to a service principal (Graph's appRoleAssignments to the API). */
export const appPermission = pgEnum("app_permission", ["EntitlementManagement.Read.All", "EntitlementManagement.ReadWrite.All"]);

/** Every identity that can hold access: people, service principals, agent identities, agent users. */
export const principals = pgTable(
  "principals",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    type: principalType("type").notNull(),
    displayName: text("display_name").notNull(),
    // users
    mail: text("mail"),
    userPrincipalName: text("user_principal_name"),
    department: text("department"),
    jobTitle: text("job_title"),
    userType: userType("user_type"),
    managerId: uuid("manager_id").references((): AnyPgColumn => principals.id, { onDelete: "set null" }),
    leftAt: timestamp("left_at", { withTimezone: true, mode: "date" }),
    // service principals and agent identities
    appId: uuid("app_id"),
    applicationId: uuid("application_id").references(() => applications.id, { onDelete: "set null" }),
    blueprintId: uuid("blueprint_id").references(() => agentBlueprints.id, { onDelete: "set null" }),
    description: text("description"),
    lastSignInAt: timestamp("last_sign_in_at", { withTimezone: true, mode: "date" }),
    // agent users: the agent identity this account is paired with
    agentIdentityId: uuid("agent_identity_id").references((): AnyPgColumn => principals.id, { onDelete: "cascade" }),
    accountEnabled: boolean("account_enabled").notNull().default(true),
    /** Set when an administrator disabled the account; sponsors may not re-enable it. */
    disabledByAdmin: boolean("disabled_by_admin").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [
    index("principals_type_idx").on(t.type),
    index("principals_manager_idx").on(t.managerId),
    uniqueIndex("principals_app_id_uq").on(t.appId).where(sql`${t.appId} is not null`),
    uniqueIndex("principals_mail_uq").on(sql`lower(${t.mail})`).where(sql`${t.mail} is not null`),
  ],
);

export const adminRoleAssignments = pgTable(
  "admin_role_assignments",
  {
    principalId: uuid("principal_id").notNull().references(() => principals.id, { onDelete: "cascade" }),
    role: adminRole("role").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.principalId, t.role] })],
);

/** Owners of service principals and agent identities (users). */
export const principalOwners = pgTable(
  "principal_owners",
  {
    principalId: uuid("principal_id").notNull().references(() => principals.id, { onDelete: "cascade" }),
    ownerId: uuid("owner_id").notNull().references(() => principals.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.principalId, t.ownerId] }), index("principal_owners_owner_idx").on(t.ownerId)],
);

/** Humans accountable for an agent identity (1..100). */
export const agentSponsors = pgTable(
  "agent_sponsors",
  {
    agentId: uuid("agent_id").notNull().references(() => principals.id, { onDelete: "cascade" }),
    sponsorId: uuid("sponsor_id").notNull().references(() => principals.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.agentId, t.sponsorId] }), index("agent_sponsors_sponsor_idx").on(t.sponsorId)],
);

export const agentBlueprints = pgTable("agent_blueprints", {
  id: uuid("id").primaryKey().defaultRandom(),
  displayName: text("display_name").notNull(),
  description: text("description"),
  publisher: text("publisher").notNull(),
  version: text("version").notNull(),
  /** Delegated scopes every agent created from this blueprint inherits. */
  inheritableScopes: text("inheritable_scopes").array().notNull().default(sql`'{}'::text[]`),
  createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
});

export const groups = pgTable("groups", {
  id: uuid("id").primaryKey().defaultRandom(),
  displayName: text("display_name").notNull(),
  description: text("description"),
  mailNickname: text("mail_nickname"),
  isRoleAssignable: boolean("is_role_assignable").notNull().default(false),
  createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
});

export const groupMembers = pgTable(
  "group_members",
  {
    groupId: uuid("group_id").notNull().references(() => groups.id, { onDelete: "cascade" }),
    principalId: uuid("principal_id").notNull().references(() => principals.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.principalId] }), index("group_members_principal_idx").on(t.principalId)],
);

export const groupOwners = pgTable(
  "group_owners",
  {
    groupId: uuid("group_id").notNull().references(() => groups.id, { onDelete: "cascade" }),
    ownerId: uuid("owner_id").notNull().references(() => principals.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.ownerId] })],
);

/** App registrations. An application may expose app roles and API permissions (e.g. Microsoft Graph). */
export const applications = pgTable("applications", {
  id: uuid("id").primaryKey().defaultRandom(),
  appId: uuid("app_id").notNull().unique().defaultRandom(),
  displayName: text("display_name").notNull(),
  description: text("description"),
  publisher: text("publisher"),
  createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
});

export const applicationOwners = pgTable(
  "application_owners",
  {
    applicationId: uuid("application_id").notNull().references(() => applications.id, { onDelete: "cascade" }),
    ownerId: uuid("owner_id").notNull().references(() => principals.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.applicationId, t.ownerId] })],
);

export const appRoles = pgTable("app_roles", {
  id: uuid("id").primaryKey().defaultRandom(),
  applicationId: uuid("application_id").notNull().references(() => applications.id, { onDelete: "cascade" }),
  value: text("value").notNull(),
  displayName: text("display_name").notNull(),
  description: text("description"),
});

export const apiPermissions = pgTable(
  "api_permissions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    applicationId: uuid("application_id").notNull().references(() => applications.id, { onDelete: "cascade" }),
    value: text("value").notNull(),
    type: apiPermissionType("type").notNull(),
    displayName: text("display_name").notNull(),
    description: text("description"),
  },
  (t) => [uniqueIndex("api_permissions_app_value_type_uq").on(t.applicationId, t.value, t.type)],
);

export const directoryRoles = pgTable("directory_roles", {
  id: uuid("id").primaryKey().defaultRandom(),
  displayName: text("display_name").notNull().unique(),
  description: text("description"),
  templateId: uuid("template_id").notNull().defaultRandom(),
  isPrivileged: boolean("is_privileged").notNull().default(false),
});

export const sites = pgTable("sites", {
  id: uuid("id").primaryKey().defaultRandom(),
  displayName: text("display_name").notNull(),
  webUrl: text("web_url").notNull(),
  description: text("description"),
});

/** Client secrets for agent identities and service principals. Only a hash is kept. */
export const credentials = pgTable(
  "credentials",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    principalId: uuid("principal_id").notNull().references(() => principals.id, { onDelete: "cascade" }),
    displayName: text("display_name").notNull(),
    hint: text("hint").notNull(),
    secretHash: text("secret_hash").notNull(),
    createdById: uuid("created_by_id").references(() => principals.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }).notNull(),
  },
  (t) => [index("credentials_principal_idx").on(t.principalId)],
);

/** Application permissions held by service principals; carried as `roles` in their access tokens. */
export const appPermissionGrants = pgTable(
  "app_permission_grants",
  {
    principalId: uuid("principal_id").notNull().references(() => principals.id, { onDelete: "cascade" }),
    permission: appPermission("permission").notNull(),
    grantedById: uuid("granted_by_id").references(() => principals.id, { onDelete: "set null" }),
    grantedAt: timestamp("granted_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.principalId, t.permission] })],
);

export type Principal = typeof principals.$inferSelect;
export type AppPermission = (typeof appPermission.enumValues)[number];
export type PrincipalType = (typeof principalType.enumValues)[number];
export type Group = typeof groups.$inferSelect;
export type Application = typeof applications.$inferSelect;
export type AgentBlueprint = typeof agentBlueprints.$inferSelect;
export type Credential = typeof credentials.$inferSelect;
