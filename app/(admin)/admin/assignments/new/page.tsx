import type { Metadata } from "next";
import Link from "next/link";
import { getCtx } from "@/lib/auth/session";
import { listDirectAssignOptions } from "@/lib/assignments/direct-assign";
import { PageHeader } from "@/components/ui/page-header";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { ButtonLink } from "@/components/ui/button";
import { DirectAssignForm } from "@/components/assignments/direct-assign-form";
import { searchPrincipalsAction } from "../../directory/search-actions";
import { directAssignAction } from "../actions";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Assign access" };

export default async function DirectAssignPage({ searchParams }: PageProps<"/admin/assignments/new">) {
  const sp = await searchParams;
  const ctx = await getCtx();
  const packages = await listDirectAssignOptions(ctx);
  const header = (
    <PageHeader
      eyebrow={
        <Link href="/admin/assignments" className="hover:underline">
          ← Assignments
        </Link>
      }
      title="Assign access"
      description="Give people, agents or service principals an access package directly (an administrator's request: no approval). The policy still decides who may hold it and for how long."
    />
  );
  if (packages.length === 0) {
    return (
      <>
        {header}
        <EmptyState
          title="No packages you can assign"
          description="Direct assignment is for Identity Governance Administrators and for catalog owners, access package managers and assignment managers."
          action={<ButtonLink href="/admin/assignments">Back to assignments</ButtonLink>}
        />
      </>
    );
  }
  return (
    <>
      {header}
      <Card>
        <DirectAssignForm
          action={directAssignAction}
          search={searchPrincipalsAction.bind(null, ["user", "agentIdentity", "servicePrincipal"])}
          packages={packages}
          initialPackageId={typeof sp.accessPackageId === "string" ? sp.accessPackageId : undefined}
        />
      </Card>
    </>
  );
}
