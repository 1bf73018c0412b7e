"use client";

import Link from "next/link";
import { DataTable } from "@/components/ui/data-table";
import { createDataTableColumnHelper } from "@/components/ui/data-table-columns";
import { StateBadge } from "@/components/ui/badge";
import { PrincipalTypeBadge } from "@/components/principal-type-badge";
import { formatUtc } from "@/components/format";
import type { TableSort } from "@/components/ui/data-table-params";
import type { RequestListRow } from "@/lib/requests/list-requests";
import { REQUEST_TYPE_LABELS, actorDisplayName } from "./request-labels";

const h = createDataTableColumnHelper<RequestListRow>();
const columns = h.columns([
  h.accessor("createdAt", {
    header: "Submitted",
    enableSorting: true,
    meta: { className: "min-w-28 sm:whitespace-nowrap" },
    cell: (c) => <time dateTime={c.getValue().toISOString()}>{formatUtc(c.getValue())}</time>,
  }),
  h.accessor("packageName", {
    header: "Package",
    enableSorting: true,
    cell: (c) => (
      <Link href={`/admin/requests/${c.row.original.id}`} className="font-medium text-blue-700 hover:underline dark:text-blue-300">
        {c.getValue()}
        <span className="sr-only"> request for {c.row.original.targetName}</span>
      </Link>
    ),
  }),
  h.accessor("targetName", {
    header: "Target",
    cell: (c) => (
      <span className="flex flex-wrap items-center gap-1.5">
        {c.getValue()}
        <PrincipalTypeBadge type={c.row.original.targetType} />
      </span>
    ),
  }),
  h.accessor("requestorName", {
    header: "Requested by",
    cell: (c) => {
      const r = c.row.original;
      return (
        <span className="flex flex-wrap items-center gap-1.5">
          {actorDisplayName(r.requestorType, c.getValue())}
          {r.requestorType !== "user" && r.requestorType !== "system" ? <PrincipalTypeBadge type={r.requestorType} /> : null}
        </span>
      );
    },
  }),
  h.accessor("requestType", {
    header: "Type",
    meta: { className: "hidden whitespace-nowrap md:table-cell" },
    cell: (c) => REQUEST_TYPE_LABELS[c.getValue()] ?? c.getValue(),
  }),
  h.accessor("state", { header: "State", enableSorting: true, cell: (c) => <StateBadge state={c.getValue()} /> }),
  h.accessor("status", {
    header: "Status",
    meta: { className: "hidden max-w-xs lg:table-cell" },
    cell: (c) => <span className="text-slate-600 dark:text-slate-400">{c.getValue() || "—"}</span>,
  }),
]);

export type RequestsTableProps = { rows: RequestListRow[]; total: number; page: number; pageSize: number; sort: TableSort | null; emptyMessage: string };

export function RequestsTable({ rows, total, page, pageSize, sort, emptyMessage }: RequestsTableProps) {
  return <DataTable rows={rows} columns={columns} totalCount={total} page={page} pageSize={pageSize} sort={sort} caption="Access requests" emptyMessage={emptyMessage} />;
}
