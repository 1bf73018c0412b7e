"use client";
import { DataTable } from "./data-table";
import { createDataTableColumnHelper } from "./data-table-columns";
import { StateBadge } from "./badge";

type Row = { id: string; name: string; state: string; count: number };
const h = createDataTableColumnHelper<Row>();
const columns = h.columns([
  h.accessor("name", { header: "Name", enableSorting: true }),
  h.accessor("state", { header: "State", cell: (c) => <StateBadge state={c.getValue()} /> }),
  h.accessor("count", { header: "Count", meta: { className: "text-right" } }),
  h.display({ id: "actions", header: () => <span className="sr-only">Actions</span>, cell: (c) => <a href={`/x/${c.row.original.id}`}>Open</a> }),
]);

export function RowsTable({ rows, page, sort }: { rows: Row[]; page: number; sort: { id: string; desc: boolean } | null }) {
  return <DataTable rows={rows} columns={columns} totalCount={10} page={page} pageSize={5} caption="Rows" sort={sort} />;
}
