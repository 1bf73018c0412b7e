import { and, eq, inArray, isNull } from "drizzle-orm";
import { agentBlueprints, agentSponsors, applicationOwners, groupMembers, principalOwners, principals } from "@/db/schema";
import type { DbOrTx } from "@/db";
import type { SubjectSet } from "./settings";
import { evaluateMembershipRule, parseMembershipRule, type RuleFacts } from "./membership-rule";

/** Who a subject set is relative to: the person or agent asking, and the principal that would get access. */
export type SubjectContext = { requestorId: string | null; targetId: string };

async function managerChain(db: DbOrTx, startId: string | null, level: number): Promise<string[]> {
  let current = startId;
  for (let i = 0; i < level && current; i++) {
    const [row] = await db.select({ managerId: principals.managerId }).from(principals).where(eq(principals.id, current));
    current = row?.managerId ?? null;
  }
  return current && current !== startId ? [current] : [];
}

/** Sponsors, and owners unless only sponsors are wanted, of the agent behind `targetId` (an agent identity or its agent user). */
async function agentSponsorsOrOwners(db: DbOrTx, targetId: string, withOwners: boolean): Promise<string[]> {
  const [t] = await db.select({ type: principals.type, agentIdentityId: principals.agentIdentityId }).from(principals).where(eq(principals.id, targetId));
  if (!t) return [];
  const agentId = t.type === "agentUser" ? t.agentIdentityId : t.type === "agentIdentity" ? targetId : null;
  if (!agentId) return [];
  const sponsors = await db.select({ id: agentSponsors.sponsorId }).from(agentSponsors).where(eq(agentSponsors.agentId, agentId));
  const owners = withOwners
    ? await db.select({ id: principalOwners.ownerId }).from(principalOwners).where(eq(principalOwners.principalId, agentId))
    : [];
  return [...new Set([...sponsors, ...owners].map((r) => r.id))];
}

/**
 * The principals a subject set denotes, for one request. Only enabled principals that have not left count.
 * attributeRuleMembers is evaluated by membership tests instead (see isInSubjectSets).
 */
export async function resolveSubjectSet(db: DbOrTx, set: SubjectSet, sc: SubjectContext): Promise<string[]> {
  let ids: string[] = [];
  switch (set["@odata.type"]) {
    case "#microsoft.graph.singleUser":
      ids = [set.userId];
      break;
    case "#microsoft.graph.singleServicePrincipal":
      ids = [set.servicePrincipalId];
      break;
    case "#microsoft.graph.groupMembers":
      ids = (await db.select({ id: groupMembers.principalId }).from(groupMembers).where(eq(groupMembers.groupId, set.groupId))).map((r) => r.id);
      break;
    case "#microsoft.graph.requestorManager":
      ids = await managerChain(db, sc.requestorId, set.managerLevel);
      break;
    case "#microsoft.graph.targetManager":
      ids = await managerChain(db, sc.targetId, set.managerLevel);
      break;
    case "#microsoft.graph.targetAgentIdentitySponsorsOrOwners":
      ids = await agentSponsorsOrOwners(db, sc.targetId, true);
      break;
    case "#microsoft.graph.targetUserSponsors":
      ids = await agentSponsorsOrOwners(db, sc.targetId, false);
      break;
    case "#microsoft.graph.targetApplicationOwners": {
      const [t] = await db.select({ applicationId: principals.applicationId }).from(principals).where(eq(principals.id, sc.targetId));
      const owners = await db.select({ id: principalOwners.ownerId }).from(principalOwners).where(eq(principalOwners.principalId, sc.targetId));
      const appOwners = t?.applicationId
        ? await db.select({ id: applicationOwners.ownerId }).from(applicationOwners).where(eq(applicationOwners.applicationId, t.applicationId))
        : [];
      ids = [...owners, ...appOwners].map((r) => r.id);
      break;
    }
    // Connected organizations and their sponsors are not modelled yet: these sets denote nobody.
    case "#microsoft.graph.internalSponsors":
    case "#microsoft.graph.externalSponsors":
    case "#microsoft.graph.connectedOrganizationMembers":
      ids = [];
      break;
    case "#microsoft.graph.attributeRuleMembers": {
      const rule = parseMembershipRule(set.membershipRule);
      const candidates = await ruleFacts(db, null);
      ids = candidates.filter((c) => evaluateMembershipRule(rule, c.facts)).map((c) => c.id);
      break;
    }
  }
  return activeOnly(db, ids);
}

async function activeOnly(db: DbOrTx, ids: string[]): Promise<string[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  const rows = await db
    .select({ id: principals.id })
    .from(principals)
    .where(and(inArray(principals.id, unique), eq(principals.accountEnabled, true), isNull(principals.leftAt)));
  return rows.map((r) => r.id);
}

export async function resolveSubjectSets(db: DbOrTx, sets: readonly SubjectSet[], sc: SubjectContext): Promise<string[]> {
  const all = new Set<string>();
  for (const s of sets) for (const id of await resolveSubjectSet(db, s, sc)) all.add(id);
  return [...all];
}

export async function isInSubjectSets(db: DbOrTx, sets: readonly SubjectSet[], principalId: string, sc: SubjectContext): Promise<boolean> {
  for (const s of sets) {
    if (s["@odata.type"] === "#microsoft.graph.attributeRuleMembers") {
      const [c] = await ruleFacts(db, principalId);
      if (c && evaluateMembershipRule(parseMembershipRule(s.membershipRule), c.facts)) return true;
      continue;
    }
    if ((await resolveSubjectSet(db, s, sc)).includes(principalId)) return true;
  }
  return false;
}

/** Rule facts for one principal, or for every enabled person and agent when `principalId` is null. */
async function ruleFacts(db: DbOrTx, principalId: string | null): Promise<{ id: string; facts: RuleFacts }[]> {
  const rows = await db
    .select({ p: principals, blueprintName: agentBlueprints.displayName, publisher: agentBlueprints.publisher })
    .from(principals)
    .leftJoin(agentBlueprints, eq(agentBlueprints.id, principals.blueprintId))
    .where(and(principalId ? eq(principals.id, principalId) : undefined, eq(principals.accountEnabled, true), isNull(principals.leftAt)))
    .limit(principalId ? 1 : 20_000);
  const out: { id: string; facts: RuleFacts }[] = [];
  for (const { p, blueprintName, publisher } of rows) {
    if (p.type === "user" || p.type === "agentUser") {
      out.push({ id: p.id, facts: { subject: "user", attributes: { displayName: p.displayName, mail: p.mail, userPrincipalName: p.userPrincipalName, department: p.department, jobTitle: p.jobTitle, userType: p.userType, accountEnabled: p.accountEnabled } } });
    } else if (p.type === "agentIdentity") {
      out.push({ id: p.id, facts: { subject: "agent", attributes: { displayName: p.displayName, description: p.description, blueprintId: p.blueprintId, blueprintDisplayName: blueprintName, publisher, accountEnabled: p.accountEnabled } } });
    }
  }
  return out;
}
