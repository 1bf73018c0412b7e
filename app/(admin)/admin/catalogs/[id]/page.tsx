import type { Metadata } from "next";
import { getCtx } from "@/lib/auth/session";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Badge } from "@/components/ui/badge";
import { formatUtc } from "@/components/format";
import { CatalogForm } from "@/components/catalogs/catalog-form";
import { CatalogHeader, loadCatalogPage } from "@/components/catalogs/load-catalog-page";
import { updateCatalogAction } from "../actions";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Catalog" };

export default async function CatalogPage({ params, searchParams }: PageProps<"/admin/catalogs/[id]">) {
  const [{ id }, sp] = await Promise.all([params, searchParams]);
  const ctx = await getCtx();
  const loaded = await loadCatalogPage(ctx, id);
  if (!loaded.data) return loaded.blocked;
  const data = loaded.data;
  const { catalog, packages, resources } = data;
  const createdId = typeof sp.created === "string" ? sp.created : null;
  const created = createdId ? packages.find((p) => p.id === createdId) : undefined;

  return (
    <>
      <CatalogHeader data={data} />
      {created ? (
        <div role="status" className="mb-6 rounded-md border border-green-300 bg-green-50 px-4 py-3 text-sm text-green-900 dark:border-green-700 dark:bg-green-950 dark:text-green-100">
          Access package &ldquo;{created.displayName}&rdquo; created with its policy.
        </div>
      ) : null}
      <div className="grid gap-6 xl:grid-cols-[1fr_22rem]">
        <Card title="Access packages" description="Bundles of resource roles that people and agents request." className="min-w-0">
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
                  <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">{p.roles.length ? p.roles.join(" · ") : "No resource roles"}</p>
                  <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">
                    {p.policyCount} {p.policyCount === 1 ? "policy" : "policies"} ·{" "}
                    <a href={`/admin/assignments?accessPackageId=${p.id}`} className="text-blue-700 underline dark:text-blue-300">
                      {p.activeAssignmentCount} active {p.activeAssignmentCount === 1 ? "assignment" : "assignments"}
                      <span className="sr-only"> of {p.displayName}</span>
                    </a>
                  </p>
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card title={data.mayUpdate ? "Edit catalog" : "Details"} className="self-start">
          {data.mayUpdate ? (
            <CatalogForm
              action={updateCatalogAction.bind(null, catalog.id)}
              idPrefix="edit-catalog"
              initial={{ displayName: catalog.displayName, description: catalog.description, state: catalog.state, isExternallyVisible: catalog.isExternallyVisible }}
              submitLabel="Save changes"
              pendingLabel="Saving…"
            />
          ) : (
            <dl className="space-y-2 text-sm">
              <div>
                <dt className="text-slate-600 dark:text-slate-400">State</dt>
                <dd>{catalog.state === "published" ? "Published" : "Unpublished"}</dd>
              </div>
              <div>
                <dt className="text-slate-600 dark:text-slate-400">External users</dt>
                <dd>{catalog.isExternallyVisible ? "Can see and request" : "Not visible"}</dd>
              </div>
            </dl>
          )}
          <p className="mt-4 text-xs text-slate-600 dark:text-slate-400">
            Created {formatUtc(catalog.createdAt)} · changed {formatUtc(catalog.modifiedAt)}
          </p>
        </Card>
      </div>
    </>
  );
}
