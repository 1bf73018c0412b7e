import { and, asc, count, eq, sql } from "drizzle-orm";
import { agentBlueprints, principals } from "@/db/schema";
import type { Ctx } from "@/lib/auth/actor";
import { requirePermission } from "@/lib/auth/permissions";
import { pageOf, searchCondition, type DirectoryPage, type DirectoryPageParams } from "./list-query";

export type DirectoryBlueprintRow = {
  id: string;
  displayName: string;
  description: string | null;
  publisher: string;
  version: string;
  inheritableScopes: string[];
  agentCount: number;
};

/** Agent identity blueprints with the delegated scopes their agents inherit. Requires directory.read. */
export async function listBlueprints(ctx: Ctx, params: DirectoryPageParams = {}): Promise<DirectoryPage<DirectoryBlueprintRow>> {
  await requirePermission(ctx, "directory.read");
  const { page, pageSize, offset } = pageOf(params);
  const where = searchCondition(params.q, agentBlueprints.displayName, agentBlueprints.description, agentBlueprints.publisher);
  const [{ total }] = await ctx.db.select({ total: count() }).from(agentBlueprints).where(where);
  const rows = await ctx.db
    .select({
      id: agentBlueprints.id,
      displayName: agentBlueprints.displayName,
      description: agentBlueprints.description,
      publisher: agentBlueprints.publisher,
      version: agentBlueprints.version,
      inheritableScopes: agentBlueprints.inheritableScopes,
      agentCount: sql<number>`(select count(*)::int from ${principals} where ${and(eq(principals.blueprintId, agentBlueprints.id), eq(principals.type, "agentIdentity"))})`,
    })
    .from(agentBlueprints)
    .where(where)
    .orderBy(asc(agentBlueprints.displayName), asc(agentBlueprints.id))
    .limit(pageSize)
    .offset(offset);
  return { rows: rows.map((r) => ({ ...r, agentCount: Number(r.agentCount) })), total: Number(total), page, pageSize };
}
