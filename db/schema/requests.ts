import { sql } from "drizzle-orm";
import { bigserial, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { principals, principalType } from "./directory";
import { accessPackages, assignmentPolicies } from "./packages";
import { resourceRoles } from "./catalogs";

export const requestType = pgEnum("request_type", [
  "userAdd",
  "userUpdate",
  "userRemove",
  "adminAdd",
  "adminUpdate",
  "adminRemove",
  "systemAdd",
  "systemUpdate",
  "systemRemove",
  "onBehalfAdd",
]);

export const requestState = pgEnum("request_state", [
  "submitted",
  "pendingApproval",
  "delivering",
  "delivered",
  "denied",
  "canceled",
  "deliveryFailed",
  "partiallyDelivered",
  "scheduled",
]);

export const assignmentState = pgEnum("assignment_state", [
  "delivering",
  "delivered",
  "partiallyDelivered",
  "deliveryFailed",
  "expired",
  "removed",
]);

export const stageState = pgEnum("stage_state", ["notStarted", "pending", "escalated", "approved", "denied", "skipped"]);
export const approverKind = pgEnum("approver_kind", ["primary", "fallbackPrimary", "escalation", "fallbackEscalation"]);
export const actorType = pgEnum("actor_type", ["user", "agentIdentity", "servicePrincipal", "agentUser", "system"]);
export const auditOutcome = pgEnum("audit_outcome", ["success", "failure"]);

/** The states in which a request still counts as open (one per target and package). */
export const OPEN_REQUEST_STATES = ["submitted", "pendingApproval", "delivering", "scheduled"] as const;
/** The states in which an assignment is still held (subject to its end time). */
export const LIVE_ASSIGNMENT_STATES = ["delivering", "delivered", "partiallyDelivered"] as const;

export const assignments = pgTable(
  "assignments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    accessPackageId: uuid("access_package_id").notNull().references(() => accessPackages.id, { onDelete: "restrict" }),
    assignmentPolicyId: uuid("assignment_policy_id").notNull().references(() => assignmentPolicies.id, { onDelete: "restrict" }),
    targetId: uuid("target_id").notNull().references(() => principals.id, { onDelete: "cascade" }),
    state: assignmentState("state").notNull(),
    status: text("status").notNull().default(""),
    startDateTime: timestamp("start_date_time", { withTimezone: true, mode: "date" }).notNull(),
    endDateTime: timestamp("end_date_time", { withTimezone: true, mode: "date" }),
    expiredDateTime: timestamp("expired_date_time", { withTimezone: true, mode: "date" }),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    modifiedAt: timestamp("modified_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [
    index("assignments_target_idx").on(t.targetId, t.state),
    // Per-package lists page newest first; the admin list's default order is the start, newest first.
    index("assignments_package_start_idx").on(t.accessPackageId, t.startDateTime),
    index("assignments_start_idx").on(t.startDateTime, t.id),
    index("assignments_end_idx").on(t.endDateTime).where(sql`${t.state} in ('delivering','delivered','partiallyDelivered')`),
    uniqueIndex("assignments_one_live_uq")
      .on(t.targetId, t.accessPackageId)
      .where(sql`${t.state} in ('delivering','delivered','partiallyDelivered','deliveryFailed')`),
  ],
);

export const assignmentRequests = pgTable(
  "assignment_requests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    requestType: requestType("request_type").notNull(),
    state: requestState("state").notNull(),
    status: text("status").notNull().default(""),
    accessPackageId: uuid("access_package_id").notNull().references(() => accessPackages.id, { onDelete: "restrict" }),
    assignmentPolicyId: uuid("assignment_policy_id").notNull().references(() => assignmentPolicies.id, { onDelete: "restrict" }),
    targetId: uuid("target_id").notNull().references(() => principals.id, { onDelete: "cascade" }),
    targetType: principalType("target_type").notNull(),
    requestorId: uuid("requestor_id").references(() => principals.id, { onDelete: "set null" }),
    requestorType: actorType("requestor_type").notNull(),
    assignmentId: uuid("assignment_id").references(() => assignments.id, { onDelete: "set null" }),
    justification: text("justification").notNull().default(""),
    answers: jsonb("answers").notNull().default([]),
    /** Requested schedule: { startDateTime, expiration: { type, endDateTime?, duration? } } */
    schedule: jsonb("schedule").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    completedAt: timestamp("completed_at", { withTimezone: true, mode: "date" }),
  },
  (t) => [
    index("requests_target_idx").on(t.targetId, t.createdAt),
    index("requests_requestor_idx").on(t.requestorId, t.createdAt),
    index("requests_state_created_idx").on(t.state, t.createdAt),
    // The admin list (newest first, by package), and an assignment's requests (the one that created it).
    index("requests_created_idx").on(t.createdAt, t.id),
    index("requests_package_created_idx").on(t.accessPackageId, t.createdAt),
    index("requests_assignment_idx").on(t.assignmentId),
    uniqueIndex("requests_one_open_uq")
      .on(t.targetId, t.accessPackageId)
      .where(sql`${t.state} in ('submitted','pendingApproval','delivering','scheduled')`),
  ],
);

export const approvalStages = pgTable(
  "approval_stages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    requestId: uuid("request_id").notNull().references(() => assignmentRequests.id, { onDelete: "cascade" }),
    stageIndex: integer("stage_index").notNull(),
    state: stageState("state").notNull(),
    startedAt: timestamp("started_at", { withTimezone: true, mode: "date" }),
    escalatedAt: timestamp("escalated_at", { withTimezone: true, mode: "date" }),
    decidedAt: timestamp("decided_at", { withTimezone: true, mode: "date" }),
    decidedById: uuid("decided_by_id").references(() => principals.id, { onDelete: "set null" }),
    decidedByType: actorType("decided_by_type"),
    reviewResult: text("review_result").notNull().default("NotReviewed"),
    justification: text("justification").notNull().default(""),
  },
  (t) => [
    uniqueIndex("approval_stages_request_idx_uq").on(t.requestId, t.stageIndex),
    // Open stages are few among many decided ones: the inbox and the timeout sweep start from them.
    index("approval_stages_open_idx").on(t.startedAt).where(sql`${t.state} in ('pending','escalated')`),
    // An approver's history, newest first.
    index("approval_stages_decided_by_idx").on(t.decidedById, t.decidedAt),
  ],
);

/** Approvers resolved when a stage starts, so an inbox is one indexed lookup. */
export const stageApprovers = pgTable(
  "stage_approvers",
  {
    stageId: uuid("stage_id").notNull().references(() => approvalStages.id, { onDelete: "cascade" }),
    principalId: uuid("principal_id").notNull().references(() => principals.id, { onDelete: "cascade" }),
    kind: approverKind("kind").notNull(),
  },
  (t) => [primaryKey({ columns: [t.stageId, t.principalId, t.kind] }), index("stage_approvers_principal_idx").on(t.principalId)],
);

/** Effective access: which principal holds which resource role, and which assignment delivered it. */
export const grants = pgTable(
  "grants",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    principalId: uuid("principal_id").notNull().references(() => principals.id, { onDelete: "cascade" }),
    resourceRoleId: uuid("resource_role_id").notNull().references(() => resourceRoles.id, { onDelete: "cascade" }),
    assignmentId: uuid("assignment_id").notNull().references(() => assignments.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("grants_principal_role_assignment_uq").on(t.principalId, t.resourceRoleId, t.assignmentId),
    index("grants_assignment_idx").on(t.assignmentId),
  ],
);

/** Append-only. The application never updates or deletes audit rows. */
export const auditEvents = pgTable(
  "audit_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: timestamp("at", { withTimezone: true, mode: "date" }).notNull(),
    actorType: actorType("actor_type").notNull(),
    actorId: uuid("actor_id"),
    onBehalfOfId: uuid("on_behalf_of_id"),
    action: text("action").notNull(),
    targetType: text("target_type").notNull(),
    targetId: text("target_id").notNull(),
    requestId: uuid("request_id"),
    outcome: auditOutcome("outcome").notNull().default("success"),
    before: jsonb("before"),
    after: jsonb("after"),
    detail: text("detail").notNull().default(""),
  },
  (t) => [
    index("audit_at_idx").on(t.at),
    index("audit_actor_idx").on(t.actorId, t.at),
    index("audit_target_idx").on(t.targetId, t.at),
    index("audit_request_idx").on(t.requestId),
  ],
);

export type Assignment = typeof assignments.$inferSelect;
export type AssignmentRequest = typeof assignmentRequests.$inferSelect;
export type ApprovalStage = typeof approvalStages.$inferSelect;
export type Grant = typeof grants.$inferSelect;
export type AuditEvent = typeof auditEvents.$inferSelect;
export type RequestState = (typeof requestState.enumValues)[number];
export type RequestType = (typeof requestType.enumValues)[number];
export type AssignmentState = (typeof assignmentState.enumValues)[number];
export type ActorType = (typeof actorType.enumValues)[number];
