import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getCtx } from "@/lib/auth/session";
import { getCatalog, type CatalogDetail } from "@/lib/catalogs/get-catalog";
import { listResourceCandidates } from "@/lib/directory/list-resource-candidates";
import { isDomainError } from "@/lib/errors";
import { PageHeader } from "@/components/ui/page-header";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Badge, StateBadge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { AddResourceForm } from "@/components/catalogs/add-resource-form";
import { ORIGIN_SYSTEM_LABELS } from "@/components/catalogs/origin-system";
import { addResourceAction } from "../actions";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Catalog" };

export default async function CatalogPage({ params, searchParams }: PageProps<"/admin/catalogs/[id]">) {
  const [{ id }, sp] = await Promise.all([params, searchParams]);
  const ctx = await getCtx();
  let detail: CatalogDetail;
  try {
    detail = await getCatalog(ctx, { catalogId: id });
  } catch (e) {
    if (isDomainError(e) && e.code === "notFound") notFound();
    if (isDomainError(e) && e.code === "forbidden") {
      return (
        <EmptyState
          title="You don't have access to this catalog"
          description="Only Identity Governance Administrators and people with a role in the catalog can see it."
          action={<ButtonLink href="/admin/catalogs">Back to catalogs</ButtonLink>}
        />
      );
    }
    throw e;
  }
  const { catalog, resources, packages, permissions } = detail;
  const candidates = permissions.addResources ? await listResourceCandidates(ctx, { catalogId: catalog.id }) : [];
  const createdId = typeof sp.created === "string" ? sp.created : null;
  const created = createdId ? packages.find((p) => p.id === createdId) : undefined;

  return (
    <>
      <PageHeader
        eyebrow={
          <Link href="/admin/catalogs" className="hover:underline">
            ← Catalogs
          </Link>
        }
        title={catalog.displayName}
        description={catalog.description || undefined}
        actions={
          <>
            <StateBadge state={catalog.state} />
            {catalog.isExternallyVisible ? <Badge tone="blue">External users</Badge> : null}
            {permissions.writePackages ? (
              <ButtonLink href={`/admin/catalogs/${catalog.id}/packages/new`} variant="primary">
                New access package
              </ButtonLink>
            ) : null}
          </>
        }
      />

      {created ? (
        <div role="status" className="mb-6 rounded-md border border-green-300 bg-green-50 px-4 py-3 text-sm text-green-900 dark:border-green-700 dark:bg-green-950 dark:text-green-100">
          Access package &ldquo;{created.displayName}&rdquo; created with its policy.
        </div>
      ) : null}

      <div className="space-y-6">
        <Card title="Resources" description="Directory objects in this catalog and the roles each offers to access packages.">
          {permissions.addResources ? (
            <div className="mb-4 border-b border-slate-200 pb-4 dark:border-slate-800">
              <AddResourceForm action={addResourceAction.bind(null, catalog.id)} groups={candidates} />
            </div>
          ) : null}
          {resources.length === 0 ? (
            <EmptyState
              title="No resources yet"
              description={permissions.addResources ? "Add a group, application, API, directory role or site above." : "A catalog owner adds resources here."}
            />
          ) : (
            <ul className="divide-y divide-slate-200 dark:divide-slate-800">
              {resources.map((r) => (
                <li key={r.id} className="py-3 first:pt-0 last:pb-0">
                  <div className="flex flex-wrap items-center gap-2">
                    <h3 className="font-medium">{r.displayName}</h3>
                    <Badge tone="purple">{ORIGIN_SYSTEM_LABELS[r.originSystem]}</Badge>
                  </div>
                  {r.description ? <p className="mt-0.5 text-sm text-slate-600 dark:text-slate-400">{r.description}</p> : null}
                  {r.roles.length ? (
                    <ul className="mt-2 flex flex-wrap gap-1.5" aria-label={`Roles of ${r.displayName}`}>
                      {r.roles.map((role) => (
                        <li key={role.id} className="rounded-md border border-slate-200 px-2 py-0.5 text-xs dark:border-slate-700" title={role.description || undefined}>
                          {role.displayName}
                          <span className="ml-1 text-slate-500 dark:text-slate-400">
                            ({[role.assignableToUsers ? "people" : null, role.assignableToServicePrincipals ? "agents" : null].filter(Boolean).join(", ")})
                          </span>
                        </li>
                      ))}
                    </ul>
                  ) : (
                    <p className="mt-1 text-xs text-slate-500">No roles.</p>
                  )}
                </li>
              ))}
            </ul>
          )}
        </Card>

        <Card
          title="Access packages"
          description="Bundles of resource roles that people and agents request."
        >
          {packages.length === 0 ? (
            <EmptyState title="No access packages yet" description={resources.length ? "Create one from this catalog's resource roles." : "Add resources first, then build a package from their roles."} />
          ) : (
            <ul className="divide-y divide-slate-200 dark:divide-slate-800">
              {packages.map((p) => (
                <li key={p.id} className={p.id === createdId ? "my-1 rounded-md bg-green-50 px-3 py-2 dark:bg-green-950" : "py-3 first:pt-0 last:pb-0"}>
                  <div className="flex flex-wrap items-center gap-2">
                    <h3 className="font-medium">{p.displayName}</h3>
                    {p.isHidden ? <Badge>Hidden</Badge> : null}
                    {p.policyCount === 0 ? <Badge tone="amber">No policy</Badge> : null}
                  </div>
                  {p.description ? <p className="mt-0.5 text-sm text-slate-600 dark:text-slate-400">{p.description}</p> : null}
                  <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">
                    {p.roles.length ? p.roles.join(" · ") : "No resource roles"}
                  </p>
                  <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">
                    {p.policyCount} {p.policyCount === 1 ? "policy" : "policies"} · {p.activeAssignmentCount} active {p.activeAssignmentCount === 1 ? "assignment" : "assignments"}
                  </p>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </>
  );
}
