import type { Metadata } from "next";
import Link from "next/link";
import { getCtx } from "@/lib/auth/session";
import { listMyAgents, type MyAgent } from "@/lib/directory/list-my-agents";
import { PageHeader } from "@/components/ui/page-header";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Badge, StateBadge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { DateTime } from "@/components/date-time";
import { CreateSecretForm } from "@/components/agents/create-secret-form";
import { ORIGIN_SYSTEM_LABELS } from "@/components/catalogs/origin-system";
import { createSecretAction } from "./actions";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "My agents" };

function AgentCard({ agent }: { agent: MyAgent }) {
  const relation = [agent.iSponsor ? "Sponsor" : null, agent.iOwn ? "Owner" : null].filter(Boolean).join(" and ");
  return (
    <Card
      title={agent.displayName}
      description={agent.description ?? undefined}
      actions={
        <>
          <StateBadge state={agent.accountEnabled ? "enabled" : "disabled"} />
          {relation ? <Badge tone="blue">You: {relation}</Badge> : null}
        </>
      }
    >
      <dl className="grid grid-cols-2 gap-x-6 gap-y-2 text-sm lg:grid-cols-4">
        <div>
          <dt className="font-medium text-slate-600 dark:text-slate-400">Blueprint</dt>
          <dd>{agent.blueprintName ?? "—"}</dd>
        </div>
        <div>
          <dt className="font-medium text-slate-600 dark:text-slate-400">Last sign-in</dt>
          <dd>
            <DateTime value={agent.lastSignInAt} empty="Never" />
          </dd>
        </div>
        <div>
          <dt className="font-medium text-slate-600 dark:text-slate-400">Sponsors</dt>
          <dd>{agent.sponsors.join(", ") || "—"}</dd>
        </div>
        <div>
          <dt className="font-medium text-slate-600 dark:text-slate-400">Owners</dt>
          <dd>{agent.owners.join(", ") || "—"}</dd>
        </div>
      </dl>
      {!agent.accountEnabled ? (
        <p className="mt-3 rounded-md bg-slate-100 px-3 py-2 text-sm text-slate-700 dark:bg-slate-800 dark:text-slate-300">
          Disabled{agent.disabledByAdmin ? " by an administrator" : ""}: the agent holds no effective access while disabled.
        </p>
      ) : null}

      <h3 className="mt-5 text-sm font-semibold">Effective access</h3>
      {agent.grants.length === 0 ? (
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{agent.accountEnabled ? "No access right now." : "None while disabled."}</p>
      ) : (
        <ul className="mt-2 divide-y divide-slate-200 rounded-md border border-slate-200 text-sm dark:divide-slate-800 dark:border-slate-800" aria-label={`Effective access of ${agent.displayName}`}>
          {agent.grants.map((g, i) => (
            <li key={`${g.resourceName}-${g.roleName}-${i}`} className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-0.5 px-3 py-2">
              <span className="min-w-0 break-words">
                <span className="font-medium">{g.resourceName}</span> <span className="text-slate-500">({ORIGIN_SYSTEM_LABELS[g.originSystem]})</span> — {g.roleName}
                <span className="block text-xs text-slate-500 dark:text-slate-400">via {g.packageName}</span>
              </span>
              <span className="text-xs whitespace-nowrap text-slate-600 dark:text-slate-400">
                {g.endDateTime ? (
                  <>
                    until <DateTime value={g.endDateTime} />
                  </>
                ) : (
                  "no end date"
                )}
              </span>
            </li>
          ))}
        </ul>
      )}

      <h3 className="mt-5 text-sm font-semibold">Assignments</h3>
      {agent.assignments.length === 0 ? (
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
          No active assignments. <Link href="/access" className="text-blue-700 hover:underline dark:text-blue-300">
            Request access
          </Link> for this agent.
        </p>
      ) : (
        <div className="relative mt-2 overflow-x-auto rounded-md border border-slate-200 dark:border-slate-800">
          <table className="min-w-full divide-y divide-slate-200 text-sm dark:divide-slate-800">
            <caption className="sr-only">Assignments of {agent.displayName}</caption>
            <thead className="bg-slate-50 dark:bg-slate-900">
              <tr>
                {["Access package", "State", "Start", "End"].map((h) => (
                  <th key={h} scope="col" className="px-3 py-2 text-left font-semibold whitespace-nowrap">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-200 dark:divide-slate-800">
              {agent.assignments.map((a) => (
                <tr key={a.id}>
                  <td className="px-3 py-2 font-medium">{a.packageName}</td>
                  <td className="px-3 py-2">
                    <StateBadge state={a.state} />
                  </td>
                  <td className="px-3 py-2 whitespace-nowrap">
                    <DateTime value={a.startDateTime} />
                  </td>
                  <td className="px-3 py-2 whitespace-nowrap">
                    <DateTime value={a.endDateTime} empty="No end date" />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {agent.canCreateCredential ? (
        <div className="mt-5 border-t border-slate-200 pt-4 dark:border-slate-800">
          <h3 className="mb-2 text-sm font-semibold">Credentials</h3>
          <CreateSecretForm action={createSecretAction} principalId={agent.id} agentName={agent.displayName} />
        </div>
      ) : null}
    </Card>
  );
}

export default async function MyAgentsPage() {
  const ctx = await getCtx();
  const agents = await listMyAgents(ctx);
  return (
    <>
      <PageHeader
        title="My agents"
        description="The AI agents you sponsor or own: what they can do right now, the access packages behind it, and their credentials."
        actions={
          agents.length ? (
            <ButtonLink href="/access" variant="primary">
              Request access for an agent
            </ButtonLink>
          ) : null
        }
      />
      {agents.length === 0 ? (
        <EmptyState title="You don't sponsor or own any agents" description="When an administrator makes you the sponsor or owner of an agent identity, it appears here." />
      ) : (
        <ul className="space-y-6">
          {agents.map((a) => (
            <li key={a.id}>
              <AgentCard agent={a} />
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
