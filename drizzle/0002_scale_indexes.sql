DROP INDEX "requests_state_idx";--> statement-breakpoint
DROP INDEX "assignments_package_idx";--> statement-breakpoint
CREATE INDEX "approval_stages_open_idx" ON "approval_stages" USING btree ("started_at") WHERE "approval_stages"."state" in ('pending','escalated');--> statement-breakpoint
CREATE INDEX "approval_stages_decided_by_idx" ON "approval_stages" USING btree ("decided_by_id","decided_at");--> statement-breakpoint
CREATE INDEX "requests_state_created_idx" ON "assignment_requests" USING btree ("state","created_at");--> statement-breakpoint
CREATE INDEX "requests_created_idx" ON "assignment_requests" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "requests_package_created_idx" ON "assignment_requests" USING btree ("access_package_id","created_at");--> statement-breakpoint
CREATE INDEX "requests_assignment_idx" ON "assignment_requests" USING btree ("assignment_id");--> statement-breakpoint
CREATE INDEX "assignments_package_start_idx" ON "assignments" USING btree ("access_package_id","start_date_time");--> statement-breakpoint
CREATE INDEX "assignments_start_idx" ON "assignments" USING btree ("start_date_time","id");