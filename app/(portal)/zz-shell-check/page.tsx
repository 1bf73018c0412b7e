import { PageHeader } from "@/components/ui/page-header";
import { RowsTable } from "@/components/ui/__dt-check";
import { parseTableQuery } from "@/components/ui/data-table-params";

export default async function Page({ searchParams }: PageProps<"/zz-shell-check">) {
  const q = parseTableQuery(await searchParams, { sortable: ["name"] as const, pageSize: 5 });
  const rows = Array.from({ length: 5 }, (_, i) => ({ id: String(i + q.offset), name: `Row ${i + q.offset}`, state: i % 2 ? "delivered" : "pendingApproval", count: i }));
  return (
    <>
      <PageHeader title="Shell check" description={`page ${q.page} sort ${JSON.stringify(q.sort)}`} />
      <RowsTable rows={rows} page={q.page} sort={q.sort} />
    </>
  );
}
