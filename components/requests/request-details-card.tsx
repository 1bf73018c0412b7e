import Link from "next/link";
import { notFound } from "next/navigation";
import type { Ctx } from "@/lib/auth/actor";
import { getRequestTimeline, type RequestTimeline } from "@/lib/requests/get-request-timeline";
import { isDomainError } from "@/lib/errors";
import { Card } from "@/components/ui/card";
import { StateBadge } from "@/components/ui/badge";
import { DateTime } from "@/components/date-time";
import { Detail } from "@/components/requests/request-timeline";

/** A request's timeline for a page, or the not-found page: getRequest answers "not found" to anyone who may not see it, so ids cannot be probed. */
export async function requestTimelineOr404(ctx: Ctx, requestId: string): Promise<RequestTimeline> {
  try {
    return await getRequestTimeline(ctx, { requestId });
  } catch (e) {
    if (isDomainError(e) && e.code === "notFound") notFound();
    throw e;
  }
}

/** The "Details" side card of a request page (admin and My Access); the catalog links to its admin page when `catalogHref` is given. */
export function RequestDetailsCard({ timeline, catalogHref }: { timeline: RequestTimeline; catalogHref?: string }) {
  const { request: r, pkg, policy } = timeline;
  return (
    <Card title="Details" className="self-start">
      <dl className="space-y-2">
        <Detail term="State">
          <StateBadge state={r.state} />
        </Detail>
        <Detail term="Access package">{pkg.displayName}</Detail>
        <Detail term="Catalog">
          {catalogHref ? (
            <Link href={catalogHref} className="text-blue-700 hover:underline dark:text-blue-300">
              {pkg.catalogName}
            </Link>
          ) : (
            pkg.catalogName
          )}
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
  );
}
