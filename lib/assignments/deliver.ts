import { and, eq, inArray, sql } from "drizzle-orm";
import { assignmentRequests, assignments, auditEvents, grants, principals, resourceRoleScopes, resourceRoles, type AssignmentRequest, type Principal } from "@/db/schema";
import type { Policy } from "@/lib/policies/settings";
import type { DbOrTx, Tx } from "@/db";
import { perDatabase, prepareSql } from "@/db/prepared";
import { nowOf, type Ctx } from "@/lib/auth/actor";
import { auditRow, recordAudit, type AuditInput } from "@/lib/audit/record-audit";
import { transitionAssignment, transitionRequest } from "@/lib/requests/state-machine";
import { separationOfDutiesConflict } from "@/lib/requests/separation-of-duties";
import { policyEnd } from "@/lib/requests/schedule";
import { loadPolicy, type PackageRoleSummary } from "@/lib/packages/load";
import { assignmentIsActive } from "./active";

/** The schedule stored on a request; without custom dates the period is counted from delivery. */
export type StoredSchedule = { startDateTime: string; endDateTime: string | null; customStart?: boolean; customEnd?: boolean };

type Outcome = { state: "delivered" | "partiallyDelivered" | "deliveryFailed"; status: string; assignmentId: string | null };

const ADD_TYPES = new Set(["userAdd", "adminAdd", "systemAdd", "onBehalfAdd"]);
const UPDATE_TYPES = new Set(["userUpdate", "adminUpdate", "systemUpdate"]);

/**
 * Delivers a request that is in `delivering`: creates or changes the assignment and its grants.
 * Separation of duties and the target's state are checked again here, since things change while a request waits.
 * Runs inside the caller's transaction and writes one audit event. A caller delivering in the same call that
 * submitted the request passes the policy and target it has just read (`loaded`), saving two reads.
 */
export async function deliverRequest(tx: Tx, ctx: Ctx, request: AssignmentRequest, loaded?: { policy: Policy; target: Principal }): Promise<AssignmentRequest> {
  const now = nowOf(ctx);
  const schedule = request.schedule as StoredSchedule;
  const policy = loaded?.policy.id === request.assignmentPolicyId ? loaded.policy : await loadPolicy(tx, request.assignmentPolicyId);
  const [target] = loaded?.target.id === request.targetId ? [loaded.target] : await tx.select().from(principals).where(eq(principals.id, request.targetId));
  let outcome: Outcome;
  if (ADD_TYPES.has(request.requestType)) {
    const refusal = !target || !target.accountEnabled ? `${target?.displayName ?? "The target"} is disabled.` : await separationOfDutiesConflict(tx, request.targetId, request.accessPackageId, now);
    if (refusal) {
      outcome = { state: "deliveryFailed", status: refusal, assignmentId: null };
    } else {
      const start = schedule.customStart ? new Date(schedule.startDateTime) : now;
      const end = schedule.customEnd ? (schedule.endDateTime ? new Date(schedule.endDateTime) : null) : policyEnd(policy, start);
      outcome =
        end && end.getTime() <= now.getTime()
          ? { state: "deliveryFailed", status: `The policy "${policy.displayName}" no longer grants access at this time (its end date has passed).`, assignmentId: null }
          : await addAssignment(tx, request, target.type, start, end, now);
    }
  } else if (UPDATE_TYPES.has(request.requestType)) {
    const [a] = await tx.select().from(assignments).where(and(eq(assignments.id, request.assignmentId!), assignmentIsActive(now)));
    if (!a) {
      outcome = { state: "deliveryFailed", status: "The assignment to extend has ended or been removed.", assignmentId: request.assignmentId };
    } else {
      const end = schedule.customEnd ? (schedule.endDateTime ? new Date(schedule.endDateTime) : null) : policyEnd(policy, now);
      await transitionAssignment(tx, a.id, a.state, a.state, { endDateTime: end, modifiedAt: now });
      outcome = { state: "delivered", status: `Access now ends ${end ? end.toISOString() : "never"}.`, assignmentId: a.id };
    }
  } else {
    const [a] = await tx.select().from(assignments).where(and(eq(assignments.id, request.assignmentId!), inArray(assignments.state, ["delivering", "delivered", "partiallyDelivered", "deliveryFailed"])));
    if (!a) {
      outcome = { state: "deliveryFailed", status: "The assignment was already removed.", assignmentId: request.assignmentId };
    } else {
      await transitionAssignment(tx, a.id, a.state, "removed", { modifiedAt: now, status: "Removed." });
      await tx.delete(grants).where(eq(grants.assignmentId, a.id));
      outcome = { state: "delivered", status: "Access removed.", assignmentId: a.id };
    }
  }
  const updated = await transitionRequest(tx, request.id, "delivering", outcome.state, { status: outcome.status, assignmentId: outcome.assignmentId, completedAt: now });
  await recordAudit(tx, ctx, {
    action: ADD_TYPES.has(request.requestType) ? "assignment.deliver" : UPDATE_TYPES.has(request.requestType) ? "assignment.update" : "assignment.remove",
    targetType: "assignment",
    targetId: outcome.assignmentId ?? request.id,
    requestId: request.id,
    onBehalfOfId: request.targetId,
    outcome: outcome.state === "deliveryFailed" ? "failure" : "success",
    after: { state: outcome.state, status: outcome.status },
    detail: outcome.status,
  });
  return updated;
}

async function addAssignment(tx: Tx, request: AssignmentRequest, targetType: string, start: Date, end: Date | null, now: Date): Promise<Outcome> {
  const [assignment] = await tx
    .insert(assignments)
    .values({
      accessPackageId: request.accessPackageId,
      assignmentPolicyId: request.assignmentPolicyId,
      targetId: request.targetId,
      state: "delivering",
      startDateTime: start,
      endDateTime: end,
      createdAt: now,
      modifiedAt: now,
    })
    .returning();
  const { state, status } = await deliverRoles(tx, assignment.id, request.accessPackageId, request.targetId, targetType, now);
  await transitionAssignment(tx, assignment.id, "delivering", state, { status, modifiedAt: now });
  return { state, status, assignmentId: assignment.id };
}

/** A role a package delivers: who can hold it (sp: agents and service principals; user: users). */
export type PackageRole = PackageRoleSummary;

/** Which of the package's roles the target can hold, and the assignment state and status that follow. */
export function planRoles(roles: PackageRole[], targetType: string): { ok: PackageRole[]; state: Outcome["state"]; status: string } {
  const isUserLike = targetType === "user" || targetType === "agentUser";
  const ok = roles.filter((r) => (isUserLike ? r.user : r.sp));
  const refused = roles.filter((r) => !(isUserLike ? r.user : r.sp));
  const kind = isUserLike ? "users" : "agents and service principals";
  const state: Outcome["state"] = refused.length === 0 ? "delivered" : ok.length ? "partiallyDelivered" : "deliveryFailed";
  const status =
    refused.length === 0
      ? `Delivered ${ok.length} resource role${ok.length === 1 ? "" : "s"}.`
      : `Not delivered: ${refused.map((r) => r.name).join(", ")} cannot be held by ${kind}.`;
  return { ok, state, status };
}

/** The roles of a package, for planRoles. */
export function packageRoles(db: DbOrTx, accessPackageId: string): Promise<PackageRole[]> {
  return db
    .select({ id: resourceRoles.id, name: resourceRoles.displayName, sp: resourceRoles.assignableToServicePrincipals, user: resourceRoles.assignableToUsers })
    .from(resourceRoleScopes)
    .innerJoin(resourceRoles, eq(resourceRoles.id, resourceRoleScopes.resourceRoleId))
    .where(eq(resourceRoleScopes.accessPackageId, accessPackageId));
}

/**
 * Inserts the grants of every role of the package the target can hold (idempotent: existing grants stay)
 * and says what the assignment's state should be; roles the target cannot hold are named in the status.
 */
export async function deliverRoles(tx: Tx, assignmentId: string, accessPackageId: string, targetId: string, targetType: string, now: Date): Promise<{ state: Outcome["state"]; status: string }> {
  const { ok, state, status } = planRoles(await packageRoles(tx, accessPackageId), targetType);
  if (ok.length) {
    await tx.insert(grants).values(ok.map((r) => ({ principalId: targetId, resourceRoleId: r.id, assignmentId, createdAt: now }))).onConflictDoNothing();
  }
  return { state, status };
}

const P = (name: string) => sql.placeholder(name);

/** The statement of submitDelivered when an assignment is created: prepared once per database. */
const deliveredStatement = perDatabase((db) =>
  prepareSql(
    db,
    "steward_submit_delivered",
    sql`with a as (
        insert into assignments (id, access_package_id, assignment_policy_id, target_id, state, status, start_date_time, end_date_time, created_at, modified_at)
        values (${P("aid")}::uuid, ${P("pkg")}::uuid, ${P("policy")}::uuid, ${P("target")}::uuid, ${P("astate")}::text::assignment_state, ${P("status")}::text,
                ${P("start")}::timestamptz, ${P("end")}::timestamptz, ${P("now")}::timestamptz, ${P("now")}::timestamptz)),
      g as (
        insert into grants (principal_id, resource_role_id, assignment_id, created_at)
        select ${P("target")}::uuid, r::uuid, ${P("aid")}::uuid, ${P("now")}::timestamptz from jsonb_array_elements_text((${P("roles")}::text)::jsonb) r
        on conflict do nothing),
      e as (
        insert into audit_events (at, actor_type, actor_id, on_behalf_of_id, action, target_type, target_id, request_id, outcome, before, after, detail)
        select ${P("now")}::timestamptz, x.actor_type::actor_type, x.actor_id, x.on_behalf_of_id, x.action, x.target_type, x.target_id, x.request_id, x.outcome::audit_outcome, x.before, x.after, x.detail
        from jsonb_to_recordset((${P("audit")}::text)::jsonb) as x(actor_type text, actor_id uuid, on_behalf_of_id uuid, action text, target_type text, target_id text, request_id uuid, outcome text, before jsonb, after jsonb, detail text))
      insert into assignment_requests (id, request_type, state, status, access_package_id, assignment_policy_id, target_id, target_type, requestor_id, requestor_type, assignment_id, justification, answers, schedule, created_at, completed_at)
      values (${P("rid")}::uuid, ${P("rtype")}::text::request_type, ${P("rstate")}::text::request_state, ${P("status")}::text, ${P("pkg")}::uuid, ${P("policy")}::uuid, ${P("target")}::uuid,
              ${P("ttype")}::text::principal_type, ${P("requestor")}::uuid, ${P("requestorType")}::text::actor_type, ${P("aid")}::uuid, ${P("justification")}::text,
              (${P("answers")}::text)::jsonb, (${P("schedule")}::text)::jsonb, ${P("now")}::timestamptz, ${P("now")}::timestamptz)`,
  ),
);

export type NewRequest = Omit<AssignmentRequest, "id" | "state" | "status" | "assignmentId" | "completedAt" | "createdAt">;

/**
 * Submits a request that needs no approval and starts now, and delivers it, in one statement: the request (in its
 * final state), the assignment and its grants, and both audit events (the request's creation and the delivery) are
 * inserted by data-modifying CTEs, which PostgreSQL applies atomically. The outcome is the one deliverRequest reaches
 * for the same request — the caller has just checked the target and separation of duties, and a second live
 * assignment is refused by the assignments_one_live_uq index. Returns the request as stored.
 */
export async function submitDelivered(db: DbOrTx, ctx: Ctx, input: { request: NewRequest; policy: Policy; roles: PackageRole[]; targetType: string; createAudit: AuditInput }): Promise<AssignmentRequest> {
  const now = nowOf(ctx);
  const { request, policy } = input;
  const schedule = request.schedule as StoredSchedule;
  const start = schedule.customStart ? new Date(schedule.startDateTime) : now;
  const end = schedule.customEnd ? (schedule.endDateTime ? new Date(schedule.endDateTime) : null) : policyEnd(policy, start);
  const requestId = crypto.randomUUID();
  const createAudit = auditRow(ctx, { ...input.createAudit, targetId: requestId, requestId });

  if (end && end.getTime() <= now.getTime()) {
    // The policy's end has passed: the request is stored as failed, with no assignment (rare: built, not prepared).
    const status = `The policy "${policy.displayName}" no longer grants access at this time (its end date has passed).`;
    const stored: AssignmentRequest = { ...request, id: requestId, state: "deliveryFailed", status, assignmentId: null, createdAt: now, completedAt: now };
    const failed = auditRow(ctx, { action: "assignment.deliver", targetType: "assignment", targetId: requestId, requestId, onBehalfOfId: request.targetId, outcome: "failure", after: { state: "deliveryFailed", status }, detail: status });
    await db.execute(sql`with e as (${db.insert(auditEvents).values([createAudit, failed])}) ${db.insert(assignmentRequests).values(stored)}`);
    return stored;
  }

  const plan = planRoles(input.roles, input.targetType);
  const assignmentId = crypto.randomUUID();
  const deliverAudit = auditRow(ctx, {
    action: "assignment.deliver",
    targetType: "assignment",
    targetId: assignmentId,
    requestId,
    onBehalfOfId: request.targetId,
    outcome: plan.state === "deliveryFailed" ? "failure" : "success",
    after: { state: plan.state, status: plan.status },
    detail: plan.status,
  });
  const audit = [createAudit, deliverAudit].map((e) => ({
    actor_type: e.actorType,
    actor_id: e.actorId,
    on_behalf_of_id: e.onBehalfOfId,
    action: e.action,
    target_type: e.targetType,
    target_id: e.targetId,
    request_id: e.requestId,
    outcome: e.outcome,
    before: e.before,
    after: e.after,
    detail: e.detail,
  }));
  await deliveredStatement(db).execute({
    rid: requestId,
    aid: assignmentId,
    pkg: request.accessPackageId,
    policy: request.assignmentPolicyId,
    target: request.targetId,
    ttype: request.targetType,
    astate: plan.state,
    rstate: plan.state,
    status: plan.status,
    start: start.toISOString(),
    end: end?.toISOString() ?? null,
    now: now.toISOString(),
    roles: JSON.stringify(plan.ok.map((r) => r.id)),
    audit: JSON.stringify(audit),
    rtype: request.requestType,
    requestor: request.requestorId,
    requestorType: request.requestorType,
    justification: request.justification,
    answers: JSON.stringify(request.answers),
    schedule: JSON.stringify(request.schedule),
  });
  return { ...request, id: requestId, state: plan.state, status: plan.status, assignmentId, createdAt: now, completedAt: now };
}
