/**
 * Server side of <DataTable>: reads `?page=`, `?sort=` and `?dir=` (optionally prefixed, for two
 * tables on one page) into a validated query. Sort ids are checked against an allow-list so a
 * URL can never choose an arbitrary column.
 */

import { clampPage } from "@/lib/paging";

export type TableSearchParams = Record<string, string | string[] | undefined>;

export type TableSort<S extends string = string> = { id: S; desc: boolean };

export type TableQuery<S extends string = string> = {
  /** 1-based. */
  page: number;
  pageSize: number;
  /** Rows to skip: (page - 1) * pageSize. */
  offset: number;
  sort: TableSort<S> | null;
};

export type TableQueryOptions<S extends string> = {
  /** Column ids the server can sort by. */
  sortable?: readonly S[];
  defaultSort?: TableSort<S> | null;
  pageSize?: number;
  /** Must match the DataTable's `paramPrefix`. */
  prefix?: string;
};

export const DEFAULT_PAGE_SIZE = 25;

function first(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

/** A 1-based `?page=` value: anything that is not a whole number from 1 is page 1; at most MAX_PAGE (lib/paging.ts). */
export function pageParam(v: string | string[] | undefined): number {
  return clampPage(Number.parseInt(first(v) ?? "1", 10));
}

export function tableParamNames(prefix = "") {
  return { page: `${prefix}page`, sort: `${prefix}sort`, dir: `${prefix}dir` };
}

export function parseTableQuery<S extends string = never>(
  searchParams: TableSearchParams,
  { sortable = [], defaultSort = null, pageSize = DEFAULT_PAGE_SIZE, prefix = "" }: TableQueryOptions<S> = {},
): TableQuery<S> {
  const names = tableParamNames(prefix);
  const page = pageParam(searchParams[names.page]);
  const sortId = first(searchParams[names.sort]);
  const dir = first(searchParams[names.dir]);
  const sort =
    sortId && (sortable as readonly string[]).includes(sortId)
      ? { id: sortId as S, desc: dir === "desc" }
      : defaultSort;
  return { page, pageSize, offset: (page - 1) * pageSize, sort };
}

/** What a list says on a page number past its last page (the pager and the data table alike). */
export function pastLastPage(page: number, pages: number, total: number): string {
  return `There is no page ${page}: the ${total === 1 ? "one entry is" : `${total} entries are`} on ${pages === 1 ? "page 1" : `pages 1–${pages}`}.`;
}
