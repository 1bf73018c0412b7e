import { ilike, or, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { containsPattern } from "@/lib/text/search";

/** Paging of the directory lists: 25 a page by default, at most 100. */
export type DirectoryPageParams = { q?: string; page?: number; pageSize?: number };
export type DirectoryPage<T> = { rows: T[]; total: number; page: number; pageSize: number };

export { pageOf } from "@/lib/paging";

/** A case-insensitive "contains" over the given columns; LIKE wildcards in the search are taken literally. */
export function searchCondition(q: string | undefined, ...columns: AnyPgColumn[]): SQL | undefined {
  const text = q?.trim().slice(0, 200);
  if (!text) return undefined;
  const pattern = containsPattern(text);
  return or(...columns.map((c) => ilike(c, pattern)));
}
