import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getCtx } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { subjectNames } from "@/lib/directory/search-policy-subjects";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { ButtonLink } from "@/components/ui/button";
import { PolicyEditor } from "@/components/packages/policy-editor";
import { policySubjectIds, policyToDraft } from "@/components/packages/policy-draft";
import { searchSubjectsAction } from "../../../../catalogs/[id]/packages/new/actions";
import { loadPackageForPage } from "../../load";
import { savePolicyAction } from "../actions";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Edit policy" };

export default async function EditPolicyPage({ params }: PageProps<"/admin/packages/[id]/policies/[policyId]">) {
  const { id, policyId } = await params;
  const ctx = await getCtx();
  const detail = await loadPackageForPage(ctx, id);
  if (detail === "notFound") notFound();
  if (detail === "forbidden") return <EmptyState title="You don't have access to this access package" action={<ButtonLink href="/admin/packages">Back to access packages</ButtonLink>} />;
  const pkg = detail.accessPackage;
  const policy = detail.policies.find((p) => p.id === policyId);
  if (!policy) notFound();
  const back = (
    <Link href={`/admin/packages/${pkg.id}`} className="hover:underline">
      ← {pkg.displayName}
    </Link>
  );
  if (!(await can(ctx, "policies.write", { catalogId: pkg.catalogId }))) {
    return (
      <>
        <PageHeader eyebrow={back} title={`Edit ${policy.displayName}`} />
        <EmptyState title="You can't change this package's policies" description="Catalog owners, access package managers and Identity Governance Administrators can." action={<ButtonLink href={`/admin/packages/${pkg.id}`}>Back to the package</ButtonLink>} />
      </>
    );
  }
  const names = await subjectNames(ctx, policySubjectIds(policy));
  return (
    <>
      <PageHeader
        eyebrow={back}
        title={`Edit policy: ${policy.displayName}`}
        description="Saving replaces the policy's settings. Existing assignments keep their dates; while requests are open under this policy, its approval and expiration cannot change."
      />
      <PolicyEditor initial={policyToDraft(policy, names)} search={searchSubjectsAction.bind(null, pkg.catalogId)} save={savePolicyAction.bind(null, pkg.id, policy.id)} saveLabel="Save policy" editing />
    </>
  );
}
