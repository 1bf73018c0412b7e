import { asc, inArray } from "drizzle-orm";
import { z } from "zod";
import { assignmentPolicies, principals, type PrincipalType, type RequestState } from "@/db/schema";
import { isDomainError, parseInput, type ErrorCode } from "@/lib/errors";
import { requirePermission } from "@/lib/auth/permissions";
import type { Ctx } from "@/lib/auth/actor";
import { withRefusalAudit } from "@/lib/audit/with-refusal-audit";
import { loadPackage } from "@/lib/packages/load";
import { submitRequest } from "@/lib/requests/submit-request";
import { requestedScheduleSchema } from "@/lib/requests/schedule";
import { listPackageOptions } from "@/lib/packages/list-package-options";
import { describeDuration } from "@/lib/time/duration";

export const MAX_DIRECT_TARGETS = 50;

export const directAssignInput = z.object({
  accessPackageId: z.uuid("choose an access package"),
  assignmentPolicyId: z.uuid("choose a policy"),
  targetIds: z
    .array(z.uuid("each target must be the id of a user, agent or service principal"))
    .min(1, "choose at least one person, agent or service principal")
    .max(MAX_DIRECT_TARGETS, `at most ${MAX_DIRECT_TARGETS} at a time`)
    .refine((ids) => new Set(ids).size === ids.length, "each target may be chosen once"),
  justification: z.string().trim().min(1, "say why you are assigning this access").max(4000, "at most 4000 characters"),
  schedule: requestedScheduleSchema.optional(),
});
export type DirectAssignInput = z.input<typeof directAssignInput>;

export type DirectAssignResult = {
  targetId: string;
  displayName: string;
  type: PrincipalType | null;
} & ({ ok: true; requestId: string; state: RequestState; assignmentId: string | null } | { ok: false; code: ErrorCode | "internal"; message: string });

/**
 * Assigns an access package directly (pathway C: requestType adminAdd, no approval) to several principals at once.
 * Each target gets its own request through submitRequest, so every rule (policy scope, separation of duties, one open
 * request) is checked per target and one refusal does not stop the others; the results say what happened to each.
 * Requires assignments.manage on the package's catalog, checked once up front.
 */
export async function directAssign({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<DirectAssignResult[]> {
  const data = parseInput(directAssignInput, input);
  await withRefusalAudit(
    ctx,
    () => ({ action: "assignment.directAssign", targetType: "accessPackage", targetId: data.accessPackageId }),
    async () => {
      const pkg = await loadPackage(ctx.db, data.accessPackageId);
      await requirePermission(ctx, "assignments.manage", { catalogId: pkg.catalogId });
    },
  );
  const found = await ctx.db
    .select({ id: principals.id, displayName: principals.displayName, type: principals.type })
    .from(principals)
    .where(inArray(principals.id, data.targetIds));
  const byId = new Map(found.map((p) => [p.id, p]));

  const results: DirectAssignResult[] = [];
  for (const targetId of data.targetIds) {
    const who = byId.get(targetId);
    const base = { targetId, displayName: who?.displayName ?? targetId, type: who?.type ?? null };
    try {
      const req = await submitRequest({
        ctx,
        input: {
          requestType: "adminAdd",
          accessPackageId: data.accessPackageId,
          assignmentPolicyId: data.assignmentPolicyId,
          targetId,
          justification: data.justification,
          schedule: data.schedule,
        },
      });
      results.push({ ...base, ok: true, requestId: req.id, state: req.state, assignmentId: req.assignmentId });
    } catch (e) {
      if (!isDomainError(e)) {
        console.error("Direct assignment failed", e);
        results.push({ ...base, ok: false, code: "internal", message: "Something went wrong; nothing was assigned to this target." });
      } else {
        results.push({ ...base, ok: false, code: e.code, message: e.message });
      }
    }
  }
  return results;
}

export type DirectAssignOption = {
  id: string;
  displayName: string;
  catalogName: string;
  policies: { id: string; displayName: string; allowedTargetScope: string; expiration: string }[];
};

/** The packages the actor may assign directly (assignments.manage), each with its policies, for the direct-assign form. */
export async function listDirectAssignOptions(ctx: Ctx): Promise<DirectAssignOption[]> {
  const packages = await listPackageOptions(ctx, "assignments.manage");
  if (packages.length === 0) return [];
  const rows = await ctx.db
    .select({ id: assignmentPolicies.id, accessPackageId: assignmentPolicies.accessPackageId, displayName: assignmentPolicies.displayName, allowedTargetScope: assignmentPolicies.allowedTargetScope, expiration: assignmentPolicies.expiration })
    .from(assignmentPolicies)
    .where(inArray(assignmentPolicies.accessPackageId, packages.map((p) => p.id)))
    .orderBy(asc(assignmentPolicies.createdAt));
  return packages.map((p) => ({
    ...p,
    policies: rows
      .filter((r) => r.accessPackageId === p.id)
      .map((r) => ({ id: r.id, displayName: r.displayName, allowedTargetScope: r.allowedTargetScope, expiration: describeExpiration(r.expiration) })),
  }));
}

function describeExpiration(e: unknown): string {
  const x = (e ?? {}) as { type?: string; duration?: string; endDateTime?: string };
  if (x.type === "afterDuration" && x.duration) return `ends after ${describeDuration(x.duration)}`;
  if (x.type === "afterDateTime" && x.endDateTime) return `ends ${new Date(x.endDateTime).toISOString().slice(0, 16).replace("T", " ")} UTC`;
  return "no end date";
}
