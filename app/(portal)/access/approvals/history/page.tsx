import type { Metadata } from "next";
import { getCtx } from "@/lib/auth/session";
import { countPendingApprovals, listDecided } from "@/lib/approvals/list-inbox";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { Pager } from "@/components/pager";
import { ApprovalsTabs } from "@/components/approvals/approvals-tabs";
import { DecidedTable } from "@/components/approvals/decided-table";
import { pageParam } from "@/components/ui/data-table-params";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Approval history" };

export default async function ApprovalHistoryPage({ searchParams }: PageProps<"/access/approvals/history">) {
  const sp = await searchParams;
  const ctx = await getCtx();
  const page = pageParam(sp.page);
  const [history, pending] = await Promise.all([listDecided(ctx, { page, pageSize: 20 }), ctx.actor.id ? countPendingApprovals(ctx.db, ctx.actor.id) : 0]);
  return (
    <>
      <PageHeader title="Approvals" description="The decisions you made, newest first, with where each request stands now." />
      <ApprovalsTabs current="/access/approvals/history" pending={pending} />
      <section aria-labelledby="history-heading" className="space-y-4">
        <h2 id="history-heading" className="text-lg font-semibold">
          History {history.total > 0 ? <span className="text-slate-500 dark:text-slate-400">({history.total})</span> : null}
        </h2>
        {history.total === 0 ? (
          <EmptyState title="No decisions yet" description="Requests you approve or deny are listed here." />
        ) : (
          <>
            <DecidedTable items={history.items} />
            <Pager page={history.page} pageSize={history.pageSize} total={history.total} basePath="/access/approvals/history" label="Approval history pages" />
          </>
        )}
      </section>
    </>
  );
}
