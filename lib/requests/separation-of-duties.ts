import { and, eq, inArray, or } from "drizzle-orm";
import {
  accessPackages,
  assignments,
  grants,
  groupMembers,
  groups,
  incompatibleAccessPackages,
  incompatibleGroups,
  resourceRoles,
  resources,
} from "@/db/schema";
import type { DbOrTx } from "@/db";
import { assignmentIsActive } from "@/lib/assignments/active";

/** Null when `targetId` may hold `accessPackageId`; otherwise a reason naming the conflicting package or group. */
export async function separationOfDutiesConflict(db: DbOrTx, targetId: string, accessPackageId: string, now: Date): Promise<string | null> {
  const incompatible = await db
    .select({ a: incompatibleAccessPackages.accessPackageId, b: incompatibleAccessPackages.incompatibleAccessPackageId })
    .from(incompatibleAccessPackages)
    .where(or(eq(incompatibleAccessPackages.accessPackageId, accessPackageId), eq(incompatibleAccessPackages.incompatibleAccessPackageId, accessPackageId)));
  const otherIds = [...new Set(incompatible.map((r) => (r.a === accessPackageId ? r.b : r.a)))];
  if (otherIds.length) {
    const [held] = await db
      .select({ name: accessPackages.displayName })
      .from(assignments)
      .innerJoin(accessPackages, eq(accessPackages.id, assignments.accessPackageId))
      .where(and(eq(assignments.targetId, targetId), inArray(assignments.accessPackageId, otherIds), assignmentIsActive(now)))
      .limit(1);
    if (held) return `Separation of duties: this access package is incompatible with "${held.name}", which is already held.`;
  }
  const groupRows = await db
    .select({ id: groups.id, name: groups.displayName })
    .from(incompatibleGroups)
    .innerJoin(groups, eq(groups.id, incompatibleGroups.groupId))
    .where(eq(incompatibleGroups.accessPackageId, accessPackageId));
  if (groupRows.length) {
    const ids = groupRows.map((g) => g.id);
    const [direct] = await db
      .select({ groupId: groupMembers.groupId })
      .from(groupMembers)
      .where(and(eq(groupMembers.principalId, targetId), inArray(groupMembers.groupId, ids)))
      .limit(1);
    const [granted] = direct
      ? [direct]
      : await db
          .select({ groupId: resources.originId })
          .from(grants)
          .innerJoin(resourceRoles, eq(resourceRoles.id, grants.resourceRoleId))
          .innerJoin(resources, eq(resources.id, resourceRoles.resourceId))
          .innerJoin(assignments, eq(assignments.id, grants.assignmentId))
          .where(and(eq(grants.principalId, targetId), eq(resources.originSystem, "AadGroup"), inArray(resources.originId, ids), assignmentIsActive(now)))
          .limit(1);
    if (granted) {
      const name = groupRows.find((g) => g.id === granted.groupId)?.name ?? "a group";
      return `Separation of duties: members of the group "${name}" may not hold this access package.`;
    }
  }
  return null;
}
