import { and, asc, count, eq, inArray } from "drizzle-orm";
import {
  accessPackages,
  assignmentPolicies,
  assignmentRequests,
  assignments,
  catalogs,
  OPEN_REQUEST_STATES,
  type AssignmentState,
  type RequestState,
  type RequestType,
} from "@/db/schema";
import { forbidden } from "@/lib/errors";
import { can } from "@/lib/auth/permissions";
import { nowOf, type Ctx } from "@/lib/auth/actor";
import { loadPrincipal } from "@/lib/packages/load";
import { packageRefusals, policyRefusal, type WhyNot } from "@/lib/policies/eligibility";
import { policyFromRow, type Policy } from "@/lib/policies/settings";
import { policyEnd } from "@/lib/requests/schedule";
import { describeDuration } from "@/lib/time/duration";
import { assignmentIsActive } from "./active";
import { effectiveAssignmentState } from "./effective-state";
import { pageOf } from "@/lib/paging";

export type ExtendAbility =
  | {
      allowed: true;
      needsApproval: boolean;
      justificationRequired: boolean;
      /** The requestor may choose the new end date (up to `maxEndDateTime`). */
      customSchedule: boolean;
      /** The end an extension approved now would get by default (null: no end). */
      defaultEndDateTime: Date | null;
      /** "90 days" — how long the policy grants access; null for no limit. */
      maxDuration: string | null;
    }
  | { allowed: false; reason: WhyNot };

export type RemoveAbility = { allowed: true } | { allowed: false; reason: WhyNot };

export type HeldAssignment = {
  id: string;
  targetId: string;
  accessPackageId: string;
  packageName: string;
  catalogName: string;
  policyId: string;
  policyName: string;
  state: AssignmentState;
  startDateTime: Date;
  endDateTime: Date | null;
  /** An open request about this assignment's package (an extension or removal waiting for approval). */
  openRequest: { id: string; requestType: RequestType; state: RequestState } | null;
  extend: ExtendAbility;
  remove: RemoveAbility;
};

export type HeldAssignments = { rows: HeldAssignment[]; total: number; page: number; pageSize: number };

function maxDuration(policy: Policy): string | null {
  const e = policy.expiration;
  if (e.type === "afterDuration" && e.duration) return describeDuration(e.duration);
  if (e.type === "afterDateTime" && e.endDateTime) return `until ${e.endDateTime.toISOString()}`;
  return null;
}

/**
 * The active assignments a principal holds — the actor's own, or an agent's for its sponsors, owners and
 * administrators — with, for each, whether the actor may extend or remove it and, when not, why not.
 * The same rules as submitRequest (policyRefusal / packageRefusals) decide it, so the page never offers what the verb refuses.
 */
export async function listHeldAssignments(ctx: Ctx, params: { targetId?: string; page?: number; pageSize?: number } = {}): Promise<HeldAssignments> {
  const { page, pageSize } = pageOf(params, 25);
  const me = ctx.actor.id;
  if (!me) return { rows: [], total: 0, page, pageSize };
  const targetId = params.targetId ?? me;
  const onBehalf = targetId !== me;
  if (onBehalf && !(await can(ctx, "agents.view", { principalId: targetId }))) throw forbidden("You can see only your own access and that of agents you sponsor or own.");
  const target = await loadPrincipal(ctx.db, targetId);
  const now = nowOf(ctx);

  const where = and(eq(assignments.targetId, targetId), assignmentIsActive(now));
  const [{ total }] = await ctx.db.select({ total: count() }).from(assignments).where(where);
  const rows = await ctx.db
    .select({ a: assignments, pkg: accessPackages, catalogName: catalogs.displayName, policy: assignmentPolicies })
    .from(assignments)
    .innerJoin(accessPackages, eq(accessPackages.id, assignments.accessPackageId))
    .innerJoin(catalogs, eq(catalogs.id, accessPackages.catalogId))
    .innerJoin(assignmentPolicies, eq(assignmentPolicies.id, assignments.assignmentPolicyId))
    .where(where)
    .orderBy(asc(accessPackages.displayName), asc(assignments.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);

  const open = rows.length
    ? await ctx.db
        .select({ id: assignmentRequests.id, accessPackageId: assignmentRequests.accessPackageId, requestType: assignmentRequests.requestType, state: assignmentRequests.state })
        .from(assignmentRequests)
        .where(
          and(
            eq(assignmentRequests.targetId, targetId),
            inArray(assignmentRequests.accessPackageId, rows.map((r) => r.pkg.id)),
            inArray(assignmentRequests.state, [...OPEN_REQUEST_STATES]),
          ),
        )
    : [];

  const out: HeldAssignment[] = [];
  for (const { a, pkg, catalogName, policy: policyRow } of rows) {
    const policy = policyFromRow(policyRow);
    const [updateBlocked] = await packageRefusals(ctx.db, pkg, target, "update", now, me);
    const updateRefusal = updateBlocked ?? (await policyRefusal(ctx.db, policy, "update", onBehalf, me, target));
    const [removeBlocked] = await packageRefusals(ctx.db, pkg, target, "remove", now, me);
    const removeRefusal = removeBlocked ?? (await policyRefusal(ctx.db, policy, "remove", onBehalf, me, target));
    const approval = policy.requestApprovalSettings;
    const pending = open.find((o) => o.accessPackageId === pkg.id) ?? null;
    out.push({
      id: a.id,
      targetId,
      accessPackageId: pkg.id,
      packageName: pkg.displayName,
      catalogName,
      policyId: policy.id,
      policyName: policy.displayName,
      state: effectiveAssignmentState(a, now),
      startDateTime: a.startDateTime,
      endDateTime: a.endDateTime,
      openRequest: pending ? { id: pending.id, requestType: pending.requestType, state: pending.state } : null,
      extend: updateRefusal
        ? { allowed: false, reason: updateRefusal }
        : {
            allowed: true,
            needsApproval: approval.isApprovalRequiredForUpdate,
            justificationRequired: approval.isRequestorJustificationRequired,
            customSchedule: policy.requestorSettings.allowCustomAssignmentSchedule,
            defaultEndDateTime: policyEnd(policy, now),
            maxDuration: maxDuration(policy),
          },
      remove: removeRefusal ? { allowed: false, reason: removeRefusal } : { allowed: true },
    });
  }
  return { rows: out, total: Number(total), page, pageSize };
}
