import type { Metadata } from "next";
import type { ReactNode } from "react";
import { getCtx } from "@/lib/auth/session";
import { listDecided, listInbox, type InboxItem } from "@/lib/approvals/list-inbox";
import { PageHeader } from "@/components/ui/page-header";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Badge, StateBadge } from "@/components/ui/badge";
import { DateTime } from "@/components/date-time";
import { Pager } from "@/components/pager";
import { PrincipalTypeBadge } from "@/components/principal-type-badge";
import { DecisionForm } from "@/components/approvals/decision-form";
import { decideApprovalAction } from "./actions";
import { AnswerList, JustificationText } from "@/components/requests/request-answers";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Approvals" };

function Detail({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="grid gap-0.5 sm:grid-cols-[9rem_1fr] sm:gap-3">
      <dt className="text-sm font-medium text-slate-600 dark:text-slate-400">{term}</dt>
      <dd className="min-w-0 text-sm break-words">{children}</dd>
    </div>
  );
}

function PendingCard({ item }: { item: InboxItem }) {
  const t = item.target;
  const onBehalf = item.requestor.id !== null && item.requestor.id !== t.id;
  return (
    <Card
      headingLevel={3}
      title={item.packageName}
      description={`${item.catalogName} · ${item.policyName}`}
      actions={
        <>
          <Badge tone="amber">
            Stage {item.stageNumber} of {item.stageCount}
          </Badge>
          {item.escalated ? <StateBadge state="escalated" /> : null}
        </>
      }
    >
      <dl className="space-y-2">
        <Detail term="For">
          <span className="flex flex-wrap items-center gap-1.5">
            <span className="font-medium">{t.displayName}</span>
            <PrincipalTypeBadge type={t.type} />
          </span>
          {t.blueprintName ? <span className="block text-slate-600 dark:text-slate-400">Blueprint: {t.blueprintName}</span> : null}
          {t.type === "agentIdentity" || t.type === "agentUser" ? (
            <span className="block text-slate-600 dark:text-slate-400">Sponsors: {t.sponsors.length ? t.sponsors.join(", ") : "none"}</span>
          ) : null}
        </Detail>
        <Detail term="Requested by">
          {item.requestor.displayName}
          {onBehalf ? <span className="text-slate-600 dark:text-slate-400"> (on the agent&apos;s behalf)</span> : t.id === item.requestor.id ? <span className="text-slate-600 dark:text-slate-400"> (for themselves)</span> : null}
        </Detail>
        <Detail term="Justification"><JustificationText text={item.justification} /></Detail>
        {item.answers.length ? (
          <Detail term="Answers">
            <AnswerList answers={item.answers} />
          </Detail>
        ) : null}
        <Detail term="Submitted">
          <DateTime value={item.createdAt} />
        </Detail>
        <Detail term="Access until">
          <DateTime value={item.schedule.endDateTime} empty="No end date (counted from delivery)" />
        </Detail>
        {item.packageDescription ? <Detail term="Package">{item.packageDescription}</Detail> : null}
      </dl>
      <div className="mt-4 border-t border-slate-200 pt-4 dark:border-slate-800">
        <DecisionForm action={decideApprovalAction} requestId={item.requestId} stageId={item.stageId} justificationRequired={item.isApproverJustificationRequired} />
      </div>
    </Card>
  );
}

export default async function ApprovalsPage({ searchParams }: PageProps<"/access/approvals">) {
  const sp = await searchParams;
  const ctx = await getCtx();
  const page = Math.max(1, Number.parseInt(typeof sp.page === "string" ? sp.page : "1", 10) || 1);
  const [inbox, history] = await Promise.all([listInbox(ctx, { page, pageSize: 10 }), listDecided(ctx, { pageSize: 20 })]);
  const decidedId = typeof sp.decided === "string" ? sp.decided : null;
  const justDecided = decidedId ? history.items.find((h) => h.requestId === decidedId) : undefined;

  return (
    <>
      <PageHeader title="Approvals" description="Requests waiting for your decision. The first approver to answer decides the stage; nobody approves their own request." />
      {justDecided ? (
        <div role="status" className="mb-6 rounded-md border border-green-300 bg-green-50 px-4 py-3 text-sm text-green-900 dark:border-green-700 dark:bg-green-950 dark:text-green-100">
          You {justDecided.decision === "Deny" ? "denied" : "approved"} {justDecided.packageName} for {justDecided.target.displayName}. The request is now{" "}
          <strong>{justDecided.requestState === "delivered" ? "delivered" : justDecided.requestState === "pendingApproval" ? "waiting for the next stage" : justDecided.requestState}</strong>.
        </div>
      ) : null}

      <section aria-labelledby="pending-heading" className="space-y-4">
        <h2 id="pending-heading" className="text-lg font-semibold">
          Pending {inbox.total > 0 ? <span className="text-slate-500">({inbox.total})</span> : null}
        </h2>
        {inbox.total === 0 ? (
          <EmptyState title="Nothing to approve" description="When someone requests access that you approve, it appears here." />
        ) : (
          <>
            <ul className="space-y-4">
              {inbox.items.map((item) => (
                <li key={item.stageId}>
                  <PendingCard item={item} />
                </li>
              ))}
            </ul>
            <Pager page={inbox.page} pageSize={inbox.pageSize} total={inbox.total} basePath="/access/approvals" label="Pending approvals pages" />
          </>
        )}
      </section>

      <section aria-labelledby="history-heading" className="mt-10 space-y-4">
        <h2 id="history-heading" className="text-lg font-semibold">
          History
        </h2>
        {history.items.length === 0 ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">You haven&apos;t decided any request yet.</p>
        ) : (
          <div className="relative overflow-x-auto rounded-lg border border-slate-200 dark:border-slate-800">
            <table className="min-w-full divide-y divide-slate-200 text-sm dark:divide-slate-800">
              <caption className="sr-only">Requests you decided</caption>
              <thead className="bg-slate-50 dark:bg-slate-900">
                <tr>
                  {["Access package", "For", "Decision", "Your justification", "Decided", "Request"].map((h) => (
                    <th key={h} scope="col" className="px-4 py-2 text-left font-semibold whitespace-nowrap text-slate-700 dark:text-slate-300">
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-200 bg-white dark:divide-slate-800 dark:bg-slate-950">
                {history.items.map((h) => (
                  <tr key={h.stageId}>
                    <td className="px-4 py-2 align-top font-medium">{h.packageName}</td>
                    <td className="px-4 py-2 align-top">
                      <span className="flex flex-wrap items-center gap-1.5">
                        {h.target.displayName} <PrincipalTypeBadge type={h.target.type} />
                      </span>
                    </td>
                    <td className="px-4 py-2 align-top">
                      <StateBadge state={h.decision} />
                    </td>
                    <td className="px-4 py-2 align-top text-slate-600 dark:text-slate-400">{h.justification || "—"}</td>
                    <td className="px-4 py-2 align-top whitespace-nowrap">
                      <DateTime value={h.decidedAt} />
                    </td>
                    <td className="px-4 py-2 align-top">
                      <StateBadge state={h.requestState} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
