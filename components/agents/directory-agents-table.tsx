"use client";

import Link from "next/link";
import { DataTable } from "@/components/ui/data-table";
import { createDataTableColumnHelper } from "@/components/ui/data-table-columns";
import { StateBadge } from "@/components/ui/badge";
import { formatUtc } from "@/components/format";
import type { DirectoryAgentRow } from "@/lib/directory/list-agents";

const muted = "text-slate-600 dark:text-slate-400";
const h = createDataTableColumnHelper<DirectoryAgentRow>();
const columns = h.columns([
  h.accessor("displayName", {
    header: "Name",
    meta: { className: "min-w-40" },
    cell: (c) => (
      <Link href={`/admin/directory/principals/${c.row.original.id}`} className="font-medium text-blue-700 hover:underline dark:text-blue-300">
        {c.getValue()}
      </Link>
    ),
  }),
  h.accessor("blueprintName", { header: "Blueprint", meta: { className: "hidden md:table-cell" }, cell: (c) => c.getValue() ?? <span className={muted}>—</span> }),
  h.accessor("sponsors", { header: "Sponsors", cell: (c) => c.getValue().join(", ") || <span className={muted}>—</span> }),
  h.accessor("owners", { header: "Owners", meta: { className: "hidden lg:table-cell" }, cell: (c) => c.getValue().join(", ") || <span className={muted}>—</span> }),
  h.accessor("accountEnabled", { header: "Status", cell: (c) => <StateBadge state={c.getValue() ? "enabled" : "disabled"} /> }),
  h.accessor("lastSignInAt", { header: "Last sign-in", meta: { className: "hidden whitespace-nowrap xl:table-cell" }, cell: (c) => formatUtc(c.getValue(), "Never") }),
]);

export type DirectoryAgentsTableProps = { rows: DirectoryAgentRow[]; total: number; page: number; pageSize: number; emptyMessage: string };

/** Agent identities; each name opens the agent's page (sponsors, owners, credentials). */
export function DirectoryAgentsTable({ rows, total, page, pageSize, emptyMessage }: DirectoryAgentsTableProps) {
  return <DataTable rows={rows} columns={columns} totalCount={total} page={page} pageSize={pageSize} caption="Agent identities" emptyMessage={emptyMessage} />;
}
