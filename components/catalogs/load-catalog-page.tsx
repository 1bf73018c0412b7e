import Link from "next/link";
import { notFound } from "next/navigation";
import type { Ctx } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { getCatalog, type CatalogDetail } from "@/lib/catalogs/get-catalog";
import { listCatalogRoles, type CatalogRoleMember } from "@/lib/catalogs/catalog-roles";
import { isPrivilegedOrigin } from "@/lib/directory/list-resource-candidates";
import { isDomainError } from "@/lib/errors";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { Badge, StateBadge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { CatalogTabs } from "./catalog-tabs";
import { PrivilegedBadge } from "./privileged-badge";

export type CatalogPageData = CatalogDetail & { roles: CatalogRoleMember[]; mayUpdate: boolean; privileged: boolean };

/** Loads a catalog for one of its admin pages, or the page to show instead (not found → 404; no role → explanation). */
export async function loadCatalogPage(ctx: Ctx, id: string): Promise<{ data: CatalogPageData; blocked?: never } | { data?: never; blocked: React.ReactNode }> {
  try {
    const [detail, roles, mayUpdate] = await Promise.all([getCatalog(ctx, { catalogId: id }), listCatalogRoles(ctx, { catalogId: id }), can(ctx, "catalogs.update", { catalogId: id })]);
    return { data: { ...detail, roles, mayUpdate, privileged: detail.resources.some((r) => isPrivilegedOrigin(r.originSystem)) } };
  } catch (e) {
    if (isDomainError(e) && e.code === "notFound") notFound();
    if (isDomainError(e) && e.code === "forbidden") {
      return {
        blocked: (
          <EmptyState
            headingLevel={1}
            eyebrow="403 · Forbidden"
            title="You don't have access to this catalog"
            description="Only Identity Governance Administrators and people with a role in the catalog can see it."
            action={<ButtonLink href="/admin/catalogs">Back to catalogs</ButtonLink>}
          />
        ),
      };
    }
    throw e;
  }
}

/** The catalog's heading, badges, main action and section tabs, shared by its pages. */
export function CatalogHeader({ data }: { data: CatalogPageData }) {
  const { catalog, permissions } = data;
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
            {data.privileged ? <PrivilegedBadge what="catalog" /> : null}
            {permissions.writePackages ? (
              <ButtonLink href={`/admin/catalogs/${catalog.id}/packages/new`} variant="primary">
                New access package
              </ButtonLink>
            ) : null}
          </>
        }
      />
      <CatalogTabs catalogId={catalog.id} counts={{ resources: data.resources.length, roles: data.roles.length, packages: data.packages.length }} />
    </>
  );
}
