import type { Metadata } from "next";
import Link from "next/link";
import { getCtx } from "@/lib/auth/session";
import { listPackages } from "@/lib/packages/list-packages";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/field";
import { Button, ButtonLink } from "@/components/ui/button";
import { parseTableQuery } from "@/components/ui/data-table-params";
import { PackagesTable } from "@/components/packages/packages-table";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Access packages" };

export default async function PackagesPage({ searchParams }: PageProps<"/admin/packages">) {
  const sp = await searchParams;
  const ctx = await getCtx();
  const q = typeof sp.q === "string" ? sp.q.slice(0, 200) : "";
  const { page, pageSize } = parseTableQuery(sp, { pageSize: 25 });
  const list = await listPackages(ctx, { q, page, pageSize });
  return (
    <>
      <PageHeader title="Access packages" description="Every access package in the catalogs you manage. Create a package from its catalog's page." />
      <div className="space-y-4">
        <form role="search" method="get" className="flex flex-wrap items-end gap-2">
          <div className="min-w-0 flex-1 basis-56">
            <label htmlFor="package-search" className="mb-1 block text-sm font-medium">
              Search access packages
            </label>
            <Input id="package-search" type="search" name="q" defaultValue={q} placeholder="Name or description" />
          </div>
          <Button type="submit" variant="secondary">
            Search
          </Button>
          {q ? (
            <Link href="/admin/packages" className="px-2 py-2 text-sm text-blue-700 hover:underline dark:text-blue-300">
              Clear
            </Link>
          ) : null}
        </form>
        {list.total === 0 && !q && page === 1 ? (
          <EmptyState title="No access packages yet" description="Open a catalog and create a package from its resource roles." action={<ButtonLink href="/admin/catalogs">Go to catalogs</ButtonLink>} />
        ) : (
          <PackagesTable rows={list.rows} total={list.total} page={list.page} pageSize={list.pageSize} emptyMessage={q ? `No access packages match "${q}".` : "No access packages on this page."} />
        )}
      </div>
    </>
  );
}
