import { and, asc, eq, ilike } from "drizzle-orm";
import { accessPackages, catalogs, type AccessPackage } from "@/db/schema";
import type { Ctx } from "@/lib/auth/actor";
import { invalid, notFound } from "@/lib/errors";
import { isUuid, loadPackage } from "@/lib/packages/load";
import { escapeLike } from "@/lib/text/search";

/**
 * An access package named by id, or by its display name (exact, then a unique partial match) among the packages
 * anyone can see in My Access: not hidden, in a published catalog. A hidden package can still be named by its id,
 * as in Entra, where a direct link reaches it.
 */
export async function resolvePackage(ctx: Ctx, ref: string): Promise<AccessPackage> {
  const text = ref.trim();
  if (isUuid(text)) return loadPackage(ctx.db, text);
  const listed = and(eq(accessPackages.isHidden, false), eq(catalogs.state, "published"));
  const find = (pattern: string) =>
    ctx.db
      .select({ pkg: accessPackages })
      .from(accessPackages)
      .innerJoin(catalogs, eq(catalogs.id, accessPackages.catalogId))
      .where(and(listed, ilike(accessPackages.displayName, pattern)))
      .orderBy(asc(accessPackages.displayName))
      .limit(6);
  let rows = await find(escapeLike(text));
  if (rows.length === 0) rows = await find(`%${escapeLike(text)}%`);
  if (rows.length === 1) return rows[0].pkg;
  if (rows.length === 0) throw notFound(`No access package is named "${text}". Call list_requestable_packages to see the packages and their ids.`);
  const options = rows.slice(0, 5).map((r) => `"${r.pkg.displayName}" (id ${r.pkg.id})`);
  throw invalid(`"${text}" matches several access packages: ${options.join(", ")}${rows.length > 5 ? ", …" : ""}. Give the package id.`);
}
