import { index, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid, boolean } from "drizzle-orm/pg-core";
import { principals } from "./directory";

export const catalogState = pgEnum("catalog_state", ["published", "unpublished"]);
export const catalogRole = pgEnum("catalog_role", ["owner", "reader", "accessPackageManager", "accessPackageAssignmentManager"]);
/** Where a catalog resource comes from; names follow Graph's originSystem where one exists. */
export const resourceOriginSystem = pgEnum("resource_origin_system", [
  "AadGroup",
  "AadApplication",
  "ApiPermission",
  "DirectoryRole",
  "SharePointOnline",
]);

export const catalogs = pgTable("catalogs", {
  id: uuid("id").primaryKey().defaultRandom(),
  displayName: text("display_name").notNull(),
  description: text("description").notNull().default(""),
  state: catalogState("state").notNull().default("published"),
  isExternallyVisible: boolean("is_externally_visible").notNull().default(false),
  createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  modifiedAt: timestamp("modified_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
});

export const catalogRoleAssignments = pgTable(
  "catalog_role_assignments",
  {
    catalogId: uuid("catalog_id").notNull().references(() => catalogs.id, { onDelete: "cascade" }),
    principalId: uuid("principal_id").notNull().references(() => principals.id, { onDelete: "cascade" }),
    role: catalogRole("role").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.catalogId, t.principalId, t.role] }), index("catalog_roles_principal_idx").on(t.principalId)],
);

/** A directory object added to a catalog (Graph: accessPackageResource). */
export const resources = pgTable(
  "resources",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    catalogId: uuid("catalog_id").notNull().references(() => catalogs.id, { onDelete: "cascade" }),
    originSystem: resourceOriginSystem("origin_system").notNull(),
    originId: uuid("origin_id").notNull(),
    displayName: text("display_name").notNull(),
    description: text("description").notNull().default(""),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("resources_catalog_origin_uq").on(t.catalogId, t.originSystem, t.originId)],
);

/** A role of a catalog resource (Graph: accessPackageResourceRole): group Member/Owner, an app role, an API permission, ... */
export const resourceRoles = pgTable(
  "resource_roles",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    resourceId: uuid("resource_id").notNull().references(() => resources.id, { onDelete: "cascade" }),
    /** The role in the directory: "Member", "Owner", an app role id, an API permission id, a directory role id, a site role. */
    originId: text("origin_id").notNull(),
    displayName: text("display_name").notNull(),
    description: text("description").notNull().default(""),
    /** Whether agent identities and service principals may hold this role. */
    assignableToServicePrincipals: boolean("assignable_to_service_principals").notNull(),
    assignableToUsers: boolean("assignable_to_users").notNull().default(true),
  },
  (t) => [uniqueIndex("resource_roles_resource_origin_uq").on(t.resourceId, t.originId)],
);

export type Catalog = typeof catalogs.$inferSelect;
export type CatalogRole = (typeof catalogRole.enumValues)[number];
export type Resource = typeof resources.$inferSelect;
export type ResourceRole = typeof resourceRoles.$inferSelect;
export type ResourceOriginSystem = (typeof resourceOriginSystem.enumValues)[number];
