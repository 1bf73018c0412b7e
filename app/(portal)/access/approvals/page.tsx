import type { Metadata } from "next";
import { getCtx } from "@/lib/auth/session";
import { nowOf } from "@/lib/auth/actor";
import { listDecided, listInbox } from "@/lib/approvals/list-inbox";
import { activeAssignmentsByTarget } from "@/lib/assignments/list-active-assignments";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { Pager } from "@/components/pager";
import { ApprovalsInbox, type InboxEntry } from "@/components/approvals/approvals-inbox";
import { ApprovalsTabs } from "@/components/approvals/approvals-tabs";
import { decideApprovalAction, decideManyAction } from "./actions";
import { pageParam } from "@/components/ui/data-table-params";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Approvals" };

export default async function ApprovalsPage({ searchParams }: PageProps<"/access/approvals">) {
  const sp = await searchParams;
  const ctx = await getCtx();
  const page = pageParam(sp.page);
  const decidedId = typeof sp.decided === "string" ? sp.decided : null;
  const [inbox, history] = await Promise.all([listInbox(ctx, { page, pageSize: 10 }), decidedId ? listDecided(ctx, { pageSize: 10 }) : null]);
  const justDecided = decidedId ? history?.items.find((h) => h.requestId === decidedId) : undefined;
  const access = await activeAssignmentsByTarget(ctx.db, inbox.items.map((i) => i.target.id), nowOf(ctx), 5);
  const items: InboxEntry[] = inbox.items.map((i) => ({ ...i, currentAccess: access.get(i.target.id) ?? { items: [], total: 0 } }));

  return (
    <>
      <PageHeader title="Approvals" description="Requests waiting for your decision. The first approver to answer decides the stage; nobody approves their own request." />
      <ApprovalsTabs current="/access/approvals" pending={inbox.total} />
      {justDecided ? (
        <div role="status" className="mb-6 rounded-md border border-green-300 bg-green-50 px-4 py-3 text-sm text-green-900 dark:border-green-700 dark:bg-green-950 dark:text-green-100">
          You {justDecided.decision === "Deny" ? "denied" : "approved"} {justDecided.packageName} for {justDecided.target.displayName}. The request is now{" "}
          <strong>{justDecided.requestState === "delivered" ? "delivered" : justDecided.requestState === "pendingApproval" ? "waiting for the next stage" : justDecided.requestState}</strong>.
        </div>
      ) : null}

      <section aria-labelledby="pending-heading" className="space-y-4">
        <h2 id="pending-heading" className="text-lg font-semibold">
          Pending {inbox.total > 0 ? <span className="text-slate-500 dark:text-slate-400">({inbox.total})</span> : null}
        </h2>
        <ApprovalsInbox
          items={items}
          decideAction={decideApprovalAction}
          bulkAction={decideManyAction}
          // Past the last page the pager below says so; "nothing to approve" would not be true.
          empty={inbox.total === 0 ? <EmptyState title="Nothing to approve" description="When someone requests access that you approve, it appears here." /> : null}
        />
        <Pager page={inbox.page} pageSize={inbox.pageSize} total={inbox.total} basePath="/access/approvals" label="Pending approvals pages" />
      </section>
    </>
  );
}
