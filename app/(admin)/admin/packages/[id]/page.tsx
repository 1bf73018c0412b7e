import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getCtx } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { getCatalog } from "@/lib/catalogs/get-catalog";
import { subjectNames } from "@/lib/directory/search-policy-subjects";
import { PageHeader } from "@/components/ui/page-header";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Badge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { ORIGIN_SYSTEM_LABELS } from "@/components/catalogs/origin-system";
import { ActionButton } from "@/components/packages/action-button";
import { AddRoleForm, type RoleChoice } from "@/components/packages/add-role-form";
import { describePolicy } from "@/components/packages/describe-policy";
import { FlashToast } from "@/components/packages/flash-toast";
import { PackageBasicsForm } from "@/components/packages/package-basics-form";
import { policySubjectIds, policyToDraft } from "@/components/packages/policy-draft";
import { isPrivilegedOrigin } from "@/components/packages/privileged";
import { SearchAdd } from "@/components/packages/search-add";
import { loadPackageForPage } from "./load";
import {
  addIncompatibleGroupAction,
  addIncompatiblePackageAction,
  addRoleAction,
  deletePackageAction,
  deletePolicyAction,
  removeIncompatibleGroupAction,
  removeIncompatiblePackageAction,
  removeRoleAction,
  searchGroupsAction,
  searchPackagesAction,
  updateBasicsAction,
} from "./actions";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Access package" };

const FLASH: Record<string, string> = {
  created: "Access package created with its resource roles and policy.",
  added: "Policy added.",
  replaced: "Policy saved.",
};

const LINK = "text-blue-700 underline hover:no-underline dark:text-blue-300";

export default async function PackagePage({ params, searchParams }: PageProps<"/admin/packages/[id]">) {
  const [{ id }, sp] = await Promise.all([params, searchParams]);
  const ctx = await getCtx();
  const detail = await loadPackageForPage(ctx, id);
  if (detail === "notFound") notFound();
  if (detail === "forbidden") {
    return (
      <EmptyState
        title="You don't have access to this access package"
        description="Identity Governance Administrators and people with a role in its catalog can see it."
        action={<ButtonLink href="/admin/packages">Back to access packages</ButtonLink>}
      />
    );
  }
  const { accessPackage: pkg, catalog, resourceRoleScopes, policies, incompatibles } = detail;
  const [writePackages, writePolicies, catalogDetail] = await Promise.all([
    can(ctx, "packages.write", { catalogId: pkg.catalogId }),
    can(ctx, "policies.write", { catalogId: pkg.catalogId }),
    getCatalog(ctx, { catalogId: pkg.catalogId }),
  ]);
  const names = await subjectNames(ctx, policies.flatMap(policySubjectIds));
  const inPackage = new Set(resourceRoleScopes.map((s) => s.role.id));
  const roleChoices: RoleChoice[] = catalogDetail.resources
    .map((r) => ({ resource: r.displayName, privileged: isPrivilegedOrigin(r.originSystem), roles: r.roles.filter((role) => !inPackage.has(role.id)).map((role) => ({ id: role.id, displayName: role.displayName })) }))
    .filter((g) => g.roles.length > 0);
  const privileged = catalogDetail.resources.some((r) => isPrivilegedOrigin(r.originSystem));
  const flash = Object.keys(FLASH).find((k) => sp[k] === "1");

  return (
    <>
      <PageHeader
        eyebrow={
          <Link href="/admin/packages" className="hover:underline">
            ← Access packages
          </Link>
        }
        title={pkg.displayName}
        description={pkg.description || undefined}
        actions={
          <>
            {pkg.isHidden ? <Badge>Hidden</Badge> : null}
            <ButtonLink href={`/admin/assignments?accessPackageId=${pkg.id}`}>View assignments</ButtonLink>
            <ButtonLink href={`/admin/requests?accessPackageId=${pkg.id}`}>View requests</ButtonLink>
          </>
        }
      />
      {flash ? <FlashToast message={FLASH[flash]} param={flash} /> : null}

      <div className="space-y-6">
        <Card
          title="Overview"
          description={
            <>
              In the catalog{" "}
              <Link href={`/admin/catalogs/${catalog.id}`} className={LINK}>
                {catalog.displayName}
              </Link>
              {privileged ? (
                <Badge tone="red" className="ml-2" title="Holds API permissions or directory roles">
                  Privileged
                </Badge>
              ) : null}
            </>
          }
        >
          {writePackages ? (
            <PackageBasicsForm action={updateBasicsAction.bind(null, pkg.id)} initial={{ displayName: pkg.displayName, description: pkg.description, isHidden: pkg.isHidden }} />
          ) : (
            <dl className="grid gap-2 text-sm sm:grid-cols-3">
              <dt className="font-medium">Name</dt>
              <dd className="sm:col-span-2">{pkg.displayName}</dd>
              <dt className="font-medium">Description</dt>
              <dd className="sm:col-span-2">{pkg.description || "—"}</dd>
              <dt className="font-medium">Hidden</dt>
              <dd className="sm:col-span-2">{pkg.isHidden ? "Yes" : "No"}</dd>
            </dl>
          )}
        </Card>

        <Card title="Resource roles" description="What a person or agent gets with this package. Adding or removing a role changes the access of current assignees too.">
          {resourceRoleScopes.length === 0 ? (
            <EmptyState title="No resource roles" description="This package grants nothing until it has a role." className="mb-4" />
          ) : (
            <ul className="mb-4 divide-y divide-slate-200 dark:divide-slate-800" aria-label="Resource roles of this package">
              {resourceRoleScopes.map((s) => (
                <li key={s.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                  <span className="flex min-w-0 flex-wrap items-center gap-2 text-sm">
                    <span className="font-medium break-words">
                      {s.resource.displayName}: {s.role.displayName}
                    </span>
                    <Badge tone="purple">{ORIGIN_SYSTEM_LABELS[s.resource.originSystem]}</Badge>
                    {isPrivilegedOrigin(s.resource.originSystem) ? <Badge tone="red">Privileged</Badge> : null}
                  </span>
                  {writePackages ? (
                    <ActionButton
                      action={removeRoleAction.bind(null, pkg.id, s.id)}
                      label="Remove"
                      ariaLabel={`Remove ${s.resource.displayName}: ${s.role.displayName}`}
                      pendingLabel="Removing…"
                      confirm={{ prompt: `Remove ${s.role.displayName}? Current assignees lose it.`, confirmLabel: "Remove role" }}
                    />
                  ) : null}
                </li>
              ))}
            </ul>
          )}
          {writePackages ? <AddRoleForm action={addRoleAction.bind(null, pkg.id)} choices={roleChoices} /> : null}
        </Card>

        <Card
          title="Policies"
          description="Who can request the package, who approves, and for how long. Requestors pick a policy when several apply."
          actions={
            writePolicies ? (
              <ButtonLink href={`/admin/packages/${pkg.id}/policies/new`} size="sm">
                Add policy
              </ButtonLink>
            ) : null
          }
        >
          {policies.length === 0 ? (
            <EmptyState title="No policies" description="Nobody can request this package until it has a policy." />
          ) : (
            <ul className="space-y-4">
              {policies.map((p) => {
                const rows = describePolicy(policyToDraft(p, names));
                return (
                  <li key={p.id} className="rounded-md border border-slate-200 dark:border-slate-700">
                    <div className="flex flex-wrap items-center justify-between gap-2 border-b border-slate-200 px-4 py-2 dark:border-slate-700">
                      <h3 className="font-semibold break-words">{p.displayName}</h3>
                      {writePolicies ? (
                        <div className="flex flex-wrap items-center gap-2">
                          <ButtonLink href={`/admin/packages/${pkg.id}/policies/${p.id}`} size="sm" aria-label={`Edit ${p.displayName}`}>
                            Edit
                          </ButtonLink>
                          <ActionButton
                            action={deletePolicyAction.bind(null, pkg.id, p.id)}
                            label="Delete"
                            ariaLabel={`Delete ${p.displayName}`}
                            pendingLabel="Deleting…"
                            variant="ghost"
                            confirm={{ prompt: `Delete the policy “${p.displayName}”?`, confirmLabel: "Delete policy" }}
                          />
                        </div>
                      ) : null}
                    </div>
                    <dl className="divide-y divide-slate-200 text-sm dark:divide-slate-800">
                      {[...rows.requests.slice(1), ...rows.approval, ...rows.lifecycle, ...rows.questions].map(([k, v], i) => (
                        <div key={`${k}-${i}`} className="grid gap-1 px-4 py-1.5 sm:grid-cols-3">
                          <dt className="font-medium text-slate-700 dark:text-slate-300">{k}</dt>
                          <dd className="break-words sm:col-span-2">{v}</dd>
                        </div>
                      ))}
                    </dl>
                  </li>
                );
              })}
            </ul>
          )}
        </Card>

        <Card title="Separation of duties" description="Someone who holds an incompatible package, or is a member of an incompatible group, cannot get this package (checked at request and again at approval).">
          <div className="grid gap-6 md:grid-cols-2">
            <section aria-labelledby="incompatible-packages-heading" className="min-w-0 space-y-3">
              <h3 id="incompatible-packages-heading" className="text-sm font-semibold">
                Incompatible access packages
              </h3>
              {incompatibles.accessPackages.length === 0 ? (
                <p className="text-sm text-slate-600 dark:text-slate-400">None.</p>
              ) : (
                <ul className="divide-y divide-slate-200 dark:divide-slate-800" aria-label="Incompatible access packages">
                  {incompatibles.accessPackages.map((p) => (
                    <li key={p.id} className="flex flex-wrap items-center justify-between gap-2 py-1.5">
                      <Link href={`/admin/packages/${p.id}`} className={`${LINK} min-w-0 text-sm break-words`}>
                        {p.displayName}
                      </Link>
                      {writePackages ? <ActionButton action={removeIncompatiblePackageAction.bind(null, pkg.id, p.id)} label="Remove" ariaLabel={`Remove ${p.displayName} from incompatible packages`} pendingLabel="Removing…" variant="ghost" /> : null}
                    </li>
                  ))}
                </ul>
              )}
              {writePackages ? (
                <SearchAdd
                  id="add-incompatible-package"
                  label="Add an incompatible access package"
                  search={searchPackagesAction.bind(null, pkg.id)}
                  add={addIncompatiblePackageAction.bind(null, pkg.id)}
                  exclude={incompatibles.accessPackages.map((p) => p.id)}
                />
              ) : null}
            </section>
            <section aria-labelledby="incompatible-groups-heading" className="min-w-0 space-y-3">
              <h3 id="incompatible-groups-heading" className="text-sm font-semibold">
                Incompatible groups
              </h3>
              {incompatibles.groups.length === 0 ? (
                <p className="text-sm text-slate-600 dark:text-slate-400">None.</p>
              ) : (
                <ul className="divide-y divide-slate-200 dark:divide-slate-800" aria-label="Incompatible groups">
                  {incompatibles.groups.map((g) => (
                    <li key={g.id} className="flex flex-wrap items-center justify-between gap-2 py-1.5">
                      <span className="min-w-0 text-sm break-words">{g.displayName}</span>
                      {writePackages ? <ActionButton action={removeIncompatibleGroupAction.bind(null, pkg.id, g.id)} label="Remove" ariaLabel={`Remove ${g.displayName} from incompatible groups`} pendingLabel="Removing…" variant="ghost" /> : null}
                    </li>
                  ))}
                </ul>
              )}
              {writePackages && writePolicies ? (
                <SearchAdd id="add-incompatible-group" label="Add an incompatible group" search={searchGroupsAction.bind(null, pkg.catalogId)} add={addIncompatibleGroupAction.bind(null, pkg.id)} exclude={incompatibles.groups.map((g) => g.id)} />
              ) : null}
            </section>
          </div>
        </Card>

        {writePackages ? (
          <Card title="Delete this package" description="Only a package nobody holds or has requested can be deleted; otherwise hide it.">
            <ActionButton action={deletePackageAction.bind(null, pkg.id)} label="Delete package" pendingLabel="Deleting…" variant="danger" confirm={{ prompt: `Delete “${pkg.displayName}” and its policies?`, confirmLabel: "Delete for good" }} />
          </Card>
        ) : null}
      </div>
    </>
  );
}
