import type { Metadata } from "next";
import Link from "next/link";
import { getCtx } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { listAgents } from "@/lib/directory/list-agents";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { parseTableQuery } from "@/components/ui/data-table-params";
import { DirectoryAgentsTable } from "@/components/agents/directory-agents-table";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Directory" };

export default async function DirectoryPage({ searchParams }: PageProps<"/admin/directory">) {
  const sp = await searchParams;
  const ctx = await getCtx();
  if (!(await can(ctx, "directory.read"))) {
    return (
      <>
        <PageHeader title="Directory" />
        <EmptyState title="You can't view the directory" description="The directory is for Identity Governance Administrators." />
      </>
    );
  }
  const q = typeof sp.q === "string" ? sp.q.slice(0, 200) : "";
  const { page, pageSize } = parseTableQuery(sp, { pageSize: 25 });
  const list = await listAgents(ctx, { q, page, pageSize });
  return (
    <>
      <PageHeader title="Directory" description="Agent identities: their blueprint, the people accountable for them, and client secrets for signing in." />
      <div className="space-y-4">
        <form role="search" method="get" className="flex flex-wrap items-end gap-2">
          <div className="min-w-0 flex-1 basis-56">
            <label htmlFor="agent-search" className="mb-1 block text-sm font-medium">
              Search agents
            </label>
            <Input id="agent-search" type="search" name="q" defaultValue={q} placeholder="Name or description" />
          </div>
          <Button type="submit" variant="secondary">
            Search
          </Button>
          {q ? (
            <Link href="/admin/directory" className="px-2 py-2 text-sm text-blue-700 hover:underline dark:text-blue-300">
              Clear
            </Link>
          ) : null}
        </form>
        {list.total === 0 && !q && page === 1 ? (
          <EmptyState title="No agents in the directory" description="Agent identities appear here once they are created from a blueprint." />
        ) : (
          <DirectoryAgentsTable rows={list.rows} total={list.total} page={list.page} pageSize={list.pageSize} emptyMessage={q ? `No agents match "${q}".` : "No agents on this page."} />
        )}
      </div>
    </>
  );
}
