import type { Metadata } from "next";
import Link from "next/link";
import { getCtx } from "@/lib/auth/session";
import { PageHeader } from "@/components/ui/page-header";
import { Card } from "@/components/ui/card";
import { StateBadge } from "@/components/ui/badge";
import { RequestTimelineSteps } from "@/components/requests/request-timeline";
import { RequestDetailsCard, requestTimelineOr404 } from "@/components/requests/request-details-card";
import { REQUEST_TYPE_LABELS } from "@/components/requests/request-labels";
import { AuditTrail } from "@/components/audit/audit-trail";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Request" };

export default async function RequestPage({ params }: PageProps<"/admin/requests/[id]">) {
  const { id } = await params;
  const ctx = await getCtx();
  const timeline = await requestTimelineOr404(ctx, id);
  const { request: r, pkg, target } = timeline;

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
        <RequestDetailsCard timeline={timeline} catalogHref={`/admin/catalogs/${pkg.catalogId}`} />
      </div>
    </>
  );
}
