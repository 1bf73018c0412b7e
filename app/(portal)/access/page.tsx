import type { Metadata } from "next";
import { getCtx } from "@/lib/auth/session";
import { listRequestable } from "@/lib/requests/list-requestable";
import { PageHeader } from "@/components/ui/page-header";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { ButtonLink } from "@/components/ui/button";
import { RequestAccessForm } from "@/components/requests/request-access-form";
import { submitRequestAction } from "./actions";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Request access" };

export default async function RequestAccessPage() {
  const ctx = await getCtx();
  const requestable = await listRequestable(ctx);
  const agents = requestable.targets.filter((t) => t.kind === "agent").length;
  return (
    <>
      <PageHeader
        title="Request access"
        description={
          agents > 0
            ? `Ask for an access package for yourself or for one of the ${agents} agent${agents === 1 ? "" : "s"} you sponsor or own.`
            : "Ask for an access package. Depending on its policy it is granted at once or after approval."
        }
        actions={
          <ButtonLink href="/access/requests" variant="secondary">
            My requests
          </ButtonLink>
        }
      />
      {requestable.packages.length === 0 ? (
        <EmptyState title="Nothing to request yet" description="No access package is open for requests. Administrators publish packages in the Admin center." />
      ) : (
        <Card className="max-w-2xl">
          <RequestAccessForm action={submitRequestAction} requestable={requestable} />
        </Card>
      )}
    </>
  );
}
