import type { Metadata } from "next";
import { getCtx } from "@/lib/auth/session";
import { listMyAgents } from "@/lib/directory/list-my-agents";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { ButtonLink } from "@/components/ui/button";
import { FilterForm, FilterInput } from "@/components/ui/filter-form";
import { parseTableQuery } from "@/components/ui/data-table-params";
import { MyAgentsTable } from "@/components/agents/my-agents-table";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "My agents" };

export default async function MyAgentsPage({ searchParams }: PageProps<"/account">) {
  const sp = await searchParams;
  const ctx = await getCtx();
  const { page, pageSize } = parseTableQuery(sp, { pageSize: 25 });
  const q = typeof sp.q === "string" ? sp.q.trim().slice(0, 200) : "";
  const agents = await listMyAgents(ctx, { page, pageSize, q });
  const none = agents.total === 0 && !q;
  return (
    <>
      <PageHeader
        title="My agents"
        description="The AI agents you sponsor or own, and the service principals you own: whether they are enabled, how much access they hold and when it starts to run out. Open one to see its access, requests, activity and client secrets."
        actions={
          none ? null : (
            <ButtonLink href="/access" variant="primary">
              Request access for an agent
            </ButtonLink>
          )
        }
      />
      {none ? (
        <EmptyState title="You don't sponsor or own any agents" description="When an administrator makes you the sponsor or owner of an agent identity, or the owner of a service principal, it appears here." />
      ) : (
        <div className="space-y-4">
          <FilterForm label="Filter agents" clearHref="/account" active={!!q}>
            <FilterInput id="agents-q" name="q" label="Search" type="search" value={q} placeholder="Name" />
          </FilterForm>
          <MyAgentsTable rows={agents.rows} total={agents.total} page={agents.page} pageSize={agents.pageSize} />
        </div>
      )}
    </>
  );
}
