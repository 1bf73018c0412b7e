"use client";

import Link from "next/link";
import { DataTable } from "@/components/ui/data-table";
import { createDataTableColumnHelper } from "@/components/ui/data-table-columns";
import { StateBadge } from "@/components/ui/badge";
import { formatUtc } from "@/components/format";
import type { TableSort } from "@/components/ui/data-table-params";
import type { CatalogListRow } from "@/lib/catalogs/list-catalogs";

const h = createDataTableColumnHelper<CatalogListRow>();
const columns = h.columns([
  h.accessor("displayName", {
    header: "Name",
    enableSorting: true,
    cell: (c) => (
      <Link href={`/admin/catalogs/${c.row.original.id}`} className="font-medium text-blue-700 hover:underline dark:text-blue-300">
        {c.getValue()}
      </Link>
    ),
  }),
  h.accessor("description", {
    header: "Description",
    meta: { className: "hidden max-w-md md:table-cell" },
    cell: (c) => <span className="line-clamp-2 text-slate-600 dark:text-slate-400">{c.getValue() || "—"}</span>,
  }),
  h.accessor("state", { header: "State", enableSorting: true, cell: (c) => <StateBadge state={c.getValue()} /> }),
  h.accessor("resourceCount", { header: "Resources", meta: { className: "text-right" } }),
  h.accessor("packageCount", { header: "Packages", meta: { className: "text-right" } }),
  h.accessor("createdAt", {
    header: "Created",
    enableSorting: true,
    meta: { className: "hidden whitespace-nowrap lg:table-cell" },
    cell: (c) => formatUtc(c.getValue()),
  }),
]);

export type CatalogsTableProps = { rows: CatalogListRow[]; total: number; page: number; pageSize: number; sort: TableSort | null; emptyMessage: string };

export function CatalogsTable({ rows, total, page, pageSize, sort, emptyMessage }: CatalogsTableProps) {
  // "relative" + clip: the table's visually hidden texts are absolutely positioned and would otherwise widen the page on small screens.
  return (
    <div className="relative overflow-x-clip">
      <DataTable rows={rows} columns={columns} totalCount={total} page={page} pageSize={pageSize} sort={sort} caption="Catalogs" emptyMessage={emptyMessage} />
    </div>
  );
}
