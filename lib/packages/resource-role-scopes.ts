import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { assignments, grants, principals, resourceRoles, resourceRoleScopes, resources, type Resource, type ResourceRole } from "@/db/schema";
import type { DbOrTx, Tx } from "@/db";
import { conflict, invalid, isUniqueViolation, notFound, parseInput } from "@/lib/errors";
import { requirePermission } from "@/lib/auth/permissions";
import { nowOf, type Ctx } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { withRefusalAudit } from "@/lib/audit/with-refusal-audit";
import { assignmentIsActive } from "@/lib/assignments/active";
import { deliverRoles } from "@/lib/assignments/deliver";
import { transitionAssignment } from "@/lib/requests/state-machine";
import { loadPackage } from "./load";

export const addResourceRoleScopeInput = z.object({
  accessPackageId: z.uuid("accessPackageId must be the id of an access package"),
  resourceRoleId: z.uuid("resourceRoleId must be the id of a resource role"),
});
export const removeResourceRoleScopeInput = z.object({
  accessPackageId: z.uuid("accessPackageId must be the id of an access package"),
  resourceRoleScopeId: z.uuid("resourceRoleScopeId must be the id of one of the package's resource role scopes"),
});

export type ResourceRoleScopeDetail = {
  id: string;
  accessPackageId: string;
  createdAt: Date;
  role: Pick<ResourceRole, "id" | "originId" | "displayName" | "description" | "assignableToServicePrincipals" | "assignableToUsers">;
  resource: Pick<Resource, "id" | "originId" | "originSystem" | "displayName" | "description" | "createdAt">;
};

/** Outcome for the package's current assignees: how many assignments had their grants changed. */
export type ScopeChangeResult = { scope: ResourceRoleScopeDetail; assignmentsUpdated: number };

/**
 * Brings every active assignment of the package in line with its current resource roles: grants for roles the
 * target can hold are inserted (idempotent), and the assignment's state follows (delivered / partiallyDelivered).
 * One audit event per assignment whose state or grants changed, on behalf of its target.
 */
async function resyncAssignments(tx: Tx, ctx: Ctx, accessPackageId: string, change: { removedRoleId?: string; addedRoleId?: string }, now: Date): Promise<number> {
  const live = await tx
    .select({ id: assignments.id, state: assignments.state, targetId: assignments.targetId, targetType: principals.type })
    .from(assignments)
    .innerJoin(principals, eq(principals.id, assignments.targetId))
    .where(and(eq(assignments.accessPackageId, accessPackageId), assignmentIsActive(now)));
  let updated = 0;
  for (const a of live) {
    const { state, status } = await deliverRoles(tx, a.id, accessPackageId, a.targetId, a.targetType, now);
    // deliverRoles says deliveryFailed when the target can hold none of the roles; a live assignment keeps what it has.
    const next = state === "deliveryFailed" ? "partiallyDelivered" : state;
    // A state change goes through delivering, as a re-delivery does; the same state is a compare-and-set on itself.
    if (next !== a.state) await transitionAssignment(tx, a.id, a.state, "delivering", { modifiedAt: now });
    await transitionAssignment(tx, a.id, next === a.state ? a.state : "delivering", next, { status, modifiedAt: now });
    await recordAudit(tx, ctx, {
      action: change.addedRoleId ? "assignment.grantRole" : "assignment.revokeRole",
      targetType: "assignment",
      targetId: a.id,
      onBehalfOfId: a.targetId,
      before: { state: a.state },
      after: { state: next, status, ...change },
      detail: change.addedRoleId ? "A resource role was added to the access package." : "A resource role was removed from the access package.",
    });
    updated++;
  }
  return updated;
}

async function loadScopeDetail(db: DbOrTx, scopeId: string): Promise<ResourceRoleScopeDetail | null> {
  const [row] = await db
    .select({ scope: resourceRoleScopes, role: resourceRoles, resource: resources })
    .from(resourceRoleScopes)
    .innerJoin(resourceRoles, eq(resourceRoles.id, resourceRoleScopes.resourceRoleId))
    .innerJoin(resources, eq(resources.id, resourceRoles.resourceId))
    .where(eq(resourceRoleScopes.id, scopeId));
  if (!row) return null;
  return toDetail(row);
}

function toDetail(row: { scope: typeof resourceRoleScopes.$inferSelect; role: ResourceRole; resource: Resource }): ResourceRoleScopeDetail {
  const { role, resource, scope } = row;
  return {
    id: scope.id,
    accessPackageId: scope.accessPackageId,
    createdAt: scope.createdAt,
    role: { id: role.id, originId: role.originId, displayName: role.displayName, description: role.description, assignableToServicePrincipals: role.assignableToServicePrincipals, assignableToUsers: role.assignableToUsers },
    resource: { id: resource.id, originId: resource.originId, originSystem: resource.originSystem, displayName: resource.displayName, description: resource.description, createdAt: resource.createdAt },
  };
}

/** The resource role scopes of packages, with role and resource, oldest first. */
export async function listResourceRoleScopes(db: DbOrTx, accessPackageIds: readonly string[]): Promise<ResourceRoleScopeDetail[]> {
  if (accessPackageIds.length === 0) return [];
  const rows = await db
    .select({ scope: resourceRoleScopes, role: resourceRoles, resource: resources })
    .from(resourceRoleScopes)
    .innerJoin(resourceRoles, eq(resourceRoles.id, resourceRoleScopes.resourceRoleId))
    .innerJoin(resources, eq(resources.id, resourceRoles.resourceId))
    .where(inArray(resourceRoleScopes.accessPackageId, [...accessPackageIds]))
    .orderBy(resourceRoleScopes.createdAt, resourceRoleScopes.id);
  return rows.map(toDetail);
}

/**
 * Adds a resource role of the package's catalog to the package. As in Entra, current assignees get it at once:
 * each active assignment of the package is granted the role (where its target can hold it).
 */
export async function addResourceRoleScope({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<ScopeChangeResult> {
  const data = parseInput(addResourceRoleScopeInput, input);
  return withRefusalAudit(
    ctx,
    () => ({ action: "accessPackage.addResourceRoleScope", targetType: "accessPackage", targetId: data.accessPackageId }),
    async () => {
      const pkg = await loadPackage(ctx.db, data.accessPackageId);
      await requirePermission(ctx, "packages.write", { catalogId: pkg.catalogId });
      const [role] = await ctx.db
        .select({ id: resourceRoles.id, displayName: resourceRoles.displayName, catalogId: resources.catalogId, resourceName: resources.displayName })
        .from(resourceRoles)
        .innerJoin(resources, eq(resources.id, resourceRoles.resourceId))
        .where(eq(resourceRoles.id, data.resourceRoleId));
      if (!role || role.catalogId !== pkg.catalogId) {
        throw invalid(`The resource role ${data.resourceRoleId} is not a role of a resource in this package's catalog; add the resource to the catalog first.`, {
          resourceRoleId: ["must be a role of a resource in the package's catalog"],
        });
      }
      const now = nowOf(ctx);
      try {
        return await ctx.db.transaction(async (tx) => {
          const [scope] = await tx.insert(resourceRoleScopes).values({ accessPackageId: pkg.id, resourceRoleId: role.id, createdAt: now }).returning();
          const assignmentsUpdated = await resyncAssignments(tx, ctx, pkg.id, { addedRoleId: role.id }, now);
          await recordAudit(tx, ctx, {
            action: "accessPackage.addResourceRoleScope",
            targetType: "accessPackage",
            targetId: pkg.id,
            after: { resourceRoleScopeId: scope.id, resourceRoleId: role.id, role: `${role.resourceName}: ${role.displayName}`, assignmentsUpdated },
          });
          return { scope: (await loadScopeDetail(tx, scope.id))!, assignmentsUpdated };
        });
      } catch (e) {
        if (isUniqueViolation(e)) throw conflict(`"${pkg.displayName}" already hands out ${role.resourceName}: ${role.displayName}.`);
        throw e;
      }
    },
  );
}

/**
 * Removes a resource role scope from the package. Current assignees lose the role where this package delivered
 * it; a grant of the same role by another assignment stays, so access another package gives is untouched.
 */
export async function removeResourceRoleScope({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<ScopeChangeResult> {
  const data = parseInput(removeResourceRoleScopeInput, input);
  return withRefusalAudit(
    ctx,
    () => ({ action: "accessPackage.removeResourceRoleScope", targetType: "accessPackage", targetId: data.accessPackageId }),
    async () => {
      const pkg = await loadPackage(ctx.db, data.accessPackageId);
      await requirePermission(ctx, "packages.write", { catalogId: pkg.catalogId });
      const scope = await loadScopeDetail(ctx.db, data.resourceRoleScopeId);
      if (!scope || scope.accessPackageId !== pkg.id) throw notFound(`"${pkg.displayName}" has no resource role scope ${data.resourceRoleScopeId}.`);
      const now = nowOf(ctx);
      return ctx.db.transaction(async (tx) => {
        const deleted = await tx.delete(resourceRoleScopes).where(eq(resourceRoleScopes.id, scope.id)).returning({ id: resourceRoleScopes.id });
        if (deleted.length === 0) throw conflict("The resource role scope was removed by someone else at the same time.");
        const ofPackage = tx.select({ id: assignments.id }).from(assignments).where(eq(assignments.accessPackageId, pkg.id));
        await tx.delete(grants).where(and(eq(grants.resourceRoleId, scope.role.id), inArray(grants.assignmentId, ofPackage)));
        const assignmentsUpdated = await resyncAssignments(tx, ctx, pkg.id, { removedRoleId: scope.role.id }, now);
        await recordAudit(tx, ctx, {
          action: "accessPackage.removeResourceRoleScope",
          targetType: "accessPackage",
          targetId: pkg.id,
          before: { resourceRoleScopeId: scope.id, resourceRoleId: scope.role.id, role: `${scope.resource.displayName}: ${scope.role.displayName}` },
          after: { assignmentsUpdated },
        });
        return { scope, assignmentsUpdated };
      });
    },
  );
}
