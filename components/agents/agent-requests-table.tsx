import Link from "next/link";
import { StateBadge } from "@/components/ui/badge";
import { DateTime } from "@/components/date-time";
import { REQUEST_TYPE_LABELS, actorDisplayName } from "@/components/requests/request-labels";
import type { TargetRequestRow } from "@/lib/requests/list-requests-for-target";

/** An agent's requests, newest first, each linking to its detail. */
export function AgentRequestsTable({ rows, agentName }: { rows: TargetRequestRow[]; agentName: string }) {
  return (
    <div className="relative overflow-x-auto rounded-md border border-slate-200 dark:border-slate-800">
      <table className="min-w-full divide-y divide-slate-200 text-sm dark:divide-slate-800">
        <caption className="sr-only">Requests for {agentName}</caption>
        <thead className="bg-slate-50 dark:bg-slate-900">
          <tr>
            {["Access package", "Type", "Requested by", "State", "Submitted"].map((h) => (
              <th key={h} scope="col" className="px-3 py-2 text-left font-semibold whitespace-nowrap">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200 dark:divide-slate-800">
          {rows.map((r) => (
            <tr key={r.id}>
              <td className="px-3 py-2">
                <Link href={`/access/requests/${r.id}`} className="font-medium text-blue-700 hover:underline dark:text-blue-300">
                  {r.packageName}
                  <span className="sr-only"> — request details</span>
                </Link>
              </td>
              <td className="px-3 py-2 whitespace-nowrap">{REQUEST_TYPE_LABELS[r.requestType] ?? r.requestType}</td>
              <td className="px-3 py-2">{actorDisplayName(r.requestorType, r.requestorName)}</td>
              <td className="px-3 py-2">
                <StateBadge state={r.state} />
              </td>
              <td className="px-3 py-2 whitespace-nowrap">
                <DateTime value={r.createdAt} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
