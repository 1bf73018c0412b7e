import type { Metadata } from "next";
import Link from "next/link";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { getCtx } from "@/lib/auth/session";
import { publicOriginOfHeaders } from "@/lib/api/origin";
import { clientEndpoints } from "@/lib/auth/discovery";
import { isDomainError } from "@/lib/errors";
import { getMyAgent, type MyAgent } from "@/lib/directory/list-my-agents";
import { listHeldAssignments } from "@/lib/assignments/list-held-assignments";
import { listRequestsForTarget } from "@/lib/requests/list-requests-for-target";
import { listPrincipalActivity } from "@/lib/audit/list-principal-activity";
import { PageHeader } from "@/components/ui/page-header";
import { Card } from "@/components/ui/card";
import { Badge, StateBadge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { DateTime } from "@/components/date-time";
import { Pager } from "@/components/pager";
import { Detail } from "@/components/requests/request-timeline";
import { HeldAssignmentList } from "@/components/requests/held-assignments";
import { identityNoun } from "@/components/requests/why-not";
import { AgentRequestsTable } from "@/components/agents/agent-requests-table";
import { AgentEnabledToggle } from "@/components/agents/agent-enabled-toggle";
import { CreateSecretForm } from "@/components/agents/create-secret-form";
import { CredentialList } from "@/components/agents/credential-list";
import { AuditTrail } from "@/components/audit/audit-trail";
import { ORIGIN_SYSTEM_LABELS } from "@/components/catalogs/origin-system";
import { createSecretAction, removeSecretAction, setAgentEnabledAction } from "../../actions";
import { pageParam } from "@/components/ui/data-table-params";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Agent" };

function Grants({ agent }: { agent: MyAgent }) {
  if (agent.grants.length === 0) {
    return <p className="text-sm text-slate-600 dark:text-slate-400">{agent.accountEnabled ? "No access right now." : "None while disabled."}</p>;
  }
  return (
    <ul className="divide-y divide-slate-200 rounded-md border border-slate-200 text-sm dark:divide-slate-800 dark:border-slate-800" aria-label={`Effective access of ${agent.displayName}`}>
      {agent.grants.map((g, i) => (
        <li key={`${g.resourceName}-${g.roleName}-${i}`} className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-0.5 px-3 py-2">
          <span className="min-w-0 break-words">
            <span className="font-medium">{g.resourceName}</span> <span className="text-slate-600 dark:text-slate-400">({ORIGIN_SYSTEM_LABELS[g.originSystem]})</span> — {g.roleName}
            <span className="block text-xs text-slate-600 dark:text-slate-400">via {g.packageName}</span>
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
  );
}

export default async function AgentPage({ params, searchParams }: PageProps<"/account/agents/[id]">) {
  const { id } = await params;
  const sp = await searchParams;
  const ctx = await getCtx();
  let agent: MyAgent;
  try {
    agent = await getMyAgent(ctx, id);
  } catch (e) {
    // Anyone who neither sponsors, owns nor administers the agent gets "not found", so ids cannot be probed.
    if (isDomainError(e) && e.code === "notFound") notFound();
    throw e;
  }
  const [held, requests, activity] = await Promise.all([
    listHeldAssignments(ctx, { targetId: agent.id, page: pageParam(sp.assignmentsPage), pageSize: 10 }),
    listRequestsForTarget(ctx, { targetId: agent.id, page: pageParam(sp.requestsPage), pageSize: 10 }),
    listPrincipalActivity(ctx, { principalId: agent.id, page: pageParam(sp.activityPage), pageSize: 10 }),
  ]);
  const base = `/account/agents/${agent.id}`;
  const removed = typeof sp.removed === "string" ? sp.removed : null;
  const relation = [agent.iSponsor ? "Sponsor" : null, agent.iOwn ? "Owner" : null].filter(Boolean).join(" and ");
  const isAgent = agent.kind === "agentIdentity";
  const holder = isAgent ? "agent" : "servicePrincipal";
  const noun = identityNoun(holder);

  return (
    <>
      <PageHeader
        eyebrow={
          <Link href="/account" className="hover:underline">
            ← My agents
          </Link>
        }
        title={agent.displayName}
        description={agent.description ?? undefined}
        actions={
          <>
            {isAgent ? null : <Badge tone="gray">Service principal</Badge>}
            <StateBadge state={agent.accountEnabled ? "enabled" : "disabled"} />
            {relation ? <Badge tone="blue">You: {relation}</Badge> : null}
            <AgentEnabledToggle
              action={setAgentEnabledAction}
              agentId={agent.id}
              agentName={agent.displayName}
              noun={noun}
              enabled={agent.accountEnabled}
              blockedReason={agent.toggle.allowed ? undefined : agent.toggle.reason}
            />
          </>
        }
      />
      {!agent.accountEnabled ? (
        <div role="status" className="mb-6 rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100">
          <strong>Disabled — holds no access while disabled.</strong>{" "}
          {agent.disabledByAdmin ? "An administrator disabled it; only an administrator can enable it again." : "Its assignments are kept: enabling it restores its access."} It cannot sign in or get tokens.
        </div>
      ) : null}
      {removed !== null ? (
        <div role="status" className="mb-6 rounded-md border border-green-300 bg-green-50 px-4 py-3 text-sm text-green-900 dark:border-green-700 dark:bg-green-950 dark:text-green-100">
          Access removed{removed ? `: ${removed}` : ""}.
        </div>
      ) : null}

      <div className="grid gap-6 xl:grid-cols-[1fr_20rem]">
        <div className="min-w-0 space-y-6">
          <Card title="Effective access" description={`What the ${noun} can do right now: the resource roles its active assignments deliver.`}>
            <Grants agent={agent} />
          </Card>

          <Card
            title="Assignments"
            description="The access packages it holds, with their end dates. Extend one before it ends."
            actions={
              <ButtonLink href={`/access?for=${agent.id}`} size="sm">
                Request access
              </ButtonLink>
            }
          >
            {held.total === 0 ? (
              <p className="text-sm text-slate-600 dark:text-slate-400">
                No active assignments.{" "}
                <Link href={`/access?for=${agent.id}`} className="text-blue-700 underline dark:text-blue-300">
                  Request access
                </Link>{" "}
                for this {noun}.
              </p>
            ) : (
              <>
                {/* Past the last page only the pager shows, and says which page is the last. */}
                {held.rows.length > 0 ? <HeldAssignmentList rows={held.rows} agentId={agent.id} holderName={agent.displayName} holder={holder} label={`Assignments of ${agent.displayName}`} /> : null}
                <Pager page={held.page} pageSize={held.pageSize} total={held.total} basePath={base} query={sp} param="assignmentsPage" label="Assignment pages" />
              </>
            )}
          </Card>

          <Card title="Requests" description={`Every request for this ${noun}, whoever made it.`}>
            {requests.total === 0 ? (
              <p className="text-sm text-slate-600 dark:text-slate-400">No requests yet.</p>
            ) : (
              <>
                {requests.rows.length > 0 ? <AgentRequestsTable rows={requests.rows} agentName={agent.displayName} /> : null}
                <Pager page={requests.page} pageSize={requests.pageSize} total={requests.total} basePath={base} query={sp} param="requestsPage" label="Request pages" />
              </>
            )}
          </Card>

          <Card title="Activity" description={`Audit events where the ${noun} acted, was acted on, or was acted for; newest first.`}>
            {activity.rows.length > 0 || activity.total === 0 ? <AuditTrail events={activity.rows} label={`Activity of ${agent.displayName}`} /> : null}
            <Pager page={activity.page} pageSize={activity.pageSize} total={activity.total} basePath={base} query={sp} param="activityPage" label="Activity pages" />
          </Card>
        </div>

        <div className="space-y-6 self-start">
          <Card title="Details">
            <dl className="space-y-2">
              {isAgent ? <Detail term="Blueprint">{agent.blueprint ? `${agent.blueprint.name} ${agent.blueprint.version} (${agent.blueprint.publisher})` : "—"}</Detail> : null}
              {agent.blueprint?.inheritableScopes.length ? <Detail term="Inherited scopes">{agent.blueprint.inheritableScopes.join(", ")}</Detail> : null}
              {isAgent ? <Detail term="Sponsors">{agent.sponsors.join(", ") || "—"}</Detail> : null}
              <Detail term="Owners">{agent.owners.join(", ") || "—"}</Detail>
              <Detail term="Last sign-in">
                <DateTime value={agent.lastSignInAt} empty="Never" />
              </Detail>
              <Detail term="Client id">{agent.appId ? <code className="text-xs break-all">{agent.appId}</code> : "—"}</Detail>
            </dl>
          </Card>
          <Card title="Credentials" description={`Client secrets the ${noun} gets its tokens with. Only a hash is kept.`}>
            <CredentialList credentials={agent.credentials} principalName={agent.displayName} remove={agent.canRemoveCredential ? removeSecretAction.bind(null, agent.id) : undefined} now={new Date()} />
            <div className="mt-4 border-t border-slate-200 pt-4 dark:border-slate-800">
              {agent.canCreateCredential ? (
                <CreateSecretForm action={createSecretAction} endpoints={clientEndpoints(publicOriginOfHeaders(await headers()))} principalId={agent.id} agentName={agent.displayName} credentialIds={agent.credentials.map((c) => c.id)} />
              ) : (
                <p className="text-xs text-slate-600 dark:text-slate-400">Only the {noun}&apos;s owners and Identity Governance Administrators can add or remove client secrets.</p>
              )}
            </div>
          </Card>
        </div>
      </div>
    </>
  );
}
