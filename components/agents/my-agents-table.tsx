"use client";

import Link from "next/link";
import { DataTable } from "@/components/ui/data-table";
import { createDataTableColumnHelper } from "@/components/ui/data-table-columns";
import { Badge, StateBadge } from "@/components/ui/badge";
import { formatUtc } from "@/components/format";
import type { MyAgentRow } from "@/lib/directory/list-my-agents";

const h = createDataTableColumnHelper<MyAgentRow>();
const columns = h.columns([
  h.accessor("displayName", {
    header: "Name",
    cell: (c) => (
      <span className="flex flex-wrap items-center gap-x-2 gap-y-1">
        <Link href={`/account/agents/${c.row.original.id}`} className="font-medium text-blue-700 hover:underline dark:text-blue-300">
          {c.getValue()}
        </Link>
        {c.row.original.kind === "servicePrincipal" ? <Badge tone="gray">Service principal</Badge> : null}
      </span>
    ),
  }),
  h.accessor("accountEnabled", {
    header: "Status",
    cell: (c) => (
      <span className="flex flex-wrap items-center gap-1">
        <StateBadge state={c.getValue() ? "enabled" : "disabled"} />
        {!c.getValue() && c.row.original.disabledByAdmin ? <span className="text-xs text-slate-600 dark:text-slate-400">by an administrator</span> : null}
      </span>
    ),
  }),
  h.accessor("blueprintName", { header: "Blueprint", meta: { className: "hidden md:table-cell" }, cell: (c) => c.getValue() ?? "—" }),
  h.accessor("activeAssignments", { header: "Access packages", meta: { className: "text-right" }, cell: (c) => c.getValue() }),
  h.accessor("soonestExpiry", {
    header: "Soonest expiry",
    meta: { className: "hidden whitespace-nowrap sm:table-cell" },
    cell: (c) => (c.row.original.activeAssignments === 0 ? "—" : c.getValue() ? formatUtc(c.getValue()) : "No end date"),
  }),
  h.accessor("sponsors", { header: "Sponsors", meta: { className: "hidden lg:table-cell" }, cell: (c) => c.getValue().join(", ") || "—" }),
  h.display({
    id: "relation",
    header: "You",
    meta: { className: "hidden sm:table-cell" },
    cell: (c) => (
      <span className="flex flex-wrap gap-1">
        {c.row.original.iSponsor ? <Badge tone="blue">Sponsor</Badge> : null}
        {c.row.original.iOwn ? <Badge tone="gray">Owner</Badge> : null}
      </span>
    ),
  }),
]);

export function MyAgentsTable({ rows, total, page, pageSize }: { rows: MyAgentRow[]; total: number; page: number; pageSize: number }) {
  return <DataTable rows={rows} columns={columns} totalCount={total} page={page} pageSize={pageSize} caption="My agents" emptyMessage="No agent matches." />;
}
