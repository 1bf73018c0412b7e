CREATE TYPE "public"."admin_role" AS ENUM('identityGovernanceAdministrator');--> statement-breakpoint
CREATE TYPE "public"."api_permission_type" AS ENUM('delegated', 'application');--> statement-breakpoint
CREATE TYPE "public"."principal_type" AS ENUM('user', 'servicePrincipal', 'agentIdentity', 'agentUser');--> statement-breakpoint
CREATE TYPE "public"."user_type" AS ENUM('member', 'guest');--> statement-breakpoint
CREATE TYPE "public"."catalog_role" AS ENUM('owner', 'reader', 'accessPackageManager', 'accessPackageAssignmentManager');--> statement-breakpoint
CREATE TYPE "public"."catalog_state" AS ENUM('published', 'unpublished');--> statement-breakpoint
CREATE TYPE "public"."resource_origin_system" AS ENUM('AadGroup', 'AadApplication', 'ApiPermission', 'DirectoryRole', 'SharePointOnline');--> statement-breakpoint
CREATE TYPE "public"."allowed_target_scope" AS ENUM('notSpecified', 'specificDirectoryUsers', 'specificConnectedOrganizationUsers', 'specificDirectoryServicePrincipals', 'allMemberUsers', 'allDirectoryUsers', 'allDirectoryServicePrincipals', 'allConfiguredConnectedOrganizationUsers', 'allExternalUsers', 'allDirectoryAgentIdentities');--> statement-breakpoint
CREATE TYPE "public"."actor_type" AS ENUM('user', 'agentIdentity', 'servicePrincipal', 'agentUser', 'system');--> statement-breakpoint
CREATE TYPE "public"."approver_kind" AS ENUM('primary', 'fallbackPrimary', 'escalation', 'fallbackEscalation');--> statement-breakpoint
CREATE TYPE "public"."assignment_state" AS ENUM('delivering', 'delivered', 'partiallyDelivered', 'deliveryFailed', 'expired', 'removed');--> statement-breakpoint
CREATE TYPE "public"."audit_outcome" AS ENUM('success', 'failure');--> statement-breakpoint
CREATE TYPE "public"."request_state" AS ENUM('submitted', 'pendingApproval', 'delivering', 'delivered', 'denied', 'canceled', 'deliveryFailed', 'partiallyDelivered', 'scheduled');--> statement-breakpoint
CREATE TYPE "public"."request_type" AS ENUM('userAdd', 'userUpdate', 'userRemove', 'adminAdd', 'adminUpdate', 'adminRemove', 'systemAdd', 'systemUpdate', 'systemRemove', 'onBehalfAdd');--> statement-breakpoint
CREATE TYPE "public"."stage_state" AS ENUM('notStarted', 'pending', 'escalated', 'approved', 'denied', 'skipped');--> statement-breakpoint
CREATE TABLE "admin_role_assignments" (
	"principal_id" uuid NOT NULL,
	"role" "admin_role" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "admin_role_assignments_principal_id_role_pk" PRIMARY KEY("principal_id","role")
);
--> statement-breakpoint
CREATE TABLE "agent_blueprints" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"display_name" text NOT NULL,
	"description" text,
	"publisher" text NOT NULL,
	"version" text NOT NULL,
	"inheritable_scopes" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "agent_sponsors" (
	"agent_id" uuid NOT NULL,
	"sponsor_id" uuid NOT NULL,
	CONSTRAINT "agent_sponsors_agent_id_sponsor_id_pk" PRIMARY KEY("agent_id","sponsor_id")
);
--> statement-breakpoint
CREATE TABLE "api_permissions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"value" text NOT NULL,
	"type" "api_permission_type" NOT NULL,
	"display_name" text NOT NULL,
	"description" text
);
--> statement-breakpoint
CREATE TABLE "app_roles" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"value" text NOT NULL,
	"display_name" text NOT NULL,
	"description" text
);
--> statement-breakpoint
CREATE TABLE "application_owners" (
	"application_id" uuid NOT NULL,
	"owner_id" uuid NOT NULL,
	CONSTRAINT "application_owners_application_id_owner_id_pk" PRIMARY KEY("application_id","owner_id")
);
--> statement-breakpoint
CREATE TABLE "applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"app_id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"display_name" text NOT NULL,
	"description" text,
	"publisher" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "applications_app_id_unique" UNIQUE("app_id")
);
--> statement-breakpoint
CREATE TABLE "credentials" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"principal_id" uuid NOT NULL,
	"display_name" text NOT NULL,
	"hint" text NOT NULL,
	"secret_hash" text NOT NULL,
	"created_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "directory_roles" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"display_name" text NOT NULL,
	"description" text,
	"template_id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"is_privileged" boolean DEFAULT false NOT NULL,
	CONSTRAINT "directory_roles_display_name_unique" UNIQUE("display_name")
);
--> statement-breakpoint
CREATE TABLE "group_members" (
	"group_id" uuid NOT NULL,
	"principal_id" uuid NOT NULL,
	CONSTRAINT "group_members_group_id_principal_id_pk" PRIMARY KEY("group_id","principal_id")
);
--> statement-breakpoint
CREATE TABLE "group_owners" (
	"group_id" uuid NOT NULL,
	"owner_id" uuid NOT NULL,
	CONSTRAINT "group_owners_group_id_owner_id_pk" PRIMARY KEY("group_id","owner_id")
);
--> statement-breakpoint
CREATE TABLE "groups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"display_name" text NOT NULL,
	"description" text,
	"mail_nickname" text,
	"is_role_assignable" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "principal_owners" (
	"principal_id" uuid NOT NULL,
	"owner_id" uuid NOT NULL,
	CONSTRAINT "principal_owners_principal_id_owner_id_pk" PRIMARY KEY("principal_id","owner_id")
);
--> statement-breakpoint
CREATE TABLE "principals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"type" "principal_type" NOT NULL,
	"display_name" text NOT NULL,
	"mail" text,
	"user_principal_name" text,
	"department" text,
	"job_title" text,
	"user_type" "user_type",
	"manager_id" uuid,
	"left_at" timestamp with time zone,
	"app_id" uuid,
	"application_id" uuid,
	"blueprint_id" uuid,
	"description" text,
	"last_sign_in_at" timestamp with time zone,
	"agent_identity_id" uuid,
	"account_enabled" boolean DEFAULT true NOT NULL,
	"disabled_by_admin" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sites" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"display_name" text NOT NULL,
	"web_url" text NOT NULL,
	"description" text
);
--> statement-breakpoint
CREATE TABLE "catalog_role_assignments" (
	"catalog_id" uuid NOT NULL,
	"principal_id" uuid NOT NULL,
	"role" "catalog_role" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "catalog_role_assignments_catalog_id_principal_id_role_pk" PRIMARY KEY("catalog_id","principal_id","role")
);
--> statement-breakpoint
CREATE TABLE "catalogs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"display_name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"state" "catalog_state" DEFAULT 'published' NOT NULL,
	"is_externally_visible" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"modified_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "resource_roles" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"resource_id" uuid NOT NULL,
	"origin_id" text NOT NULL,
	"display_name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"assignable_to_service_principals" boolean NOT NULL,
	"assignable_to_users" boolean DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE TABLE "resources" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"catalog_id" uuid NOT NULL,
	"origin_system" "resource_origin_system" NOT NULL,
	"origin_id" uuid NOT NULL,
	"display_name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "access_packages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"catalog_id" uuid NOT NULL,
	"display_name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"is_hidden" boolean DEFAULT false NOT NULL,
	"created_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"modified_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "assignment_policies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"access_package_id" uuid NOT NULL,
	"display_name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"allowed_target_scope" "allowed_target_scope" NOT NULL,
	"specific_allowed_targets" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"requestor_settings" jsonb NOT NULL,
	"request_approval_settings" jsonb NOT NULL,
	"expiration" jsonb NOT NULL,
	"questions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"modified_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "incompatible_access_packages" (
	"access_package_id" uuid NOT NULL,
	"incompatible_access_package_id" uuid NOT NULL,
	CONSTRAINT "incompatible_access_packages_access_package_id_incompatible_access_package_id_pk" PRIMARY KEY("access_package_id","incompatible_access_package_id")
);
--> statement-breakpoint
CREATE TABLE "incompatible_groups" (
	"access_package_id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	CONSTRAINT "incompatible_groups_access_package_id_group_id_pk" PRIMARY KEY("access_package_id","group_id")
);
--> statement-breakpoint
CREATE TABLE "resource_role_scopes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"access_package_id" uuid NOT NULL,
	"resource_role_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "approval_stages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"stage_index" integer NOT NULL,
	"state" "stage_state" NOT NULL,
	"started_at" timestamp with time zone,
	"escalated_at" timestamp with time zone,
	"decided_at" timestamp with time zone,
	"decided_by_id" uuid,
	"decided_by_type" "actor_type",
	"review_result" text DEFAULT 'NotReviewed' NOT NULL,
	"justification" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "assignment_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_type" "request_type" NOT NULL,
	"state" "request_state" NOT NULL,
	"status" text DEFAULT '' NOT NULL,
	"access_package_id" uuid NOT NULL,
	"assignment_policy_id" uuid NOT NULL,
	"target_id" uuid NOT NULL,
	"target_type" "principal_type" NOT NULL,
	"requestor_id" uuid,
	"requestor_type" "actor_type" NOT NULL,
	"assignment_id" uuid,
	"justification" text DEFAULT '' NOT NULL,
	"answers" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"schedule" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "assignments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"access_package_id" uuid NOT NULL,
	"assignment_policy_id" uuid NOT NULL,
	"target_id" uuid NOT NULL,
	"state" "assignment_state" NOT NULL,
	"status" text DEFAULT '' NOT NULL,
	"start_date_time" timestamp with time zone NOT NULL,
	"end_date_time" timestamp with time zone,
	"expired_date_time" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"modified_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_type" "actor_type" NOT NULL,
	"actor_id" uuid,
	"on_behalf_of_id" uuid,
	"action" text NOT NULL,
	"target_type" text NOT NULL,
	"target_id" text NOT NULL,
	"request_id" uuid,
	"outcome" "audit_outcome" DEFAULT 'success' NOT NULL,
	"before" jsonb,
	"after" jsonb,
	"detail" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "grants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"principal_id" uuid NOT NULL,
	"resource_role_id" uuid NOT NULL,
	"assignment_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stage_approvers" (
	"stage_id" uuid NOT NULL,
	"principal_id" uuid NOT NULL,
	"kind" "approver_kind" NOT NULL,
	CONSTRAINT "stage_approvers_stage_id_principal_id_kind_pk" PRIMARY KEY("stage_id","principal_id","kind")
);
--> statement-breakpoint
ALTER TABLE "admin_role_assignments" ADD CONSTRAINT "admin_role_assignments_principal_id_principals_id_fk" FOREIGN KEY ("principal_id") REFERENCES "public"."principals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_sponsors" ADD CONSTRAINT "agent_sponsors_agent_id_principals_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."principals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_sponsors" ADD CONSTRAINT "agent_sponsors_sponsor_id_principals_id_fk" FOREIGN KEY ("sponsor_id") REFERENCES "public"."principals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_permissions" ADD CONSTRAINT "api_permissions_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app_roles" ADD CONSTRAINT "app_roles_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "application_owners" ADD CONSTRAINT "application_owners_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "application_owners" ADD CONSTRAINT "application_owners_owner_id_principals_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."principals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credentials" ADD CONSTRAINT "credentials_principal_id_principals_id_fk" FOREIGN KEY ("principal_id") REFERENCES "public"."principals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credentials" ADD CONSTRAINT "credentials_created_by_id_principals_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."principals"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_members" ADD CONSTRAINT "group_members_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_members" ADD CONSTRAINT "group_members_principal_id_principals_id_fk" FOREIGN KEY ("principal_id") REFERENCES "public"."principals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_owners" ADD CONSTRAINT "group_owners_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_owners" ADD CONSTRAINT "group_owners_owner_id_principals_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."principals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "principal_owners" ADD CONSTRAINT "principal_owners_principal_id_principals_id_fk" FOREIGN KEY ("principal_id") REFERENCES "public"."principals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "principal_owners" ADD CONSTRAINT "principal_owners_owner_id_principals_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."principals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "principals" ADD CONSTRAINT "principals_manager_id_principals_id_fk" FOREIGN KEY ("manager_id") REFERENCES "public"."principals"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "principals" ADD CONSTRAINT "principals_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "principals" ADD CONSTRAINT "principals_blueprint_id_agent_blueprints_id_fk" FOREIGN KEY ("blueprint_id") REFERENCES "public"."agent_blueprints"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "principals" ADD CONSTRAINT "principals_agent_identity_id_principals_id_fk" FOREIGN KEY ("agent_identity_id") REFERENCES "public"."principals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_role_assignments" ADD CONSTRAINT "catalog_role_assignments_catalog_id_catalogs_id_fk" FOREIGN KEY ("catalog_id") REFERENCES "public"."catalogs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_role_assignments" ADD CONSTRAINT "catalog_role_assignments_principal_id_principals_id_fk" FOREIGN KEY ("principal_id") REFERENCES "public"."principals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_roles" ADD CONSTRAINT "resource_roles_resource_id_resources_id_fk" FOREIGN KEY ("resource_id") REFERENCES "public"."resources"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resources" ADD CONSTRAINT "resources_catalog_id_catalogs_id_fk" FOREIGN KEY ("catalog_id") REFERENCES "public"."catalogs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_packages" ADD CONSTRAINT "access_packages_catalog_id_catalogs_id_fk" FOREIGN KEY ("catalog_id") REFERENCES "public"."catalogs"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_packages" ADD CONSTRAINT "access_packages_created_by_id_principals_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."principals"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignment_policies" ADD CONSTRAINT "assignment_policies_access_package_id_access_packages_id_fk" FOREIGN KEY ("access_package_id") REFERENCES "public"."access_packages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incompatible_access_packages" ADD CONSTRAINT "incompatible_access_packages_access_package_id_access_packages_id_fk" FOREIGN KEY ("access_package_id") REFERENCES "public"."access_packages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incompatible_access_packages" ADD CONSTRAINT "incompatible_access_packages_incompatible_access_package_id_access_packages_id_fk" FOREIGN KEY ("incompatible_access_package_id") REFERENCES "public"."access_packages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incompatible_groups" ADD CONSTRAINT "incompatible_groups_access_package_id_access_packages_id_fk" FOREIGN KEY ("access_package_id") REFERENCES "public"."access_packages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incompatible_groups" ADD CONSTRAINT "incompatible_groups_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_role_scopes" ADD CONSTRAINT "resource_role_scopes_access_package_id_access_packages_id_fk" FOREIGN KEY ("access_package_id") REFERENCES "public"."access_packages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_role_scopes" ADD CONSTRAINT "resource_role_scopes_resource_role_id_resource_roles_id_fk" FOREIGN KEY ("resource_role_id") REFERENCES "public"."resource_roles"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approval_stages" ADD CONSTRAINT "approval_stages_request_id_assignment_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."assignment_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approval_stages" ADD CONSTRAINT "approval_stages_decided_by_id_principals_id_fk" FOREIGN KEY ("decided_by_id") REFERENCES "public"."principals"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignment_requests" ADD CONSTRAINT "assignment_requests_access_package_id_access_packages_id_fk" FOREIGN KEY ("access_package_id") REFERENCES "public"."access_packages"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignment_requests" ADD CONSTRAINT "assignment_requests_assignment_policy_id_assignment_policies_id_fk" FOREIGN KEY ("assignment_policy_id") REFERENCES "public"."assignment_policies"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignment_requests" ADD CONSTRAINT "assignment_requests_target_id_principals_id_fk" FOREIGN KEY ("target_id") REFERENCES "public"."principals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignment_requests" ADD CONSTRAINT "assignment_requests_requestor_id_principals_id_fk" FOREIGN KEY ("requestor_id") REFERENCES "public"."principals"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignment_requests" ADD CONSTRAINT "assignment_requests_assignment_id_assignments_id_fk" FOREIGN KEY ("assignment_id") REFERENCES "public"."assignments"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_access_package_id_access_packages_id_fk" FOREIGN KEY ("access_package_id") REFERENCES "public"."access_packages"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_assignment_policy_id_assignment_policies_id_fk" FOREIGN KEY ("assignment_policy_id") REFERENCES "public"."assignment_policies"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_target_id_principals_id_fk" FOREIGN KEY ("target_id") REFERENCES "public"."principals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grants" ADD CONSTRAINT "grants_principal_id_principals_id_fk" FOREIGN KEY ("principal_id") REFERENCES "public"."principals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grants" ADD CONSTRAINT "grants_resource_role_id_resource_roles_id_fk" FOREIGN KEY ("resource_role_id") REFERENCES "public"."resource_roles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grants" ADD CONSTRAINT "grants_assignment_id_assignments_id_fk" FOREIGN KEY ("assignment_id") REFERENCES "public"."assignments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stage_approvers" ADD CONSTRAINT "stage_approvers_stage_id_approval_stages_id_fk" FOREIGN KEY ("stage_id") REFERENCES "public"."approval_stages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stage_approvers" ADD CONSTRAINT "stage_approvers_principal_id_principals_id_fk" FOREIGN KEY ("principal_id") REFERENCES "public"."principals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "agent_sponsors_sponsor_idx" ON "agent_sponsors" USING btree ("sponsor_id");--> statement-breakpoint
CREATE UNIQUE INDEX "api_permissions_app_value_type_uq" ON "api_permissions" USING btree ("application_id","value","type");--> statement-breakpoint
CREATE INDEX "credentials_principal_idx" ON "credentials" USING btree ("principal_id");--> statement-breakpoint
CREATE INDEX "group_members_principal_idx" ON "group_members" USING btree ("principal_id");--> statement-breakpoint
CREATE INDEX "principal_owners_owner_idx" ON "principal_owners" USING btree ("owner_id");--> statement-breakpoint
CREATE INDEX "principals_type_idx" ON "principals" USING btree ("type");--> statement-breakpoint
CREATE INDEX "principals_manager_idx" ON "principals" USING btree ("manager_id");--> statement-breakpoint
CREATE UNIQUE INDEX "principals_app_id_uq" ON "principals" USING btree ("app_id") WHERE "principals"."app_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "principals_mail_uq" ON "principals" USING btree (lower("mail")) WHERE "principals"."mail" is not null;--> statement-breakpoint
CREATE INDEX "catalog_roles_principal_idx" ON "catalog_role_assignments" USING btree ("principal_id");--> statement-breakpoint
CREATE UNIQUE INDEX "resource_roles_resource_origin_uq" ON "resource_roles" USING btree ("resource_id","origin_id");--> statement-breakpoint
CREATE UNIQUE INDEX "resources_catalog_origin_uq" ON "resources" USING btree ("catalog_id","origin_system","origin_id");--> statement-breakpoint
CREATE INDEX "access_packages_catalog_idx" ON "access_packages" USING btree ("catalog_id");--> statement-breakpoint
CREATE INDEX "assignment_policies_package_idx" ON "assignment_policies" USING btree ("access_package_id");--> statement-breakpoint
CREATE UNIQUE INDEX "assignment_policies_pkg_name_uq" ON "assignment_policies" USING btree ("access_package_id","display_name");--> statement-breakpoint
CREATE UNIQUE INDEX "resource_role_scopes_pkg_role_uq" ON "resource_role_scopes" USING btree ("access_package_id","resource_role_id");--> statement-breakpoint
CREATE UNIQUE INDEX "approval_stages_request_idx_uq" ON "approval_stages" USING btree ("request_id","stage_index");--> statement-breakpoint
CREATE INDEX "requests_target_idx" ON "assignment_requests" USING btree ("target_id","created_at");--> statement-breakpoint
CREATE INDEX "requests_requestor_idx" ON "assignment_requests" USING btree ("requestor_id","created_at");--> statement-breakpoint
CREATE INDEX "requests_state_idx" ON "assignment_requests" USING btree ("state");--> statement-breakpoint
CREATE UNIQUE INDEX "requests_one_open_uq" ON "assignment_requests" USING btree ("target_id","access_package_id") WHERE "assignment_requests"."state" in ('submitted','pendingApproval','delivering','scheduled');--> statement-breakpoint
CREATE INDEX "assignments_target_idx" ON "assignments" USING btree ("target_id","state");--> statement-breakpoint
CREATE INDEX "assignments_package_idx" ON "assignments" USING btree ("access_package_id");--> statement-breakpoint
CREATE INDEX "assignments_end_idx" ON "assignments" USING btree ("end_date_time") WHERE "assignments"."state" in ('delivering','delivered','partiallyDelivered');--> statement-breakpoint
CREATE UNIQUE INDEX "assignments_one_live_uq" ON "assignments" USING btree ("target_id","access_package_id") WHERE "assignments"."state" in ('delivering','delivered','partiallyDelivered','deliveryFailed');--> statement-breakpoint
CREATE INDEX "audit_at_idx" ON "audit_events" USING btree ("at");--> statement-breakpoint
CREATE INDEX "audit_actor_idx" ON "audit_events" USING btree ("actor_id","at");--> statement-breakpoint
CREATE INDEX "audit_target_idx" ON "audit_events" USING btree ("target_id","at");--> statement-breakpoint
CREATE INDEX "audit_request_idx" ON "audit_events" USING btree ("request_id");--> statement-breakpoint
CREATE UNIQUE INDEX "grants_principal_role_assignment_uq" ON "grants" USING btree ("principal_id","resource_role_id","assignment_id");--> statement-breakpoint
CREATE INDEX "grants_assignment_idx" ON "grants" USING btree ("assignment_id");--> statement-breakpoint
CREATE INDEX "stage_approvers_principal_idx" ON "stage_approvers" USING btree ("principal_id");