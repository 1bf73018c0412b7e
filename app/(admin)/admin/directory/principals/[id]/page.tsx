import type { Metadata } from "next";
import Link from "next/link";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { getCtx } from "@/lib/auth/session";
import { publicOriginOfHeaders } from "@/lib/api/origin";
import { clientEndpoints } from "@/lib/auth/discovery";
import { can } from "@/lib/auth/permissions";
import { getPrincipalDetail, type PersonRef, type PrincipalDetail } from "@/lib/directory/get-principal-detail";
import { APP_PERMISSIONS, listAppPermissions } from "@/lib/directory/app-permissions";
import { MAX_SPONSORS, MIN_SPONSORS } from "@/lib/directory/manage-sponsors";
import { isDomainError } from "@/lib/errors";
import { PageHeader } from "@/components/ui/page-header";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { StateBadge } from "@/components/ui/badge";
import { ConfirmActionForm } from "@/components/ui/confirm-action-form";
import { PrincipalTypeBadge } from "@/components/principal-type-badge";
import { Detail } from "@/components/requests/request-timeline";
import { formatUtc } from "@/components/format";
import { CreateSecretForm } from "@/components/agents/create-secret-form";
import { CredentialList } from "@/components/agents/credential-list";
import { PersonPickerForm } from "@/components/directory/person-picker-form";
import { GrantPermissionForm } from "@/components/directory/grant-permission-form";
import { searchPrincipalsAction } from "../../search-actions";
import { createPrincipalSecretAction, grantAppPermissionAction, principalPersonAction, removePrincipalSecretAction, revokeAppPermissionAction } from "../../actions";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Agent or service principal" };

function PeopleList({ people, kind, principal }: { people: PersonRef[]; kind: "Sponsor" | "Owner"; principal: PrincipalDetail }) {
  if (people.length === 0) return <p className="text-sm text-slate-600 dark:text-slate-400">No {kind.toLowerCase()}s.</p>;
  return (
    <ul className="divide-y divide-slate-200 dark:divide-slate-800" aria-label={`${kind}s of ${principal.displayName}`}>
      {people.map((p) => (
        <li key={p.id} className="flex flex-wrap items-center gap-2 py-2 first:pt-0">
          <span className="font-medium">{p.displayName}</span>
          {p.mail ? <span className="text-xs text-slate-600 dark:text-slate-400">{p.mail}</span> : null}
          {!p.accountEnabled ? <StateBadge state="disabled" /> : null}
          <div className="ml-auto">
            <ConfirmActionForm
              action={principalPersonAction.bind(null, kind === "Sponsor" ? "removeSponsor" : "removeOwner", principal.id)}
              fields={{ userId: p.id }}
              label="Remove"
              what={`${p.displayName} as ${kind.toLowerCase()} of ${principal.displayName}`}
              pendingLabel="Removing…"
            />
          </div>
        </li>
      ))}
    </ul>
  );
}

export default async function PrincipalPage({ params }: PageProps<"/admin/directory/principals/[id]">) {
  const { id } = await params;
  const ctx = await getCtx();
  let p: PrincipalDetail;
  try {
    p = await getPrincipalDetail(ctx, { principalId: id });
  } catch (e) {
    if (isDomainError(e) && e.code === "notFound") notFound();
    if (isDomainError(e) && e.code === "forbidden") {
      return <EmptyState headingLevel={1} eyebrow="403 · Forbidden" title="You can't view the directory" description="The directory is for Identity Governance Administrators." />;
    }
    throw e;
  }
  const isAgent = p.type === "agentIdentity";
  const [grants, mayCreateSecret, mayRemoveSecret] = await Promise.all([
    p.type === "servicePrincipal" ? listAppPermissions(ctx.db, p.id) : Promise.resolve([]),
    can(ctx, "credentials.create", { principalId: p.id }),
    can(ctx, "credentials.remove", { principalId: p.id }),
  ]);
  const searchPeople = searchPrincipalsAction.bind(null, ["user"]);

  return (
    <>
      <PageHeader
        eyebrow={
          <Link href={`/admin/directory?tab=${isAgent ? "agents" : "servicePrincipals"}`} className="hover:underline">
            ← {isAgent ? "Agent identities" : "Service principals"}
          </Link>
        }
        title={p.displayName}
        description={p.description ?? undefined}
        actions={
          <>
            <PrincipalTypeBadge type={p.type} />
            <StateBadge state={p.accountEnabled ? "enabled" : "disabled"} />
          </>
        }
      />
      <div className="grid gap-6 xl:grid-cols-[1fr_20rem]">
        <div className="min-w-0 space-y-6">
          {isAgent ? (
            <Card title="Sponsors" description={`People accountable for this agent: at least ${MIN_SPONSORS}, at most ${MAX_SPONSORS}. They request its access and are told before it expires.`}>
              <PeopleList people={p.sponsors} kind="Sponsor" principal={p} />
              <div className="mt-4 border-t border-slate-200 pt-4 dark:border-slate-800">
                <PersonPickerForm id="add-sponsor" label="Add a sponsor" submitLabel="Add sponsor" action={principalPersonAction.bind(null, "addSponsor", p.id)} search={searchPeople} existing={p.sponsors.map((s) => s.id)} />
              </div>
            </Card>
          ) : null}
          <Card title="Owners" description={isAgent ? "People who manage this agent's configuration and may request access for it." : "People who manage this service principal and may request access for it."}>
            <PeopleList people={p.owners} kind="Owner" principal={p} />
            <div className="mt-4 border-t border-slate-200 pt-4 dark:border-slate-800">
              <PersonPickerForm id="add-owner" label="Add an owner" submitLabel="Add owner" action={principalPersonAction.bind(null, "addOwner", p.id)} search={searchPeople} existing={p.owners.map((o) => o.id)} />
            </div>
          </Card>
          {p.type === "servicePrincipal" ? (
            <Card title="Application permissions" description="Tenant-wide permissions to Steward's Graph API, carried as roles in this service principal's tokens. Grant the least that works.">
              {grants.length === 0 ? (
                <p className="text-sm text-slate-600 dark:text-slate-400">No application permissions.</p>
              ) : (
                <ul className="divide-y divide-slate-200 dark:divide-slate-800" aria-label="Granted application permissions">
                  {grants.map((g) => (
                    <li key={g.permission} className="flex flex-wrap items-center gap-2 py-2 first:pt-0">
                      <code className="rounded bg-slate-100 px-1.5 py-0.5 text-sm dark:bg-slate-800">{g.permission}</code>
                      <span className="text-xs text-slate-600 dark:text-slate-400">
                        granted {formatUtc(g.grantedAt)}
                        {g.grantedByDisplayName ? ` by ${g.grantedByDisplayName}` : ""}
                      </span>
                      <div className="ml-auto">
                        <ConfirmActionForm action={revokeAppPermissionAction.bind(null, p.id)} fields={{ permission: g.permission }} label="Revoke" what={`${g.permission} from ${p.displayName}`} pendingLabel="Revoking…" />
                      </div>
                    </li>
                  ))}
                </ul>
              )}
              <div className="mt-4 border-t border-slate-200 pt-4 dark:border-slate-800">
                <GrantPermissionForm
                  action={grantAppPermissionAction.bind(null, p.id)}
                  permissions={APP_PERMISSIONS.map((perm) => ({ value: perm, label: perm, disabled: grants.some((g) => g.permission === perm) }))}
                />
              </div>
            </Card>
          ) : null}
          <Card title="Client secrets" description="Secrets the principal signs in with (OAuth2 client credentials). A new secret is shown once; only a hash is kept. A removed secret gets no new tokens; tokens already issued last up to an hour.">
            <div className="mb-4">
              <CredentialList credentials={p.credentials} principalName={p.displayName} remove={mayRemoveSecret ? removePrincipalSecretAction.bind(null, p.id) : undefined} now={new Date()} />
            </div>
            {mayCreateSecret ? <CreateSecretForm action={createPrincipalSecretAction} endpoints={clientEndpoints(publicOriginOfHeaders(await headers()))} principalId={p.id} agentName={p.displayName} credentialIds={p.credentials.map((c) => c.id)} /> : null}
          </Card>
        </div>
        <Card title="Details" className="self-start">
          <dl className="space-y-2">
            <Detail term="Client id">{p.appId ? <code className="text-xs break-all">{p.appId}</code> : "None yet"}</Detail>
            {p.blueprint ? (
              <Detail term="Blueprint">
                {p.blueprint.displayName} ({p.blueprint.publisher}, {p.blueprint.version})
              </Detail>
            ) : null}
            {p.application ? <Detail term="Application">{p.application.displayName}</Detail> : null}
            <Detail term="Last sign-in">{formatUtc(p.lastSignInAt, "Never")}</Detail>
            <Detail term="Created">{formatUtc(p.createdAt)}</Detail>
            {p.disabledByAdmin ? <Detail term="Disabled">By an administrator</Detail> : null}
            <Detail term="Activity">
              <Link href={`/admin/audit?targetId=${p.id}`} className="text-blue-700 underline dark:text-blue-300">
                Audit events
              </Link>
              {" · "}
              <Link href={`/admin/assignments?q=${encodeURIComponent(p.displayName)}`} className="text-blue-700 underline dark:text-blue-300">
                Assignments
              </Link>
            </Detail>
          </dl>
        </Card>
      </div>
    </>
  );
}
