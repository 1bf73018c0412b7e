import { and, asc, eq, inArray } from "drizzle-orm";
import { adminRoleAssignments, agentSponsors, assignmentRequests, catalogRoleAssignments, catalogs, OPEN_REQUEST_STATES, principalOwners, principals, type Principal, type RequestState } from "@/db/schema";
import type { DbOrTx } from "@/db";
import type { Ctx } from "@/lib/auth/actor";
import { resolveStageApprovers } from "@/lib/approvals/resolve-approvers";
import type { Policy } from "@/lib/policies/settings";
import { isInSubjectSets } from "@/lib/policies/subject-sets";
import { targetScopeRefusal } from "@/lib/policies/target-scope";

async function displayNames(db: DbOrTx, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db.select({ id: principals.id, name: principals.displayName }).from(principals).where(inArray(principals.id, [...ids])).orderBy(asc(principals.displayName));
  return rows.map((r) => r.name);
}

/** Who can change a catalog's packages and policies: its owners, else the Identity Governance Administrators. */
export async function catalogContacts(db: DbOrTx, catalogId: string): Promise<{ catalogName: string; contacts: string[]; role: "owner" | "administrator" }> {
  const [catalog] = await db.select({ name: catalogs.displayName }).from(catalogs).where(eq(catalogs.id, catalogId));
  const owners = await db
    .select({ name: principals.displayName })
    .from(catalogRoleAssignments)
    .innerJoin(principals, eq(principals.id, catalogRoleAssignments.principalId))
    .where(and(eq(catalogRoleAssignments.catalogId, catalogId), eq(catalogRoleAssignments.role, "owner"), eq(principals.accountEnabled, true)))
    .orderBy(asc(principals.displayName));
  if (owners.length) return { catalogName: catalog?.name ?? "", contacts: owners.map((o) => o.name), role: "owner" };
  const admins = await db
    .select({ name: principals.displayName })
    .from(adminRoleAssignments)
    .innerJoin(principals, eq(principals.id, adminRoleAssignments.principalId))
    .where(and(eq(adminRoleAssignments.role, "identityGovernanceAdministrator"), eq(principals.accountEnabled, true)))
    .orderBy(asc(principals.displayName));
  return { catalogName: catalog?.name ?? "", contacts: admins.map((a) => a.name), role: "administrator" };
}

/**
 * Who would approve `target`'s own request under this policy, stage by stage ("Priya Raman", then "Helen Park"),
 * worked out the way submission does (nobody approves their own request). Empty when no approval is needed.
 */
export async function previewApprovers(db: DbOrTx, policy: Policy, kind: "add" | "update", targetId: string): Promise<string[][]> {
  const a = policy.requestApprovalSettings;
  if (!(kind === "add" ? a.isApprovalRequiredForAdd : a.isApprovalRequiredForUpdate)) return [];
  const out: string[][] = [];
  for (const stage of a.stages) {
    const r = await resolveStageApprovers(db, stage, { requestorId: targetId, targetId }, new Set([targetId]));
    out.push(await displayNames(db, r ? (r.primary.length ? r.primary : r.escalation) : []));
  }
  return out;
}

/** The agent's enabled sponsors and owners whom this policy lets request it on the agent's behalf. */
export async function onBehalfRequestorsFor(db: DbOrTx, policy: Policy, agent: Principal): Promise<string[]> {
  const rs = policy.requestorSettings;
  if (!rs.enableOnBehalfRequestorsToAddAccess) return [];
  const [sponsors, owners] = await Promise.all([
    db.select({ id: agentSponsors.sponsorId }).from(agentSponsors).where(eq(agentSponsors.agentId, agent.id)),
    db.select({ id: principalOwners.ownerId }).from(principalOwners).where(eq(principalOwners.principalId, agent.id)),
  ]);
  const ids = [...new Set([...sponsors, ...owners].map((r) => r.id))];
  const people = ids.length ? await db.select().from(principals).where(and(inArray(principals.id, ids), eq(principals.accountEnabled, true))) : [];
  const allowed: string[] = [];
  for (const p of people) {
    if (p.type !== "user") continue;
    if (!(await isInSubjectSets(db, rs.onBehalfRequestors, p.id, { requestorId: p.id, targetId: agent.id }))) continue;
    if (await targetScopeRefusal(db, policy, agent, p.id)) continue;
    allowed.push(p.displayName);
  }
  return allowed.sort();
}

/** The caller's open request for a package, if any. */
export async function myOpenRequest(ctx: Ctx, accessPackageId: string): Promise<{ id: string; state: RequestState } | null> {
  if (!ctx.actor.id) return null;
  const [row] = await ctx.db
    .select({ id: assignmentRequests.id, state: assignmentRequests.state })
    .from(assignmentRequests)
    .where(and(eq(assignmentRequests.targetId, ctx.actor.id), eq(assignmentRequests.accessPackageId, accessPackageId), inArray(assignmentRequests.state, [...OPEN_REQUEST_STATES])))
    .limit(1);
  return row ?? null;
}
