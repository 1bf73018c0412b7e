import type { Metadata } from "next";
import Link from "next/link";
import { getCtx } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { CATALOG_SORTS, listCatalogs } from "@/lib/catalogs/list-catalogs";
import { PageHeader } from "@/components/ui/page-header";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { parseTableQuery } from "@/components/ui/data-table-params";
import { CatalogsTable } from "@/components/catalogs/catalogs-table";
import { CatalogForm } from "@/components/catalogs/catalog-form";
import { createCatalogAction } from "./actions";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Catalogs" };

export default async function CatalogsPage({ searchParams }: PageProps<"/admin/catalogs">) {
  const sp = await searchParams;
  const ctx = await getCtx();
  const q = typeof sp.q === "string" ? sp.q.slice(0, 200) : "";
  const { page, pageSize, sort } = parseTableQuery(sp, { pageSize: 20, sortable: CATALOG_SORTS, defaultSort: { id: "displayName", desc: false } });
  const [list, mayCreate] = await Promise.all([listCatalogs(ctx, { q, page, pageSize, sort }), can(ctx, "catalogs.create")]);

  return (
    <>
      <PageHeader
        title="Catalogs"
        description="Catalogs hold resources (groups, applications, API permissions, directory roles, sites) and the access packages built from them."
      />
      <div className="grid gap-6 xl:grid-cols-[1fr_20rem]">
        <div className="min-w-0 space-y-4">
          <form role="search" aria-label="Search catalogs" method="get" className="flex flex-wrap items-end gap-2">
            <div className="min-w-0 flex-1 basis-56">
              <label htmlFor="catalog-search" className="mb-1 block text-sm font-medium">
                Search catalogs
              </label>
              <Input id="catalog-search" type="search" name="q" defaultValue={q} placeholder="Name or description" />
            </div>
            {sort ? (
              <>
                <input type="hidden" name="sort" value={sort.id} />
                <input type="hidden" name="dir" value={sort.desc ? "desc" : "asc"} />
              </>
            ) : null}
            <Button type="submit" variant="secondary">
              Search
            </Button>
            {q ? (
              <Link href="/admin/catalogs" className="px-2 py-2 text-sm text-blue-700 hover:underline dark:text-blue-300">
                Clear
              </Link>
            ) : null}
          </form>
          {list.total === 0 && !q ? (
            <EmptyState
              title="No catalogs yet"
              description={
                mayCreate
                  ? "Create a catalog, add resources to it, then build access packages people and agents can request."
                  : "You don't have a role in any catalog. An Identity Governance Administrator can make you a catalog owner or reader."
              }
            />
          ) : (
            <CatalogsTable rows={list.rows} total={list.total} page={list.page} pageSize={list.pageSize} sort={sort} emptyMessage={q ? `No catalogs match "${q}".` : "No catalogs yet."} />
          )}
        </div>
        {mayCreate ? (
          <div id="new-catalog" className="self-start">
            <Card title="New catalog">
              <CatalogForm action={createCatalogAction} idPrefix="catalog" submitLabel="Create catalog" pendingLabel="Creating…" />
            </Card>
          </div>
        ) : null}
      </div>
    </>
  );
}
