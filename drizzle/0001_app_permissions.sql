CREATE TYPE "public"."app_permission" AS ENUM('EntitlementManagement.Read.All', 'EntitlementManagement.ReadWrite.All');--> statement-breakpoint
CREATE TABLE "app_permission_grants" (
	"principal_id" uuid NOT NULL,
	"permission" "app_permission" NOT NULL,
	"granted_by_id" uuid,
	"granted_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "app_permission_grants_principal_id_permission_pk" PRIMARY KEY("principal_id","permission")
);
--> statement-breakpoint
ALTER TABLE "app_permission_grants" ADD CONSTRAINT "app_permission_grants_principal_id_principals_id_fk" FOREIGN KEY ("principal_id") REFERENCES "public"."principals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app_permission_grants" ADD CONSTRAINT "app_permission_grants_granted_by_id_principals_id_fk" FOREIGN KEY ("granted_by_id") REFERENCES "public"."principals"("id") ON DELETE set null ON UPDATE no action;