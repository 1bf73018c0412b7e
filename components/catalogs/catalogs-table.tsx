"use client";

import Link from "next/link";
import { DataTable } from "@/components/ui/data-table";
import { createDataTableColumnHelper } from "@/components/ui/data-table-columns";
import { StateBadge } from "@/components/ui/badge";
import { formatUtc } from "@/components/format";
import type { CatalogListRow } from "@/lib/catalogs/list-catalogs";

const h = createDataTableColumnHelper<CatalogListRow>();
const columns = h.columns([
  h.accessor("displayName", {
    header: "Name",
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
  h.accessor("state", { header: "State", cell: (c) => <StateBadge state={c.getValue()} /> }),
  h.accessor("resourceCount", { header: "Resources", meta: { className: "text-right" } }),
  h.accessor("packageCount", { header: "Packages", meta: { className: "text-right" } }),
  h.accessor("createdAt", {
    header: "Created",
    meta: { className: "hidden whitespace-nowrap lg:table-cell" },
    cell: (c) => formatUtc(c.getValue()),
  }),
]);

export type CatalogsTableProps = { rows: CatalogListRow[]; total: number; page: number; pageSize: number; emptyMessage: string };

export function CatalogsTable({ rows, total, page, pageSize, emptyMessage }: CatalogsTableProps) {
  // "relative" + clip: the table's visually hidden texts are absolutely positioned and would otherwise widen the page on small screens.
  return (
    <div className="relative overflow-x-clip">
      <DataTable rows={rows} columns={columns} totalCount={total} page={page} pageSize={pageSize} caption="Catalogs" emptyMessage={emptyMessage} />
    </div>
  );
}
