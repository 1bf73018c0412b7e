import { and, asc, count, eq, inArray, type SQL } from "drizzle-orm";
import { principals, type PrincipalType } from "@/db/schema";
import type { Ctx } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { visibleCatalogs } from "@/lib/catalogs/visible-catalogs";
import { forbidden } from "@/lib/errors";
import { pageOf, searchCondition, type DirectoryPage } from "./list-query";

export type PrincipalCandidate = {
  id: string;
  type: PrincipalType;
  displayName: string;
  /** Mail for people, description for agents and service principals. */
  detail: string | null;
  accountEnabled: boolean;
};

export const PICKABLE_TYPES = ["user", "agentIdentity", "servicePrincipal"] as const satisfies readonly PrincipalType[];
export type PickableType = (typeof PICKABLE_TYPES)[number];

/**
 * The search behind the admin center's people and principal pickers (catalog roles, sponsors and owners, direct
 * assignment): enabled principals of the given types whose name, mail or description matches. Open to
 * administrators and to anyone who may manage a catalog's roles or assignments, for whom these names are needed.
 */
export async function searchPrincipals(
  ctx: Ctx,
  params: { q?: string; types?: readonly PickableType[]; page?: number; pageSize?: number },
): Promise<DirectoryPage<PrincipalCandidate>> {
  if (!(await can(ctx, "directory.read"))) {
    const scope = await visibleCatalogs(ctx, "assignments.manage");
    if (!scope.all && scope.catalogIds.length === 0) throw forbidden("You are not allowed to search the directory.");
  }
  const { page, pageSize, offset } = pageOf({ page: params.page, pageSize: params.pageSize ?? 10 });
  const types = params.types?.length ? params.types.filter((t) => (PICKABLE_TYPES as readonly string[]).includes(t)) : [...PICKABLE_TYPES];
  const conds: (SQL | undefined)[] = [
    inArray(principals.type, types.length ? types : [...PICKABLE_TYPES]),
    eq(principals.accountEnabled, true),
    searchCondition(params.q, principals.displayName, principals.mail, principals.userPrincipalName, principals.description),
  ];
  const where = and(...conds);
  const [{ total }] = await ctx.db.select({ total: count() }).from(principals).where(where);
  const rows = await ctx.db
    .select({
      id: principals.id,
      type: principals.type,
      displayName: principals.displayName,
      mail: principals.mail,
      description: principals.description,
      accountEnabled: principals.accountEnabled,
    })
    .from(principals)
    .where(where)
    .orderBy(asc(principals.displayName), asc(principals.id))
    .limit(pageSize)
    .offset(offset);
  return {
    rows: rows.map((r) => ({ id: r.id, type: r.type, displayName: r.displayName, detail: r.mail ?? r.description, accountEnabled: r.accountEnabled })),
    total: Number(total),
    page,
    pageSize,
  };
}

