import { and, asc, count, countDistinct, eq, ilike, inArray, min, or } from "drizzle-orm";
import {
  agentBlueprints,
  agentSponsors,
  assignments,
  principalOwners,
  principals,
  type ResourceOriginSystem,
} from "@/db/schema";
import { notFound } from "@/lib/errors";
import { nowOf, type Ctx } from "@/lib/auth/actor";
import { can, isGovernanceAdmin } from "@/lib/auth/permissions";
import { assignmentIsActive } from "@/lib/assignments/active";
import { effectiveGrants } from "@/lib/assignments/effective-grants";
import { isUuid } from "@/lib/packages/load";
import { agentSponsorsAndOwners } from "./agent-people";
import { listCredentials, type CredentialSummary } from "./list-credentials";
import { containsPattern } from "@/lib/text/search";
import { pageOf } from "@/lib/paging";

/** Agents are sponsored or owned; service principals (automation, apps) only owned. */
export type MyIdentityKind = "agentIdentity" | "servicePrincipal";

export type MyAgentRow = {
  id: string;
  kind: MyIdentityKind;
  displayName: string;
  blueprintName: string | null;
  accountEnabled: boolean;
  disabledByAdmin: boolean;
  iSponsor: boolean;
  iOwn: boolean;
  sponsors: string[];
  activeAssignments: number;
  /** The earliest end among its active assignments; null when none ends. */
  soonestExpiry: Date | null;
};

export type MyAgents = { rows: MyAgentRow[]; total: number; page: number; pageSize: number };

/**
 * The agent identities the actor sponsors or owns and the service principals they own, a page at a time (optionally
 * filtered by name), with what the My Account table shows: status, blueprint, how many packages each holds now and
 * when the first of them ends.
 */
export async function listMyAgents(ctx: Ctx, params: { page?: number; pageSize?: number; q?: string } = {}): Promise<MyAgents> {
  const { page, pageSize } = pageOf(params, 25);
  const me = ctx.actor.id;
  if (!me) return { rows: [], total: 0, page, pageSize };
  const now = nowOf(ctx);
  const q = params.q?.trim().slice(0, 200);

  const owned = inArray(principals.id, ctx.db.select({ id: principalOwners.principalId }).from(principalOwners).where(eq(principalOwners.ownerId, me)));
  const sponsored = inArray(principals.id, ctx.db.select({ id: agentSponsors.agentId }).from(agentSponsors).where(eq(agentSponsors.sponsorId, me)));
  const mine = or(and(eq(principals.type, "agentIdentity"), or(sponsored, owned)), and(eq(principals.type, "servicePrincipal"), owned));
  const where = and(mine, q ? ilike(principals.displayName, containsPattern(q)) : undefined);
  const [{ total }] = await ctx.db.select({ total: count() }).from(principals).where(where);
  const rows = await ctx.db
    .select({
      id: principals.id,
      type: principals.type,
      displayName: principals.displayName,
      blueprintName: agentBlueprints.displayName,
      accountEnabled: principals.accountEnabled,
      disabledByAdmin: principals.disabledByAdmin,
    })
    .from(principals)
    .leftJoin(agentBlueprints, eq(agentBlueprints.id, principals.blueprintId))
    .where(where)
    .orderBy(asc(principals.displayName), asc(principals.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  if (rows.length === 0) return { rows: [], total: Number(total), page, pageSize };
  const ids = rows.map((r) => r.id);

  const [{ sponsors }, held, sponsorRows, ownerRows] = await Promise.all([
    agentSponsorsAndOwners(ctx.db, ids),
    ctx.db
      .select({ targetId: assignments.targetId, n: countDistinct(assignments.id), soonest: min(assignments.endDateTime) })
      .from(assignments)
      .where(and(inArray(assignments.targetId, ids), assignmentIsActive(now)))
      .groupBy(assignments.targetId),
    ctx.db.select({ id: agentSponsors.agentId }).from(agentSponsors).where(and(inArray(agentSponsors.agentId, ids), eq(agentSponsors.sponsorId, me))),
    ctx.db.select({ id: principalOwners.principalId }).from(principalOwners).where(and(inArray(principalOwners.principalId, ids), eq(principalOwners.ownerId, me))),
  ]);
  const iSponsor = new Set(sponsorRows.map((r) => r.id));
  const iOwn = new Set(ownerRows.map((r) => r.id));
  return {
    rows: rows.map(({ type, ...r }) => {
      const h = held.find((x) => x.targetId === r.id);
      return {
        ...r,
        kind: type === "servicePrincipal" ? "servicePrincipal" : "agentIdentity",
        iSponsor: iSponsor.has(r.id),
        iOwn: iOwn.has(r.id),
        sponsors: sponsors.get(r.id) ?? [],
        activeAssignments: Number(h?.n ?? 0),
        soonestExpiry: h?.soonest ? new Date(h.soonest) : null,
      };
    }),
    total: Number(total),
    page,
    pageSize,
  };
}

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
  kind: MyIdentityKind;
  displayName: string;
  description: string | null;
  appId: string | null;
  blueprint: { name: string; publisher: string; version: string; inheritableScopes: string[] } | null;
  accountEnabled: boolean;
  disabledByAdmin: boolean;
  lastSignInAt: Date | null;
  iSponsor: boolean;
  iOwn: boolean;
  viewerIsAdmin: boolean;
  sponsors: string[];
  owners: string[];
  /** Whether the viewer may create client secrets (owners and Identity Governance Administrators). */
  canCreateCredential: boolean;
  /** Whether the viewer may remove client secrets (the same people). */
  canRemoveCredential: boolean;
  /** Its client secrets (never the secrets themselves), for everyone who may view the agent. */
  credentials: CredentialSummary[];
  /** Whether the viewer may switch it on or off now, and why not when they may not. */
  toggle: { allowed: true } | { allowed: false; reason: string };
  /** Effective access right now: empty while the agent is disabled. */
  grants: AgentGrant[];
};

/**
 * One agent identity for its sponsors, owners and administrators (or a service principal for its owners and
 * administrators): who answers for it, its blueprint, and what it can do right now. Anyone else gets "not found",
 * so ids cannot be probed.
 */
export async function getMyAgent(ctx: Ctx, agentId: string): Promise<MyAgent> {
  const missing = notFound(`No agent with id ${agentId}.`);
  const me = ctx.actor.id;
  if (!me || !isUuid(agentId)) throw missing;
  if (!(await can(ctx, "agents.view", { principalId: agentId }))) throw missing;
  const [row] = await ctx.db
    .select({ agent: principals, blueprint: agentBlueprints })
    .from(principals)
    .leftJoin(agentBlueprints, eq(agentBlueprints.id, principals.blueprintId))
    .where(and(eq(principals.id, agentId), inArray(principals.type, ["agentIdentity", "servicePrincipal"])));
  if (!row) throw missing;
  const a = row.agent;
  const now = nowOf(ctx);
  const [{ sponsors, owners }, grantRows, isAdmin, sponsorRow, ownerRow, creds, mayCreate, mayRemove] = await Promise.all([
    agentSponsorsAndOwners(ctx.db, [a.id]),
    effectiveGrants(ctx.db, [a.id], now),
    isGovernanceAdmin(ctx.db, me),
    ctx.db.select({ x: agentSponsors.agentId }).from(agentSponsors).where(and(eq(agentSponsors.agentId, a.id), eq(agentSponsors.sponsorId, me))).limit(1),
    ctx.db.select({ x: principalOwners.principalId }).from(principalOwners).where(and(eq(principalOwners.principalId, a.id), eq(principalOwners.ownerId, me))).limit(1),
    listCredentials(ctx.db, a.id),
    can(ctx, "credentials.create", { principalId: a.id }),
    can(ctx, "credentials.remove", { principalId: a.id }),
  ]);
  const iOwn = ownerRow.length > 0;
  return {
    id: a.id,
    kind: a.type === "servicePrincipal" ? "servicePrincipal" : "agentIdentity",
    displayName: a.displayName,
    description: a.description,
    appId: a.appId,
    blueprint: row.blueprint ? { name: row.blueprint.displayName, publisher: row.blueprint.publisher, version: row.blueprint.version, inheritableScopes: row.blueprint.inheritableScopes } : null,
    accountEnabled: a.accountEnabled,
    disabledByAdmin: a.disabledByAdmin,
    lastSignInAt: a.lastSignInAt,
    iSponsor: sponsorRow.length > 0,
    iOwn,
    viewerIsAdmin: isAdmin,
    sponsors: sponsors.get(a.id) ?? [],
    owners: owners.get(a.id) ?? [],
    canCreateCredential: mayCreate,
    canRemoveCredential: mayRemove,
    credentials: creds,
    toggle:
      !a.accountEnabled && a.disabledByAdmin && !isAdmin
        ? { allowed: false, reason: `An administrator disabled this ${a.type === "servicePrincipal" ? "service principal" : "agent"}; only an Identity Governance Administrator can enable it again.` }
        : { allowed: true },
    grants: grantRows.map((g) => ({ resourceName: g.resourceName, originSystem: g.originSystem, roleName: g.roleName, endDateTime: g.endDateTime, packageName: g.accessPackageName })),
  };
}
