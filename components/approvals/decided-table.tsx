import Link from "next/link";
import { StateBadge } from "@/components/ui/badge";
import { DateTime } from "@/components/date-time";
import { PrincipalTypeBadge } from "@/components/principal-type-badge";
import type { DecidedItem } from "@/lib/approvals/list-inbox";

/** The stages the viewer decided, newest first. */
export function DecidedTable({ items }: { items: DecidedItem[] }) {
  return (
    <div className="relative overflow-x-auto rounded-lg border border-slate-200 dark:border-slate-800">
      <table className="min-w-full divide-y divide-slate-200 text-sm dark:divide-slate-800">
        <caption className="sr-only">Requests you decided</caption>
        <thead className="bg-slate-50 dark:bg-slate-900">
          <tr>
            {["Access package", "For", "Requested by", "Stage", "Decision", "Your justification", "Decided", "Request"].map((h) => (
              <th key={h} scope="col" className="px-4 py-2 text-left font-semibold whitespace-nowrap text-slate-700 dark:text-slate-300">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200 bg-white dark:divide-slate-800 dark:bg-slate-950">
          {items.map((h) => (
            <tr key={h.stageId}>
              <td className="px-4 py-2 align-top font-medium">
                <Link href={`/access/requests/${h.requestId}`} className="text-blue-700 hover:underline dark:text-blue-300">
                  {h.packageName}
                  <span className="sr-only"> for {h.target.displayName} — request details</span>
                </Link>
              </td>
              <td className="px-4 py-2 align-top">
                <span className="flex flex-wrap items-center gap-1.5">
                  {h.target.displayName} <PrincipalTypeBadge type={h.target.type} />
                </span>
              </td>
              <td className="px-4 py-2 align-top">{h.requestorName ?? "—"}</td>
              <td className="px-4 py-2 align-top">{h.stageNumber}</td>
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
  );
}
