"use client";

import { useMemo, type ReactNode } from "react";
import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";
import { useTable, type PaginationState, type RowData, type SortingState, type TableOptions } from "@tanstack/react-table";
import { dataTableFeatures, type DataTableFeatures } from "./data-table-columns";
import { pastLastPage, tableParamNames, type TableSort } from "./data-table-params";

export type DataTableProps<TData extends RowData> = {
  /** One page of rows, already sorted and paged by the server. */
  rows: TData[];
  /** Module-level columns from `createDataTableColumnHelper<TData>().columns([...])`. */
  columns: TableOptions<DataTableFeatures, TData>["columns"];
  totalCount: number;
  /** 1-based, as in `?page=`. */
  page: number;
  pageSize: number;
  /** The sort the server applied (from `parseTableQuery`), shown in the headers. */
  sort?: TableSort | null;
  /** Accessible name of the table (rendered as a visually hidden caption unless `showCaption`). */
  caption: string;
  showCaption?: boolean;
  emptyMessage?: ReactNode;
  /** Prefix of the URL params when a page has several tables. */
  paramPrefix?: string;
  /** Defaults to the row's `id` property, else its index. */
  getRowId?: (row: TData, index: number) => string;
};

function defaultRowId(row: unknown, index: number): string {
  if (row && typeof row === "object" && "id" in row) {
    const id = (row as { id: unknown }).id;
    if (typeof id === "string" || typeof id === "number") return String(id);
  }
  return String(index);
}

/**
 * The generic table: markup, sortable headers and pagination links. Sorting and paging are
 * server-side: every control is a link that changes `?sort=&dir=` or `?page=`, and the
 * server page re-renders with the new slice.
 */
export function DataTable<TData extends RowData>({
  rows,
  columns,
  totalCount,
  page,
  pageSize,
  sort,
  caption,
  showCaption,
  emptyMessage = "Nothing to show.",
  paramPrefix = "",
  getRowId = defaultRowId,
}: DataTableProps<TData>) {
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const names = tableParamNames(paramPrefix);
  const pageCount = Math.max(1, Math.ceil(totalCount / pageSize));

  const sorting = useMemo<SortingState>(() => (sort ? [{ id: sort.id, desc: sort.desc }] : []), [sort]);
  const pagination = useMemo<PaginationState>(() => ({ pageIndex: page - 1, pageSize }), [page, pageSize]);

  const table = useTable({
    features: dataTableFeatures,
    columns,
    data: rows,
    getRowId,
    rowCount: totalCount,
    manualSorting: true,
    manualPagination: true,
    defaultColumn: { enableSorting: false },
    state: { sorting, pagination },
  });

  function hrefWith(changes: Record<string, string | null>): string {
    const params = new URLSearchParams(searchParams.toString());
    for (const [key, value] of Object.entries(changes)) {
      if (value === null) params.delete(key);
      else params.set(key, value);
    }
    const query = params.toString();
    return query ? `${pathname}?${query}` : pathname;
  }

  const headerGroups = table.getHeaderGroups();
  const leafCount = table.getAllLeafColumns().length;
  const from = totalCount === 0 ? 0 : (page - 1) * pageSize + 1;
  const to = Math.min(totalCount, (page - 1) * pageSize + rows.length);
  // A page number past the last page (an edited URL, or a list that shrank since the link was made).
  const pastEnd = page > pageCount && totalCount > 0 && rows.length === 0;
  const lastPageHref = hrefWith({ [names.page]: pageCount > 1 ? String(pageCount) : null });

  return (
    <div>
      {/* Focusable so keyboard users can scroll a wide table sideways on small screens. */}
      <div role="region" aria-label={`Scrollable table: ${caption}`} tabIndex={0} className="relative overflow-x-auto rounded-lg border border-slate-200 dark:border-slate-800">
        <table className="min-w-full divide-y divide-slate-200 text-sm dark:divide-slate-800">
          <caption className={showCaption ? "px-4 py-2 text-left font-medium" : "sr-only"}>{caption}</caption>
          <thead className="bg-slate-50 dark:bg-slate-900">
            {headerGroups.map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => {
                  const column = header.column;
                  const sorted = column.getIsSorted();
                  const className = column.columnDef.meta?.className;
                  return (
                    <th
                      key={header.id}
                      colSpan={header.colSpan}
                      scope="col"
                      aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : undefined}
                      className={[
                        "px-4 py-2 text-left font-semibold whitespace-nowrap text-slate-700 dark:text-slate-300",
                        className,
                      ]
                        .filter(Boolean)
                        .join(" ")}
                    >
                      {header.isPlaceholder ? null : column.getCanSort() ? (
                        <Link
                          href={hrefWith({
                            [names.sort]: column.id,
                            [names.dir]: sorted === "asc" ? "desc" : "asc",
                            [names.page]: null,
                          })}
                          scroll={false}
                          className="inline-flex items-center gap-1 rounded hover:underline"
                        >
                          <table.FlexRender header={header} />
                          <span aria-hidden="true" className="text-xs text-slate-500">
                            {sorted === "asc" ? "▲" : sorted === "desc" ? "▼" : "↕"}
                          </span>
                        </Link>
                      ) : (
                        <table.FlexRender header={header} />
                      )}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody className="divide-y divide-slate-200 bg-white dark:divide-slate-800 dark:bg-slate-950">
            {rows.length === 0 ? (
              <tr>
                <td colSpan={leafCount} className="px-4 py-8 text-center text-slate-600 dark:text-slate-400">
                  {/* Past the end the pages bar below says why, outside the table (which scrolls sideways on a phone). */}
                  {pastEnd ? `Nothing on page ${page}.` : emptyMessage}
                </td>
              </tr>
            ) : (
              table.getRowModel().rows.map((row) => (
                <tr key={row.id} className="hover:bg-slate-50 dark:hover:bg-slate-900">
                  {row.getAllCells().map((cell) => (
                    <td
                      key={cell.id}
                      className={["px-4 py-2 align-top", cell.column.columnDef.meta?.className].filter(Boolean).join(" ")}
                    >
                      <table.FlexRender cell={cell} />
                    </td>
                  ))}
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      {totalCount > pageSize || (page > 1 && totalCount > 0) ? (
        <nav
          aria-label={`${caption} pages`}
          className="mt-3 flex flex-wrap items-center justify-between gap-2 text-sm text-slate-600 dark:text-slate-400"
        >
          <p>{pastEnd ? pastLastPage(page, pageCount, totalCount) : `${from}–${to} of ${totalCount} · page ${page} of ${pageCount}`}</p>
          <div className="flex gap-2">
            {pastEnd ? (
              <PageLink href={lastPageHref} disabled={false}>
                Go to page {pageCount}
              </PageLink>
            ) : (
              <>
                <PageLink href={hrefWith({ [names.page]: page > 2 ? String(page - 1) : null })} disabled={page <= 1} rel="prev">
                  Previous
                </PageLink>
                <PageLink href={hrefWith({ [names.page]: String(page + 1) })} disabled={page >= pageCount} rel="next">
                  Next
                </PageLink>
              </>
            )}
          </div>
        </nav>
      ) : null}
    </div>
  );
}

function PageLink({ href, disabled, rel, children }: { href: string; disabled: boolean; rel?: string; children: ReactNode }) {
  const classes =
    "inline-flex h-8 items-center rounded-md border border-slate-300 px-3 font-medium dark:border-slate-600";
  if (disabled) {
    return (
      <span aria-disabled="true" className={`${classes} cursor-not-allowed opacity-50`}>
        {children}
      </span>
    );
  }
  return (
    <Link href={href} rel={rel} scroll={false} className={`${classes} text-slate-900 hover:bg-slate-100 dark:text-slate-100 dark:hover:bg-slate-800`}>
      {children}
    </Link>
  );
}
