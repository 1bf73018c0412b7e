"use client";

import { DataTable } from "@/components/ui/data-table";
import { createDataTableColumnHelper } from "@/components/ui/data-table-columns";
import { StateBadge } from "@/components/ui/badge";
import { formatUtc } from "@/components/format";
import type { DirectoryAgentRow } from "@/lib/directory/list-agents";
import { createSecretAction } from "@/app/(portal)/account/actions";
import { CreateSecretForm } from "./create-secret-form";

const h = createDataTableColumnHelper<DirectoryAgentRow>();
const columns = h.columns([
  h.accessor("displayName", { header: "Name", cell: (c) => <span className="font-medium">{c.getValue()}</span> }),
  h.accessor("blueprintName", { header: "Blueprint", cell: (c) => c.getValue() ?? "—" }),
  h.accessor("sponsors", { header: "Sponsors", cell: (c) => c.getValue().join(", ") || "—" }),
  h.accessor("owners", { header: "Owners", cell: (c) => c.getValue().join(", ") || "—" }),
  h.accessor("accountEnabled", { header: "Status", cell: (c) => <StateBadge state={c.getValue() ? "enabled" : "disabled"} /> }),
  h.accessor("lastSignInAt", { header: "Last sign-in", meta: { className: "hidden whitespace-nowrap xl:table-cell" }, cell: (c) => formatUtc(c.getValue(), "Never") }),
  h.display({
    id: "credentials",
    header: () => <span className="sr-only">Credentials</span>,
    meta: { className: "min-w-[14rem]" },
    cell: (c) => <CreateSecretForm action={createSecretAction} principalId={c.row.original.id} agentName={c.row.original.displayName} />,
  }),
]);

export type DirectoryAgentsTableProps = { rows: DirectoryAgentRow[]; total: number; page: number; pageSize: number; emptyMessage: string };

export function DirectoryAgentsTable({ rows, total, page, pageSize, emptyMessage }: DirectoryAgentsTableProps) {
  // "relative" + clip: the table's visually hidden texts are absolutely positioned and would otherwise widen the page on small screens.
  return (
    <div className="relative overflow-x-clip">
      <DataTable rows={rows} columns={columns} totalCount={total} page={page} pageSize={pageSize} caption="Agent identities" emptyMessage={emptyMessage} />
    </div>
  );
}
