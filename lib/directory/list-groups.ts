import { alias } from "drizzle-orm/pg-core";
import { asc, count, eq, inArray, sql } from "drizzle-orm";
import { groupMembers, groupOwners, groups, principals } from "@/db/schema";
import type { Ctx } from "@/lib/auth/actor";
import { requirePermission } from "@/lib/auth/permissions";
import { pageOf, searchCondition, type DirectoryPage, type DirectoryPageParams } from "./list-query";

export type DirectoryGroupRow = {
  id: string;
  displayName: string;
  description: string | null;
  isRoleAssignable: boolean;
  memberCount: number;
  owners: string[];
};

/** Security groups with their member counts and owners. Requires directory.read. */
export async function listGroups(ctx: Ctx, params: DirectoryPageParams = {}): Promise<DirectoryPage<DirectoryGroupRow>> {
  await requirePermission(ctx, "directory.read");
  const { page, pageSize, offset } = pageOf(params);
  const where = searchCondition(params.q, groups.displayName, groups.description, groups.mailNickname);
  const [{ total }] = await ctx.db.select({ total: count() }).from(groups).where(where);
  const rows = await ctx.db
    .select({
      id: groups.id,
      displayName: groups.displayName,
      description: groups.description,
      isRoleAssignable: groups.isRoleAssignable,
      memberCount: sql<number>`(select count(*)::int from ${groupMembers} where ${groupMembers.groupId} = ${groups.id})`,
    })
    .from(groups)
    .where(where)
    .orderBy(asc(groups.displayName), asc(groups.id))
    .limit(pageSize)
    .offset(offset);
  const owner = alias(principals, "owner");
  const ownerRows = rows.length
    ? await ctx.db
        .select({ groupId: groupOwners.groupId, name: owner.displayName })
        .from(groupOwners)
        .innerJoin(owner, eq(owner.id, groupOwners.ownerId))
        .where(inArray(groupOwners.groupId, rows.map((r) => r.id)))
        .orderBy(asc(owner.displayName))
    : [];
  return {
    rows: rows.map((r) => ({ ...r, memberCount: Number(r.memberCount), owners: ownerRows.filter((o) => o.groupId === r.id).map((o) => o.name) })),
    total: Number(total),
    page,
    pageSize,
  };
}
