import type { Metadata } from "next";
import { catalogRole } from "@/db/schema";
import { getCtx } from "@/lib/auth/session";
import { CATALOG_ROLE_LABELS } from "@/lib/catalogs/catalog-roles";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PrincipalTypeBadge } from "@/components/principal-type-badge";
import { ConfirmActionForm } from "@/components/ui/confirm-action-form";
import { CatalogRoleForm } from "@/components/catalogs/catalog-role-form";
import { CatalogHeader, loadCatalogPage } from "@/components/catalogs/load-catalog-page";
import { searchPrincipalsAction } from "../../../directory/search-actions";
import { addCatalogRoleAction, removeCatalogRoleAction } from "../../actions";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Catalog roles" };

const DESCRIPTIONS: Record<(typeof catalogRole.enumValues)[number], string> = {
  owner: "Manage the catalog, its resources, access packages and roles.",
  reader: "See the catalog, its packages, requests and assignments.",
  accessPackageManager: "Create and change access packages and their policies.",
  accessPackageAssignmentManager: "Assign and remove access packages directly.",
};

export default async function CatalogRolesPage({ params }: PageProps<"/admin/catalogs/[id]/roles">) {
  const { id } = await params;
  const ctx = await getCtx();
  const loaded = await loadCatalogPage(ctx, id);
  if (!loaded.data) return loaded.blocked;
  const data = loaded.data;
  const { catalog, roles } = data;

  return (
    <>
      <CatalogHeader data={data} />
      <div className="grid gap-6 xl:grid-cols-[1fr_24rem]">
        <div className="min-w-0 space-y-6">
          {catalogRole.enumValues.map((role) => {
            const holders = roles.filter((r) => r.role === role);
            return (
              <Card key={role} title={CATALOG_ROLE_LABELS[role]} description={DESCRIPTIONS[role]}>
                {holders.length === 0 ? (
                  <p className="text-sm text-slate-600 dark:text-slate-400">Nobody holds this role.</p>
                ) : (
                  <ul className="divide-y divide-slate-200 dark:divide-slate-800" aria-label={`${CATALOG_ROLE_LABELS[role]}s`}>
                    {holders.map((h) => (
                      <li key={h.principalId} className="flex flex-wrap items-center gap-2 py-2 first:pt-0 last:pb-0">
                        <span className="font-medium">{h.displayName}</span>
                        {h.type !== "user" ? <PrincipalTypeBadge type={h.type} /> : null}
                        {h.mail ? <span className="text-xs text-slate-600 dark:text-slate-400">{h.mail}</span> : null}
                        {data.mayUpdate ? (
                          <div className="ml-auto">
                            <ConfirmActionForm
                              action={removeCatalogRoleAction.bind(null, catalog.id)}
                              fields={{ principalId: h.principalId, role }}
                              label="Remove"
                              what={`${h.displayName} as ${CATALOG_ROLE_LABELS[role].toLowerCase()}`}
                              pendingLabel="Removing…"
                            />
                          </div>
                        ) : null}
                      </li>
                    ))}
                  </ul>
                )}
              </Card>
            );
          })}
          {roles.length === 0 && !data.mayUpdate ? <EmptyState title="No catalog roles" description="Only Identity Governance Administrators manage this catalog." /> : null}
        </div>
        {data.mayUpdate ? (
          <Card title="Add a role" className="self-start">
            <CatalogRoleForm
              action={addCatalogRoleAction.bind(null, catalog.id)}
              search={searchPrincipalsAction.bind(null, ["user", "servicePrincipal"])}
              roles={catalogRole.enumValues.map((r) => ({ value: r, label: CATALOG_ROLE_LABELS[r] }))}
            />
          </Card>
        ) : null}
      </div>
    </>
  );
}
