"use client";

import Link from "next/link";
import { DataTable } from "@/components/ui/data-table";
import { createDataTableColumnHelper } from "@/components/ui/data-table-columns";
import { StateBadge } from "@/components/ui/badge";
import { PrincipalTypeBadge } from "@/components/principal-type-badge";
import { formatUtc } from "@/components/format";
import type { TableSort } from "@/components/ui/data-table-params";
import type { AssignmentListRow } from "@/lib/assignments/list-assignments";
import { RemoveAssignmentButton } from "./remove-assignment-button";

/** Date over time, so two date columns fit beside the names. */
function When({ value, empty }: { value: Date | null; empty: string }) {
  if (!value) return <span className="text-slate-600 dark:text-slate-400">{empty}</span>;
  const [date, time] = formatUtc(value).split(", ");
  return (
    <time dateTime={value.toISOString()} className="whitespace-nowrap">
      {date}
      <span className="block text-xs text-slate-600 dark:text-slate-400">{time}</span>
    </time>
  );
}

const h = createDataTableColumnHelper<AssignmentListRow>();
const columns = h.columns([
  h.accessor("targetName", {
    header: "Target",
    enableSorting: true,
    meta: { className: "min-w-36" },
    cell: (c) => (
      <span className="flex flex-wrap items-center gap-1.5">
        <span className="font-medium">{c.getValue()}</span>
        <PrincipalTypeBadge type={c.row.original.targetType} />
      </span>
    ),
  }),
  h.accessor("packageName", {
    header: "Package",
    enableSorting: true,
    meta: { className: "min-w-36" },
    cell: (c) => (
      <>
        {c.getValue()}
        <span className="block text-xs text-slate-600 dark:text-slate-400">{c.row.original.catalogName}</span>
      </>
    ),
  }),
  h.accessor("policyName", { header: "Policy", meta: { className: "hidden min-w-32 xl:table-cell" } }),
  h.accessor("state", { header: "State", enableSorting: true, cell: (c) => <StateBadge state={c.getValue()} /> }),
  h.accessor("startDateTime", {
    header: "Start",
    enableSorting: true,
    meta: { className: "hidden lg:table-cell" },
    cell: (c) => <When value={c.getValue()} empty="—" />,
  }),
  h.accessor("endDateTime", {
    header: "End",
    enableSorting: true,
    cell: (c) => <When value={c.getValue()} empty="No end date" />,
  }),
  h.accessor("pathway", {
    header: "Pathway",
    meta: { className: "hidden whitespace-nowrap md:table-cell" },
    cell: (c) => {
      const r = c.row.original;
      if (!c.getValue()) return <span className="text-slate-600 dark:text-slate-400">—</span>;
      return r.originRequestId ? (
        <Link href={`/admin/requests/${r.originRequestId}`} className="text-blue-700 hover:underline dark:text-blue-300">
          {c.getValue()}
          <span className="sr-only"> (the request that created this assignment)</span>
        </Link>
      ) : (
        c.getValue()
      );
    },
  }),
  h.display({
    id: "actions",
    header: () => <span className="sr-only">Actions</span>,
    meta: { className: "text-right" },
    cell: (c) => {
      const r = c.row.original;
      return r.canRemove ? <RemoveAssignmentButton assignmentId={r.id} targetName={r.targetName} packageName={r.packageName} /> : null;
    },
  }),
]);

export type AssignmentsTableProps = { rows: AssignmentListRow[]; total: number; page: number; pageSize: number; sort: TableSort | null; emptyMessage: string };

export function AssignmentsTable({ rows, total, page, pageSize, sort, emptyMessage }: AssignmentsTableProps) {
  return <DataTable rows={rows} columns={columns} totalCount={total} page={page} pageSize={pageSize} sort={sort} caption="Assignments" emptyMessage={emptyMessage} />;
}
