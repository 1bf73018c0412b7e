import { and, asc, count, desc, eq, exists, ilike, inArray, notExists, or, type SQL } from "drizzle-orm";
import { accessPackages, assignmentPolicies, assignments, catalogRoleAssignments, catalogs } from "@/db/schema";
import { assignmentIsActive } from "@/lib/assignments/active";
import { nowOf, type Ctx } from "@/lib/auth/actor";
import { isGovernanceAdmin } from "@/lib/auth/permissions";
import { containsPattern } from "@/lib/text/search";
import { pageOf } from "@/lib/paging";

export type PackageListRow = {
  id: string;
  displayName: string;
  description: string;
  isHidden: boolean;
  catalogId: string;
  catalogName: string;
  policyCount: number;
  activeAssignmentCount: number;
};

export type PackageList = { rows: PackageListRow[]; total: number; page: number; pageSize: number };

export const PACKAGE_SORTS = ["displayName", "catalogName"] as const;
export type PackageSort = { id: (typeof PACKAGE_SORTS)[number]; desc: boolean };

/** Scopes under which agents (or service principals, which agents are) can request a package. */
const AGENT_SCOPES = ["allDirectoryAgentIdentities", "allDirectoryServicePrincipals", "specificDirectoryServicePrincipals"] as const;

export type ListPackagesParams = {
  q?: string;
  page?: number;
  pageSize?: number;
  catalogId?: string;
  /** true: hidden packages only; false: visible only. */
  hidden?: boolean;
  /** true: packages with a policy agents can request under; false: packages without one. */
  forAgents?: boolean;
  sort?: PackageSort | null;
};

/**
 * Access packages the actor may see in the admin center: all for an Identity Governance Administrator,
 * otherwise those in catalogs where the actor holds a catalog role. Counts only active assignments.
 */
export async function listPackages(ctx: Ctx, params: ListPackagesParams = {}): Promise<PackageList> {
  const { page, pageSize } = pageOf(params, 25);
  const actorId = ctx.actor.id;
  const seesAll = ctx.actor.type === "system" || (actorId !== null && (await isGovernanceAdmin(ctx.db, actorId)));
  if (!seesAll && !actorId) return { rows: [], total: 0, page, pageSize };
  const now = nowOf(ctx);

  const conds: SQL[] = [];
  if (!seesAll) {
    conds.push(
      inArray(
        accessPackages.catalogId,
        ctx.db.select({ id: catalogRoleAssignments.catalogId }).from(catalogRoleAssignments).where(eq(catalogRoleAssignments.principalId, actorId!)),
      ),
    );
  }
  const q = params.q?.trim();
  if (q) {
    const pattern = containsPattern(q);
    conds.push(or(ilike(accessPackages.displayName, pattern), ilike(accessPackages.description, pattern))!);
  }
  if (params.catalogId) conds.push(eq(accessPackages.catalogId, params.catalogId));
  if (params.hidden !== undefined) conds.push(eq(accessPackages.isHidden, params.hidden));
  if (params.forAgents !== undefined) {
    const agentPolicy = ctx.db
      .select({ id: assignmentPolicies.id })
      .from(assignmentPolicies)
      .where(and(eq(assignmentPolicies.accessPackageId, accessPackages.id), inArray(assignmentPolicies.allowedTargetScope, [...AGENT_SCOPES])));
    conds.push(params.forAgents ? exists(agentPolicy) : notExists(agentPolicy));
  }
  const where = conds.length ? and(...conds) : undefined;
  const [{ total }] = await ctx.db.select({ total: count() }).from(accessPackages).where(where);
  const dir = params.sort?.desc ? desc : asc;
  const order = params.sort?.id === "catalogName" ? [dir(catalogs.displayName), asc(accessPackages.displayName), asc(accessPackages.id)] : [dir(accessPackages.displayName), asc(accessPackages.id)];
  const rows = await ctx.db
    .select({
      id: accessPackages.id,
      displayName: accessPackages.displayName,
      description: accessPackages.description,
      isHidden: accessPackages.isHidden,
      catalogId: catalogs.id,
      catalogName: catalogs.displayName,
    })
    .from(accessPackages)
    .innerJoin(catalogs, eq(catalogs.id, accessPackages.catalogId))
    .where(where)
    .orderBy(...order)
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  const ids = rows.map((r) => r.id);
  const policyCounts = ids.length
    ? await ctx.db
        .select({ accessPackageId: assignmentPolicies.accessPackageId, n: count() })
        .from(assignmentPolicies)
        .where(inArray(assignmentPolicies.accessPackageId, ids))
        .groupBy(assignmentPolicies.accessPackageId)
    : [];
  const active = ids.length
    ? await ctx.db
        .select({ accessPackageId: assignments.accessPackageId, n: count() })
        .from(assignments)
        .where(and(inArray(assignments.accessPackageId, ids), assignmentIsActive(now)))
        .groupBy(assignments.accessPackageId)
    : [];
  return {
    rows: rows.map((r) => ({ ...r, policyCount: Number(policyCounts.find((p) => p.accessPackageId === r.id)?.n ?? 0), activeAssignmentCount: Number(active.find((a) => a.accessPackageId === r.id)?.n ?? 0) })),
    total: Number(total),
    page,
    pageSize,
  };
}
