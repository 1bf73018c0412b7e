import type { Metadata } from "next";
import { getCtx } from "@/lib/auth/session";
import { isPrivilegedOrigin } from "@/lib/directory/list-resource-candidates";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Badge } from "@/components/ui/badge";
import { ConfirmActionForm } from "@/components/ui/confirm-action-form";
import { AddResourceForm } from "@/components/catalogs/add-resource-form";
import { ORIGIN_SYSTEM_LABELS } from "@/components/catalogs/origin-system";
import { PrivilegedBadge } from "@/components/catalogs/privileged-badge";
import { CatalogHeader, loadCatalogPage } from "@/components/catalogs/load-catalog-page";
import { addResourceAction, removeResourceAction, searchResourcesAction } from "../../actions";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Catalog resources" };

export default async function CatalogResourcesPage({ params }: PageProps<"/admin/catalogs/[id]/resources">) {
  const { id } = await params;
  const ctx = await getCtx();
  const loaded = await loadCatalogPage(ctx, id);
  if (!loaded.data) return loaded.blocked;
  const data = loaded.data;
  const { catalog, resources, permissions } = data;
  const usedBy = new Map<string, string[]>();
  for (const p of data.packages) for (const r of p.roles) usedBy.set(r.split(": ")[0], [...(usedBy.get(r.split(": ")[0]) ?? []), p.displayName]);

  return (
    <>
      <CatalogHeader data={data} />
      <div className="space-y-6">
        {permissions.addResources ? (
          <Card title="Add a resource" description="Search the directory; privileged resources (API permissions, directory roles) make the catalog privileged.">
            <AddResourceForm action={addResourceAction.bind(null, catalog.id)} search={searchResourcesAction.bind(null, catalog.id)} />
          </Card>
        ) : null}
        <Card title="Resources" description="Directory objects in this catalog and the roles each offers to access packages.">
          {resources.length === 0 ? (
            <EmptyState title="No resources yet" description={permissions.addResources ? "Add a group, application, API, directory role or site above." : "A catalog owner adds resources here."} />
          ) : (
            <ul className="divide-y divide-slate-200 dark:divide-slate-800" aria-label="Resources in this catalog">
              {resources.map((r) => {
                const users = [...new Set(usedBy.get(r.displayName) ?? [])];
                return (
                  <li key={r.id} className="flex flex-col gap-2 py-3 first:pt-0 last:pb-0 sm:flex-row sm:items-start">
                    <div className="min-w-0 flex-1">
                      <div className="flex flex-wrap items-center gap-2">
                        <h3 className="font-medium">{r.displayName}</h3>
                        <Badge tone="purple">{ORIGIN_SYSTEM_LABELS[r.originSystem]}</Badge>
                        {isPrivilegedOrigin(r.originSystem) ? <PrivilegedBadge /> : null}
                      </div>
                      {r.description ? <p className="mt-0.5 text-sm text-slate-600 dark:text-slate-400">{r.description}</p> : null}
                      {r.roles.length ? (
                        <ul className="mt-2 flex flex-wrap gap-1.5" aria-label={`Roles of ${r.displayName}`}>
                          {r.roles.map((role) => (
                            <li key={role.id} className="rounded-md border border-slate-200 px-2 py-0.5 text-xs dark:border-slate-700" title={role.description || undefined}>
                              {role.displayName}
                              <span className="ml-1 text-slate-600 dark:text-slate-400">
                                ({[role.assignableToUsers ? "people" : null, role.assignableToServicePrincipals ? "agents" : null].filter(Boolean).join(", ")})
                              </span>
                            </li>
                          ))}
                        </ul>
                      ) : (
                        <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">No roles.</p>
                      )}
                      {users.length ? <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">Used by {users.join(", ")}</p> : null}
                    </div>
                    {data.mayUpdate ? (
                      <ConfirmActionForm action={removeResourceAction.bind(null, catalog.id)} fields={{ resourceId: r.id }} label="Remove" what={`${r.displayName} from ${catalog.displayName}`} pendingLabel="Removing…" />
                    ) : null}
                  </li>
                );
              })}
            </ul>
          )}
        </Card>
      </div>
    </>
  );
}
