import type { Metadata } from "next";
import Link from "next/link";
import { getCtx } from "@/lib/auth/session";
import { PageHeader } from "@/components/ui/page-header";
import { Card } from "@/components/ui/card";
import { StateBadge } from "@/components/ui/badge";
import { RequestTimelineSteps } from "@/components/requests/request-timeline";
import { RequestDetailsCard, requestTimelineOr404 } from "@/components/requests/request-details-card";
import { REQUEST_TYPE_LABELS } from "@/components/requests/request-labels";
import { CancelRequestButton } from "@/components/requests/cancel-request-button";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Request" };

const CANCELABLE = new Set(["submitted", "pendingApproval", "scheduled"]);

export default async function MyRequestPage({ params, searchParams }: PageProps<"/access/requests/[id]">) {
  const { id } = await params;
  const sp = await searchParams;
  const ctx = await getCtx();
  const timeline = await requestTimelineOr404(ctx, id);
  const { request: r, pkg, target, requestor } = timeline;
  const mine = r.requestorId === ctx.actor.id || r.targetId === ctx.actor.id;

  return (
    <>
      <PageHeader
        eyebrow={
          <Link href="/access/requests" className="hover:underline">
            ← My requests
          </Link>
        }
        title={`${pkg.displayName} for ${target.id === ctx.actor.id ? "you" : target.displayName}`}
        description={`${REQUEST_TYPE_LABELS[r.requestType] ?? r.requestType} request in ${pkg.catalogName}${requestor && requestor.id !== ctx.actor.id ? `, made by ${requestor.displayName}` : ""}.`}
        actions={
          <>
            <StateBadge state={r.state} />
            {mine && CANCELABLE.has(r.state) ? <CancelRequestButton requestId={r.id} packageName={pkg.displayName} returnTo="detail" /> : null}
          </>
        }
      />
      {sp.canceled ? (
        <div role="status" className="mb-6 rounded-md border border-green-300 bg-green-50 px-4 py-3 text-sm text-green-900 dark:border-green-700 dark:bg-green-950 dark:text-green-100">
          Request canceled.
        </div>
      ) : null}
      <div className="grid gap-6 xl:grid-cols-[1fr_20rem]">
        <Card title="Answers and decisions" description="What was asked, each approval stage with its decision, and the outcome." className="min-w-0">
          <RequestTimelineSteps timeline={timeline} adminLinks={false} />
        </Card>
        <RequestDetailsCard timeline={timeline} />
      </div>
    </>
  );
}
