"use client";

import Link from "next/link";
import { DataTable } from "@/components/ui/data-table";
import { createDataTableColumnHelper } from "@/components/ui/data-table-columns";
import { Badge, StateBadge } from "@/components/ui/badge";
import { formatUtc } from "@/components/format";
import type { MyRequestRow } from "@/lib/requests/list-my-requests";
import { CancelRequestButton } from "./cancel-request-button";
import { REQUEST_TYPE_LABELS } from "./request-labels";

const h = createDataTableColumnHelper<MyRequestRow>();
const columns = h.columns([
  h.accessor("packageName", {
    header: "Access package",
    cell: (c) => (
      <Link href={`/access/requests/${c.row.original.id}`} className="font-medium text-blue-700 hover:underline dark:text-blue-300">
        {c.getValue()}
        <span className="sr-only"> — request details</span>
      </Link>
    ),
  }),
  h.accessor("targetName", {
    header: "For",
    cell: (c) => {
      const r = c.row.original;
      return (
        <span className="flex flex-wrap items-center gap-1.5">
          {r.forMe ? "Me" : r.targetName}
          {r.targetType === "agentIdentity" ? <Badge tone="purple">Agent</Badge> : null}
          {!r.requestedByMe && r.requestorName ? <span className="text-xs text-slate-500 dark:text-slate-400">by {r.requestorName}</span> : null}
        </span>
      );
    },
  }),
  h.accessor("requestType", {
    header: "Type",
    meta: { className: "hidden whitespace-nowrap lg:table-cell" },
    cell: (c) => REQUEST_TYPE_LABELS[c.getValue()] ?? c.getValue(),
  }),
  h.accessor("state", { header: "State", cell: (c) => <StateBadge state={c.getValue()} /> }),
  h.accessor("status", {
    header: "Status",
    meta: { className: "hidden max-w-xs md:table-cell" },
    cell: (c) => <span className="text-slate-600 dark:text-slate-400">{c.getValue() || "—"}</span>,
  }),
  h.accessor("createdAt", { header: "Submitted", meta: { className: "hidden whitespace-nowrap sm:table-cell" }, cell: (c) => formatUtc(c.getValue()) }),
  h.accessor("completedAt", { header: "Completed", meta: { className: "hidden whitespace-nowrap xl:table-cell" }, cell: (c) => formatUtc(c.getValue()) }),
  h.display({
    id: "actions",
    header: () => <span className="sr-only">Actions</span>,
    cell: (c) => (c.row.original.cancelable ? <CancelRequestButton requestId={c.row.original.id} packageName={c.row.original.packageName} /> : null),
  }),
]);

export type MyRequestsTableProps = { rows: MyRequestRow[]; total: number; page: number; pageSize: number };

export function MyRequestsTable({ rows, total, page, pageSize }: MyRequestsTableProps) {
  // "relative" + clip: the table's visually hidden texts are absolutely positioned and would otherwise widen the page on small screens.
  return (
    <div className="relative overflow-x-clip">
      <DataTable rows={rows} columns={columns} totalCount={total} page={page} pageSize={pageSize} caption="My requests" emptyMessage="No requests yet." />
    </div>
  );
}
