import { index, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid, boolean } from "drizzle-orm/pg-core";
import { catalogs, resourceRoles } from "./catalogs";
import { groups, principals } from "./directory";

export const allowedTargetScope = pgEnum("allowed_target_scope", [
  "notSpecified",
  "specificDirectoryUsers",
  "specificConnectedOrganizationUsers",
  "specificDirectoryServicePrincipals",
  "allMemberUsers",
  "allDirectoryUsers",
  "allDirectoryServicePrincipals",
  "allConfiguredConnectedOrganizationUsers",
  "allExternalUsers",
  "allDirectoryAgentIdentities",
]);

export const accessPackages = pgTable(
  "access_packages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    catalogId: uuid("catalog_id").notNull().references(() => catalogs.id, { onDelete: "restrict" }),
    displayName: text("display_name").notNull(),
    description: text("description").notNull().default(""),
    isHidden: boolean("is_hidden").notNull().default(false),
    createdById: uuid("created_by_id").references(() => principals.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    modifiedAt: timestamp("modified_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [index("access_packages_catalog_idx").on(t.catalogId)],
);

export const resourceRoleScopes = pgTable(
  "resource_role_scopes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    accessPackageId: uuid("access_package_id").notNull().references(() => accessPackages.id, { onDelete: "cascade" }),
    resourceRoleId: uuid("resource_role_id").notNull().references(() => resourceRoles.id, { onDelete: "restrict" }),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("resource_role_scopes_pkg_role_uq").on(t.accessPackageId, t.resourceRoleId)],
);

export const incompatibleAccessPackages = pgTable(
  "incompatible_access_packages",
  {
    accessPackageId: uuid("access_package_id").notNull().references(() => accessPackages.id, { onDelete: "cascade" }),
    incompatibleAccessPackageId: uuid("incompatible_access_package_id").notNull().references(() => accessPackages.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.accessPackageId, t.incompatibleAccessPackageId] })],
);

export const incompatibleGroups = pgTable(
  "incompatible_groups",
  {
    accessPackageId: uuid("access_package_id").notNull().references(() => accessPackages.id, { onDelete: "cascade" }),
    groupId: uuid("group_id").notNull().references(() => groups.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.accessPackageId, t.groupId] })],
);

/** Settings are JSON validated by the zod schemas in lib/policies/settings.ts. */
export const assignmentPolicies = pgTable(
  "assignment_policies",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    accessPackageId: uuid("access_package_id").notNull().references(() => accessPackages.id, { onDelete: "cascade" }),
    displayName: text("display_name").notNull(),
    description: text("description").notNull().default(""),
    allowedTargetScope: allowedTargetScope("allowed_target_scope").notNull(),
    specificAllowedTargets: jsonb("specific_allowed_targets").notNull().default([]),
    requestorSettings: jsonb("requestor_settings").notNull(),
    requestApprovalSettings: jsonb("request_approval_settings").notNull(),
    expiration: jsonb("expiration").notNull(),
    questions: jsonb("questions").notNull().default([]),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    modifiedAt: timestamp("modified_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [index("assignment_policies_package_idx").on(t.accessPackageId), uniqueIndex("assignment_policies_pkg_name_uq").on(t.accessPackageId, t.displayName)],
);

export type AccessPackage = typeof accessPackages.$inferSelect;
export type AssignmentPolicyRow = typeof assignmentPolicies.$inferSelect;
export type AllowedTargetScope = (typeof allowedTargetScope.enumValues)[number];
