import { and, asc, eq, inArray, or } from "drizzle-orm";
import {
  accessPackages,
  agentBlueprints,
  agentSponsors,
  assignments,
  principalOwners,
  principals,
  type AssignmentState,
  type ResourceOriginSystem,
} from "@/db/schema";
import { nowOf, type Ctx } from "@/lib/auth/actor";
import { isGovernanceAdmin } from "@/lib/auth/permissions";
import { assignmentIsActive } from "@/lib/assignments/active";
import { effectiveGrants } from "@/lib/assignments/effective-grants";
import { agentSponsorsAndOwners } from "./agent-people";

export type AgentAssignment = {
  id: string;
  accessPackageId: string;
  packageName: string;
  state: AssignmentState;
  startDateTime: Date;
  endDateTime: Date | null;
};

export type AgentGrant = {
  resourceName: string;
  originSystem: ResourceOriginSystem;
  roleName: string;
  /** End of the delivering assignment; null = no end. */
  endDateTime: Date | null;
  packageName: string;
};

export type MyAgent = {
  id: string;
  displayName: string;
  description: string | null;
  appId: string | null;
  blueprintName: string | null;
  accountEnabled: boolean;
  disabledByAdmin: boolean;
  lastSignInAt: Date | null;
  iSponsor: boolean;
  iOwn: boolean;
  sponsors: string[];
  owners: string[];
  /** Owners and Identity Governance Administrators may create client secrets. */
  canCreateCredential: boolean;
  assignments: AgentAssignment[];
  /** Effective access right now: empty while the agent is disabled. */
  grants: AgentGrant[];
};

/**
 * The agent identities the actor sponsors or owns, with their active assignments and effective grants.
 * Only active assignments count (an assignment past its end is inactive at once), and a disabled agent holds nothing.
 */
export async function listMyAgents(ctx: Ctx): Promise<MyAgent[]> {
  const me = ctx.actor.id;
  if (!me) return [];
  const now = nowOf(ctx);
  const rows = await ctx.db
    .selectDistinct({
      id: principals.id,
      displayName: principals.displayName,
      description: principals.description,
      appId: principals.appId,
      blueprintName: agentBlueprints.displayName,
      accountEnabled: principals.accountEnabled,
      disabledByAdmin: principals.disabledByAdmin,
      lastSignInAt: principals.lastSignInAt,
      sponsorId: agentSponsors.sponsorId,
      ownerId: principalOwners.ownerId,
    })
    .from(principals)
    .leftJoin(agentBlueprints, eq(agentBlueprints.id, principals.blueprintId))
    .leftJoin(agentSponsors, and(eq(agentSponsors.agentId, principals.id), eq(agentSponsors.sponsorId, me)))
    .leftJoin(principalOwners, and(eq(principalOwners.principalId, principals.id), eq(principalOwners.ownerId, me)))
    .where(and(eq(principals.type, "agentIdentity"), or(eq(agentSponsors.sponsorId, me), eq(principalOwners.ownerId, me))))
    .orderBy(asc(principals.displayName), asc(principals.id));
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const isAdmin = await isGovernanceAdmin(ctx.db, me);

  const [{ sponsors, owners }, assignmentRows, grantRows] = await Promise.all([
    agentSponsorsAndOwners(ctx.db, ids),
    ctx.db
      .select({
        id: assignments.id,
        targetId: assignments.targetId,
        accessPackageId: assignments.accessPackageId,
        packageName: accessPackages.displayName,
        state: assignments.state,
        startDateTime: assignments.startDateTime,
        endDateTime: assignments.endDateTime,
      })
      .from(assignments)
      .innerJoin(accessPackages, eq(accessPackages.id, assignments.accessPackageId))
      .where(and(inArray(assignments.targetId, ids), assignmentIsActive(now)))
      .orderBy(asc(accessPackages.displayName)),
    effectiveGrants(ctx.db, ids, now),
  ]);

  return rows.map((r) => {
    const iOwn = r.ownerId === me;
    return {
      id: r.id,
      displayName: r.displayName,
      description: r.description,
      appId: r.appId,
      blueprintName: r.blueprintName,
      accountEnabled: r.accountEnabled,
      disabledByAdmin: r.disabledByAdmin,
      lastSignInAt: r.lastSignInAt,
      iSponsor: r.sponsorId === me,
      iOwn,
      sponsors: sponsors.get(r.id) ?? [],
      owners: owners.get(r.id) ?? [],
      canCreateCredential: iOwn || isAdmin,
      assignments: assignmentRows
        .filter((a) => a.targetId === r.id)
        .map((a) => ({ id: a.id, accessPackageId: a.accessPackageId, packageName: a.packageName, state: a.state, startDateTime: a.startDateTime, endDateTime: a.endDateTime })),
      grants: grantRows
        .filter((g) => g.principalId === r.id)
        .map((g) => ({ resourceName: g.resourceName, originSystem: g.originSystem, roleName: g.roleName, endDateTime: g.endDateTime, packageName: g.accessPackageName })),
    };
  });
}
