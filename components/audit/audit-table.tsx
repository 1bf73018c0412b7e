"use client";

import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";
import { DataTable } from "@/components/ui/data-table";
import { createDataTableColumnHelper } from "@/components/ui/data-table-columns";
import { PrincipalTypeBadge } from "@/components/principal-type-badge";
import { actorDisplayName } from "@/components/requests/request-labels";
import type { AuditEventRow } from "@/lib/audit/list-audit-events";
import { AuditTime } from "./audit-time";
import { OutcomeBadge } from "./outcome-badge";

const TARGET_TYPE_LABELS: Record<string, string> = {
  assignmentRequest: "Request",
  assignment: "Assignment",
  accessPackage: "Access package",
  assignmentPolicy: "Policy",
  catalog: "Catalog",
  principal: "Principal",
};

/** The actor's name as a link that narrows the log to that actor (keeping the other filters). */
function ActorFilterLink({ row }: { row: AuditEventRow }) {
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const name = actorDisplayName(row.actorType, row.actorName);
  const actorId = row.actorType === "system" ? "system" : row.actorId;
  if (!actorId) return <span className="font-medium">{name}</span>;
  const params = new URLSearchParams(searchParams.toString());
  params.set("actorId", actorId);
  params.delete("page");
  return (
    <Link href={`${pathname}?${params}`} className="font-medium text-blue-700 hover:underline dark:text-blue-300" title={`Show only events by ${name}`}>
      {name}
    </Link>
  );
}

function changesOf(row: AuditEventRow): string | null {
  if (row.before == null && row.after == null) return null;
  return JSON.stringify({ before: row.before ?? undefined, after: row.after ?? undefined }, null, 2);
}

const h = createDataTableColumnHelper<AuditEventRow>();
const columns = h.columns([
  h.accessor("at", {
    header: "Time (UTC)",
    meta: { className: "min-w-24 sm:whitespace-nowrap" },
    cell: (c) => <AuditTime value={c.getValue()} />,
  }),
  h.accessor("actorName", {
    header: "Actor",
    cell: (c) => {
      const r = c.row.original;
      return (
        <span className="flex flex-wrap items-center gap-1.5">
          <ActorFilterLink row={r} />
          {r.actorType !== "user" && r.actorType !== "system" ? <PrincipalTypeBadge type={r.actorType} /> : null}
        </span>
      );
    },
  }),
  h.accessor("action", {
    header: "Action",
    cell: (c) => <code className="rounded bg-slate-100 px-1.5 py-0.5 text-xs whitespace-nowrap dark:bg-slate-800">{c.getValue()}</code>,
  }),
  h.accessor("targetName", {
    header: "Target",
    meta: { className: "min-w-40" },
    cell: (c) => {
      const r = c.row.original;
      return (
        <>
          <span className="block text-xs text-slate-600 dark:text-slate-400">{TARGET_TYPE_LABELS[r.targetType] ?? r.targetType}</span>
          <span className="break-words">{c.getValue() ?? <code className="text-xs break-all">{r.targetId}</code>}</span>
        </>
      );
    },
  }),
  h.accessor("onBehalfOfName", {
    header: "On behalf of",
    meta: { className: "hidden lg:table-cell" },
    cell: (c) => c.getValue() ?? (c.row.original.onBehalfOfId ? "Deleted principal" : <span className="text-slate-600 dark:text-slate-400">—</span>),
  }),
  h.accessor("outcome", { header: "Outcome", cell: (c) => <OutcomeBadge outcome={c.getValue()} /> }),
  h.accessor("detail", {
    header: "Detail",
    meta: { className: "min-w-48 max-w-md" },
    cell: (c) => {
      const r = c.row.original;
      const changes = changesOf(r);
      return (
        <div className="space-y-1">
          {c.getValue() ? <p className="break-words">{c.getValue()}</p> : null}
          {r.requestId ? (
            <Link href={`/admin/requests/${r.requestId}`} className="text-blue-700 hover:underline dark:text-blue-300">
              View request
            </Link>
          ) : null}
          {changes ? (
            <details className="text-xs">
              <summary className="cursor-pointer text-slate-600 dark:text-slate-400">Before and after</summary>
              <pre className="mt-1 max-h-60 overflow-auto rounded bg-slate-50 p-2 whitespace-pre-wrap break-all dark:bg-slate-900">{changes}</pre>
            </details>
          ) : null}
          {!c.getValue() && !r.requestId && !changes ? <span className="text-slate-600 dark:text-slate-400">—</span> : null}
        </div>
      );
    },
  }),
]);

export type AuditTableProps = { rows: AuditEventRow[]; total: number; page: number; pageSize: number; emptyMessage: string };

export function AuditTable({ rows, total, page, pageSize, emptyMessage }: AuditTableProps) {
  return <DataTable rows={rows} columns={columns} totalCount={total} page={page} pageSize={pageSize} caption="Audit events" emptyMessage={emptyMessage} />;
}
