import { PrincipalTypeBadge } from "@/components/principal-type-badge";
import { actorDisplayName } from "@/components/requests/request-labels";
import type { TimelineAuditEvent } from "@/lib/requests/get-request-timeline";
import { AuditTime } from "./audit-time";
import { OutcomeBadge } from "./outcome-badge";

/** The audit events of one object, oldest first, each with who did it and for whom. */
export function AuditTrail({ events, label }: { events: TimelineAuditEvent[]; label: string }) {
  if (events.length === 0) return <p className="text-sm text-slate-600 dark:text-slate-400">No audit events recorded.</p>;
  return (
    <ol aria-label={label} className="divide-y divide-slate-200 dark:divide-slate-800">
      {events.map((e) => (
        <li key={e.id} className="py-3 first:pt-0 last:pb-0">
          <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
            <code className="rounded bg-slate-100 px-1.5 py-0.5 text-xs dark:bg-slate-800">{e.action}</code>
            <OutcomeBadge outcome={e.outcome} />
            <span className="text-sm text-slate-600 dark:text-slate-400">
              <AuditTime value={e.at} /> UTC
            </span>
          </div>
          <p className="mt-1 flex flex-wrap items-center gap-1.5 text-sm">
            <span className="text-slate-600 dark:text-slate-400">By</span>
            <span className="font-medium">{actorDisplayName(e.actorType, e.actorName)}</span>
            {e.actorType !== "user" && e.actorType !== "system" ? <PrincipalTypeBadge type={e.actorType} /> : null}
            {e.onBehalfOfName ? <span className="text-slate-600 dark:text-slate-400">on behalf of {e.onBehalfOfName}</span> : null}
          </p>
          {e.detail ? <p className="mt-1 text-sm break-words text-slate-700 dark:text-slate-300">{e.detail}</p> : null}
        </li>
      ))}
    </ol>
  );
}
