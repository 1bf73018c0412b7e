import { alias } from "drizzle-orm/pg-core";
import { and, asc, eq, inArray, isNull, or } from "drizzle-orm";
import { accessPackages, assignments, grants, principals, resourceRoles, resources, type ResourceOriginSystem } from "@/db/schema";
import type { DbOrTx } from "@/db";
import { assignmentIsActive } from "./active";

export type EffectiveGrant = {
  grantId: string;
  principalId: string;
  resourceRoleId: string;
  roleName: string;
  resourceName: string;
  originSystem: ResourceOriginSystem;
  assignmentId: string;
  accessPackageName: string;
  endDateTime: Date | null;
};

/**
 * What the principals can do right now: grants of active assignments (not ended, not expired or removed),
 * and nothing for a disabled principal — nor for an agent user whose agent identity is disabled, since it acts for it.
 * Assignments and grants stay while a principal is disabled, so enabling it again restores its access.
 */
export async function effectiveGrants(db: DbOrTx, principalIds: readonly string[], now: Date): Promise<EffectiveGrant[]> {
  if (principalIds.length === 0) return [];
  const pairedAgent = alias(principals, "paired_agent");
  return db
    .select({
      grantId: grants.id,
      principalId: grants.principalId,
      resourceRoleId: grants.resourceRoleId,
      roleName: resourceRoles.displayName,
      resourceName: resources.displayName,
      originSystem: resources.originSystem,
      assignmentId: grants.assignmentId,
      accessPackageName: accessPackages.displayName,
      endDateTime: assignments.endDateTime,
    })
    .from(grants)
    .innerJoin(assignments, eq(assignments.id, grants.assignmentId))
    .innerJoin(principals, eq(principals.id, grants.principalId))
    .innerJoin(resourceRoles, eq(resourceRoles.id, grants.resourceRoleId))
    .innerJoin(resources, eq(resources.id, resourceRoles.resourceId))
    .innerJoin(accessPackages, eq(accessPackages.id, assignments.accessPackageId))
    .leftJoin(pairedAgent, eq(pairedAgent.id, principals.agentIdentityId))
    .where(
      and(
        inArray(grants.principalId, [...principalIds]),
        assignmentIsActive(now),
        eq(principals.accountEnabled, true),
        or(isNull(pairedAgent.id), eq(pairedAgent.accountEnabled, true)),
      ),
    )
    .orderBy(asc(resources.displayName), asc(resourceRoles.displayName));
}
