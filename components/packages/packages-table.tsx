"use client";

import Link from "next/link";
import { DataTable } from "@/components/ui/data-table";
import { createDataTableColumnHelper } from "@/components/ui/data-table-columns";
import { Badge } from "@/components/ui/badge";
import type { TableSort } from "@/components/ui/data-table-params";
import type { PackageListRow } from "@/lib/packages/list-packages";

const h = createDataTableColumnHelper<PackageListRow>();
const columns = h.columns([
  h.accessor("displayName", {
    header: "Name",
    enableSorting: true,
    cell: (c) => (
      <span className="flex flex-wrap items-center gap-2">
        <Link href={`/admin/packages/${c.row.original.id}`} className="font-medium text-blue-700 hover:underline dark:text-blue-300">
          {c.getValue()}
        </Link>
        {c.row.original.isHidden ? <Badge>Hidden</Badge> : null}
      </span>
    ),
  }),
  h.accessor("catalogName", {
    header: "Catalog",
    enableSorting: true,
    cell: (c) => (
      <Link href={`/admin/catalogs/${c.row.original.catalogId}`} className="text-blue-700 hover:underline dark:text-blue-300">
        {c.getValue()}
      </Link>
    ),
  }),
  h.accessor("policyCount", {
    header: "Policies",
    meta: { className: "text-right" },
    cell: (c) => (c.getValue() === 0 ? <Badge tone="amber">None</Badge> : c.getValue()),
  }),
  h.accessor("activeAssignmentCount", { header: "Active assignments", meta: { className: "text-right" } }),
]);

export type PackagesTableProps = { rows: PackageListRow[]; total: number; page: number; pageSize: number; sort?: TableSort | null; emptyMessage: string };

export function PackagesTable({ rows, total, page, pageSize, sort, emptyMessage }: PackagesTableProps) {
  // "relative" + clip: the table's visually hidden texts are absolutely positioned and would otherwise widen the page on small screens.
  return (
    <div className="relative overflow-x-clip">
      <DataTable rows={rows} columns={columns} totalCount={total} page={page} pageSize={pageSize} sort={sort} caption="Access packages" emptyMessage={emptyMessage} />
    </div>
  );
}
