import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getCtx } from "@/lib/auth/session";
import { getRequestTimeline, type RequestTimeline } from "@/lib/requests/get-request-timeline";
import { isDomainError } from "@/lib/errors";
import { PageHeader } from "@/components/ui/page-header";
import { Card } from "@/components/ui/card";
import { StateBadge } from "@/components/ui/badge";
import { DateTime } from "@/components/date-time";
import { Detail, RequestTimelineSteps } from "@/components/requests/request-timeline";
import { REQUEST_TYPE_LABELS } from "@/components/requests/request-labels";
import { AuditTrail } from "@/components/audit/audit-trail";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Request" };

export default async function RequestPage({ params }: PageProps<"/admin/requests/[id]">) {
  const { id } = await params;
  const ctx = await getCtx();
  let timeline: RequestTimeline;
  try {
    timeline = await getRequestTimeline(ctx, { requestId: id });
  } catch (e) {
    // getRequest answers "not found" to anyone who may not see the request, so ids cannot be probed.
    if (isDomainError(e) && e.code === "notFound") notFound();
    throw e;
  }
  const { request: r, pkg, policy, target } = timeline;

  return (
    <>
      <PageHeader
        eyebrow={
          <Link href="/admin/requests" className="hover:underline">
            ← Requests
          </Link>
        }
        title={`${pkg.displayName} for ${target.displayName}`}
        description={`${REQUEST_TYPE_LABELS[r.requestType] ?? r.requestType} request in ${pkg.catalogName}.`}
        actions={<StateBadge state={r.state} />}
      />
      <div className="grid gap-6 xl:grid-cols-[1fr_20rem]">
        <div className="min-w-0 space-y-6">
          <Card title="Timeline" description="From submission through each approval stage to delivery.">
            <RequestTimelineSteps timeline={timeline} />
          </Card>
          <Card title="Audit trail" description="Every event recorded under this request's id, oldest first.">
            <AuditTrail events={timeline.auditEvents} label="Audit events of this request" />
          </Card>
        </div>
        <Card title="Details" className="self-start">
          <dl className="space-y-2">
            <Detail term="State">
              <StateBadge state={r.state} />
            </Detail>
            <Detail term="Access package">{pkg.displayName}</Detail>
            <Detail term="Catalog">
              <Link href={`/admin/catalogs/${pkg.catalogId}`} className="text-blue-700 hover:underline dark:text-blue-300">
                {pkg.catalogName}
              </Link>
            </Detail>
            <Detail term="Policy">{policy.displayName}</Detail>
            <Detail term="Submitted">
              <DateTime value={r.createdAt} />
            </Detail>
            <Detail term="Completed">
              <DateTime value={r.completedAt} empty="Not yet" />
            </Detail>
            <Detail term="Request id">
              <code className="text-xs break-all">{r.id}</code>
            </Detail>
          </dl>
        </Card>
      </div>
    </>
  );
}
