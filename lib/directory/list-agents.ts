import { agentSponsorsAndOwners } from "./agent-people";
import { and, asc, count, eq, ilike, or, type SQL } from "drizzle-orm";
import { agentBlueprints, principals } from "@/db/schema";
import type { Ctx } from "@/lib/auth/actor";
import { requirePermission } from "@/lib/auth/permissions";
import { containsPattern } from "@/lib/text/search";
import { pageOf } from "@/lib/paging";

export type DirectoryAgentRow = {
  id: string;
  displayName: string;
  appId: string | null;
  blueprintName: string | null;
  accountEnabled: boolean;
  lastSignInAt: Date | null;
  sponsors: string[];
  owners: string[];
};

/** Every agent identity in the directory, with blueprint, sponsors and owners. Requires directory.read. */
export async function listAgents(ctx: Ctx, params: { q?: string; page?: number; pageSize?: number } = {}): Promise<{ rows: DirectoryAgentRow[]; total: number; page: number; pageSize: number }> {
  await requirePermission(ctx, "directory.read");
  const { page, pageSize } = pageOf(params, 25);
  const conds: SQL[] = [eq(principals.type, "agentIdentity")];
  const q = params.q?.trim();
  if (q) {
    const pattern = containsPattern(q);
    conds.push(or(ilike(principals.displayName, pattern), ilike(principals.description, pattern))!);
  }
  const where = and(...conds);
  const [{ total }] = await ctx.db.select({ total: count() }).from(principals).where(where);
  const rows = await ctx.db
    .select({
      id: principals.id,
      displayName: principals.displayName,
      appId: principals.appId,
      blueprintName: agentBlueprints.displayName,
      accountEnabled: principals.accountEnabled,
      lastSignInAt: principals.lastSignInAt,
    })
    .from(principals)
    .leftJoin(agentBlueprints, eq(agentBlueprints.id, principals.blueprintId))
    .where(where)
    .orderBy(asc(principals.displayName), asc(principals.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  const ids = rows.map((r) => r.id);
  const { sponsors, owners } = await agentSponsorsAndOwners(ctx.db, ids);
  return {
    rows: rows.map((r) => ({
      ...r,
      sponsors: sponsors.get(r.id) ?? [],
      owners: owners.get(r.id) ?? [],
    })),
    total: Number(total),
    page,
    pageSize,
  };
}
