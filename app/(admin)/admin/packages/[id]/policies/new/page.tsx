import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getCtx } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { ButtonLink } from "@/components/ui/button";
import { PolicyEditor } from "@/components/packages/policy-editor";
import { defaultPolicyDraft } from "@/components/packages/policy-draft";
import { searchSubjectsAction } from "../../../../catalogs/[id]/packages/new/actions";
import { loadPackageForPage } from "../../load";
import { savePolicyAction } from "../actions";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "New policy" };

export default async function NewPolicyPage({ params }: PageProps<"/admin/packages/[id]/policies/new">) {
  const { id } = await params;
  const ctx = await getCtx();
  const detail = await loadPackageForPage(ctx, id);
  if (detail === "notFound") notFound();
  if (detail === "forbidden") return <EmptyState title="You don't have access to this access package" action={<ButtonLink href="/admin/packages">Back to access packages</ButtonLink>} />;
  const pkg = detail.accessPackage;
  const back = (
    <Link href={`/admin/packages/${pkg.id}`} className="hover:underline">
      ← {pkg.displayName}
    </Link>
  );
  if (!(await can(ctx, "policies.write", { catalogId: pkg.catalogId }))) {
    return (
      <>
        <PageHeader eyebrow={back} title="New policy" />
        <EmptyState title="You can't add policies to this package" description="Catalog owners, access package managers and Identity Governance Administrators can." action={<ButtonLink href={`/admin/packages/${pkg.id}`}>Back to the package</ButtonLink>} />
      </>
    );
  }
  const initial = { ...defaultPolicyDraft(), displayName: `Policy ${detail.policies.length + 1}` };
  return (
    <>
      <PageHeader eyebrow={back} title="New policy" description={`Another way to get ${pkg.displayName}: who can request it under this policy, who approves, and for how long.`} />
      <PolicyEditor initial={initial} search={searchSubjectsAction.bind(null, pkg.catalogId)} save={savePolicyAction.bind(null, pkg.id, null)} saveLabel="Add policy" />
    </>
  );
}
