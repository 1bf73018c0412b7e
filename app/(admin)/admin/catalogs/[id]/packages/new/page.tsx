import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getCtx } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { getCatalog, type CatalogDetail } from "@/lib/catalogs/get-catalog";
import { isDomainError } from "@/lib/errors";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { ButtonLink } from "@/components/ui/button";
import { PackageWizard, type WizardResource } from "@/components/packages/package-wizard";
import { isPrivilegedOrigin } from "@/components/packages/privileged";
import { ORIGIN_SYSTEM_LABELS } from "@/components/catalogs/origin-system";
import { createPackageFromWizardAction, searchSubjectsAction } from "./actions";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "New access package" };

export default async function NewPackagePage({ params }: PageProps<"/admin/catalogs/[id]/packages/new">) {
  const { id } = await params;
  const ctx = await getCtx();
  let detail: CatalogDetail;
  try {
    detail = await getCatalog(ctx, { catalogId: id });
  } catch (e) {
    if (isDomainError(e) && e.code === "notFound") notFound();
    if (isDomainError(e) && e.code === "forbidden") {
      return <EmptyState title="You don't have access to this catalog" action={<ButtonLink href="/admin/catalogs">Back to catalogs</ButtonLink>} />;
    }
    throw e;
  }
  const { catalog } = detail;
  const mayWrite = detail.permissions.writePackages && (await can(ctx, "policies.write", { catalogId: catalog.id }));
  const back = (
    <Link href={`/admin/catalogs/${catalog.id}`} className="hover:underline">
      ← {catalog.displayName}
    </Link>
  );
  if (!mayWrite) {
    return (
      <>
        <PageHeader eyebrow={back} title="New access package" />
        <EmptyState
          title="You can't create access packages in this catalog"
          description="Catalog owners, access package managers and Identity Governance Administrators can."
          action={<ButtonLink href={`/admin/catalogs/${catalog.id}`}>Back to the catalog</ButtonLink>}
        />
      </>
    );
  }
  const resources: WizardResource[] = detail.resources
    .filter((r) => r.roles.length > 0)
    .map((r) => ({
      id: r.id,
      displayName: r.displayName,
      typeLabel: ORIGIN_SYSTEM_LABELS[r.originSystem],
      privileged: isPrivilegedOrigin(r.originSystem),
      roles: r.roles.map((role) => ({ id: role.id, displayName: role.displayName, description: role.description, forPeople: role.assignableToUsers, forAgents: role.assignableToServicePrincipals })),
    }));

  return (
    <>
      <PageHeader eyebrow={back} title="New access package" description={`In the catalog ${catalog.displayName}.`} />
      <PackageWizard
        catalog={{ id: catalog.id, displayName: catalog.displayName, privileged: resources.some((r) => r.privileged) }}
        resources={resources}
        search={searchSubjectsAction.bind(null, catalog.id)}
        create={createPackageFromWizardAction.bind(null, catalog.id)}
      />
    </>
  );
}
