import type { Metadata } from "next";
import { getCtx } from "@/lib/auth/session";
import { listPackages, PACKAGE_SORTS } from "@/lib/packages/list-packages";
import { listCatalogs } from "@/lib/catalogs/list-catalogs";
import { visibleCatalogs } from "@/lib/catalogs/visible-catalogs";
import { isUuid } from "@/lib/packages/load";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { ButtonLink } from "@/components/ui/button";
import { FilterForm, FilterInput, FilterSelect } from "@/components/ui/filter-form";
import { parseTableQuery } from "@/components/ui/data-table-params";
import { PackagesTable } from "@/components/packages/packages-table";
import { FlashToast } from "@/components/packages/flash-toast";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Access packages" };

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
const yesNo = (v: string | undefined) => (v === "yes" ? true : v === "no" ? false : undefined);

export default async function PackagesPage({ searchParams }: PageProps<"/admin/packages">) {
  const sp = await searchParams;
  const ctx = await getCtx();
  const q = (one(sp.q) ?? "").trim().slice(0, 200);
  const catalogId = isUuid(one(sp.catalog)) ? one(sp.catalog) : undefined;
  const hidden = one(sp.hidden) === "yes" || one(sp.hidden) === "no" ? one(sp.hidden) : undefined;
  const agents = one(sp.agents) === "yes" || one(sp.agents) === "no" ? one(sp.agents) : undefined;
  const { page, pageSize, sort } = parseTableQuery(sp, { sortable: PACKAGE_SORTS, defaultSort: { id: "displayName", desc: false }, pageSize: 25 });
  const [list, catalogs, writable] = await Promise.all([
    listPackages(ctx, { q, page, pageSize, sort, catalogId, hidden: yesNo(hidden), forAgents: yesNo(agents) }),
    listCatalogs(ctx, { pageSize: 100 }),
    visibleCatalogs(ctx, "packages.write"),
  ]);
  const filtered = Boolean(q || catalogId || hidden || agents);
  const mayCreate = writable.all || writable.catalogIds.length > 0;

  return (
    <>
      <PageHeader
        title="Access packages"
        description="Every access package in the catalogs you manage."
        actions={
          mayCreate ? (
            <ButtonLink href="/admin/packages/new" variant="primary">
              New access package
            </ButtonLink>
          ) : null
        }
      />
      {one(sp.deleted) === "1" ? <FlashToast message="Access package deleted." param="deleted" /> : null}
      <div className="space-y-4">
        <FilterForm label="Filter access packages" clearHref="/admin/packages" active={filtered} sort={sort}>
          <FilterInput id="package-search" name="q" type="search" label="Search" value={q} placeholder="Name or description" />
          <FilterSelect id="package-catalog" name="catalog" label="Catalog" value={catalogId} anyLabel="Any catalog" options={catalogs.rows.map((c) => ({ value: c.id, label: c.displayName }))} />
          <FilterSelect
            id="package-hidden"
            name="hidden"
            label="Visibility"
            value={hidden}
            anyLabel="Hidden or not"
            options={[
              { value: "no", label: "Listed in My Access" },
              { value: "yes", label: "Hidden" },
            ]}
          />
          <FilterSelect
            id="package-agents"
            name="agents"
            label="Agents"
            value={agents}
            anyLabel="For anyone"
            options={[
              { value: "yes", label: "Has a policy for agents" },
              { value: "no", label: "No policy for agents" },
            ]}
          />
        </FilterForm>
        {list.total === 0 && !filtered ? (
          <EmptyState
            title="No access packages yet"
            description="Create a package from a catalog's resource roles."
            action={mayCreate ? <ButtonLink href="/admin/packages/new">New access package</ButtonLink> : <ButtonLink href="/admin/catalogs">Go to catalogs</ButtonLink>}
          />
        ) : (
          <PackagesTable rows={list.rows} total={list.total} page={list.page} pageSize={list.pageSize} sort={sort} emptyMessage={filtered ? "No access packages match these filters." : "No access packages yet."} />
        )}
      </div>
    </>
  );
}
