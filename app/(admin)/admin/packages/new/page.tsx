import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getCtx } from "@/lib/auth/session";
import { listCatalogs } from "@/lib/catalogs/list-catalogs";
import { visibleCatalogs } from "@/lib/catalogs/visible-catalogs";
import { isUuid } from "@/lib/packages/load";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { Card } from "@/components/ui/card";
import { Button, ButtonLink } from "@/components/ui/button";
import { SelectField } from "@/components/ui/field";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "New access package" };

/** The first question of "New access package" from the package list: in which catalog. Then the catalog's wizard. */
export default async function ChooseCatalogPage({ searchParams }: PageProps<"/admin/packages/new">) {
  const sp = await searchParams;
  const ctx = await getCtx();
  const [writable, catalogs] = await Promise.all([visibleCatalogs(ctx, "packages.write"), listCatalogs(ctx, { pageSize: 100 })]);
  const choices = catalogs.rows.filter((c) => writable.all || writable.catalogIds.includes(c.id));
  const chosen = typeof sp.catalog === "string" ? sp.catalog : undefined;
  if (chosen && isUuid(chosen) && choices.some((c) => c.id === chosen)) redirect(`/admin/catalogs/${chosen}/packages/new`);
  const back = (
    <Link href="/admin/packages" className="hover:underline">
      ← Access packages
    </Link>
  );
  if (choices.length === 0) {
    return (
      <>
        <PageHeader eyebrow={back} title="New access package" />
        <EmptyState title="You can't create access packages" description="Catalog owners, access package managers and Identity Governance Administrators can, in their catalogs." action={<ButtonLink href="/admin/packages">Back to access packages</ButtonLink>} />
      </>
    );
  }
  return (
    <>
      <PageHeader eyebrow={back} title="New access package" description="A package lives in a catalog and hands out roles of that catalog's resources." />
      <Card className="max-w-xl">
        <form method="get" className="space-y-4">
          <SelectField
            label="Catalog"
            name="catalog"
            required
            placeholder="Choose a catalog…"
            defaultValue={chosen && choices.some((c) => c.id === chosen) ? chosen : ""}
            errors={chosen !== undefined ? ["Choose one of the catalogs you manage."] : undefined}
            options={choices.map((c) => ({ value: c.id, label: `${c.displayName} (${c.resourceCount} ${c.resourceCount === 1 ? "resource" : "resources"})` }))}
          />
          <Button type="submit">Continue</Button>
        </form>
      </Card>
    </>
  );
}
