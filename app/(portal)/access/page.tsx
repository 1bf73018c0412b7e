import type { Metadata } from "next";
import { getCtx } from "@/lib/auth/session";
import { listRequestable } from "@/lib/requests/list-requestable";
import { listRequestOptions } from "@/lib/requests/list-request-options";
import { PageHeader } from "@/components/ui/page-header";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { RequestAccessForm } from "@/components/requests/request-access-form";
import { AccessTabs } from "@/components/requests/access-tabs";
import { requestOptionsAction, submitRequestAction } from "./actions";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Request access" };

/** "yourself or one of the 3 agents you sponsor or own"; "yourself, the agent you sponsor or own, or the service principal you own". */
function forWhom(agents: number, servicePrincipals: number): string {
  const which = (n: number, one: string) => (n === 1 ? `the ${one}` : `one of the ${n} ${one}s`);
  const parts = ["yourself", agents ? `${which(agents, "agent")} you sponsor or own` : null, servicePrincipals ? `${which(servicePrincipals, "service principal")} you own` : null].filter(Boolean);
  return parts.length > 2 ? `${parts.slice(0, -1).join(", ")}, or ${parts[parts.length - 1]}` : parts.join(" or ");
}

export default async function RequestAccessPage({ searchParams }: PageProps<"/access">) {
  const sp = await searchParams;
  const ctx = await getCtx();
  const requestable = await listRequestable(ctx);
  const agents = requestable.targets.filter((t) => t.kind !== "self");
  // `?for=<agent id>&package=<id>` (from an agent's page) preselects; anything not offered falls back to "Me".
  const wantedTarget = typeof sp.for === "string" && agents.some((a) => a.id === sp.for) ? sp.for : "";
  const wantedPackage = typeof sp.package === "string" && requestable.packages.some((p) => p.id === sp.package) ? sp.package : "";
  const initialOptions = requestable.packages.length
    ? await listRequestOptions(ctx, { targetId: wantedTarget || undefined, accessPackageIds: requestable.packages.map((p) => p.id) })
    : [];
  return (
    <>
      <PageHeader
        title="Request access"
        description={
          agents.length > 0
            ? `Ask for an access package for ${forWhom(agents.filter((t) => t.kind === "agent").length, agents.filter((t) => t.kind === "servicePrincipal").length)}.`
            : "Ask for an access package. Depending on its policy it is granted at once or after approval."
        }
      />
      <AccessTabs current="/access" />
      {requestable.packages.length === 0 ? (
        <EmptyState title="Nothing to request yet" description="No access package is open for requests. Administrators publish packages in the Admin center." />
      ) : (
        <Card className="max-w-2xl">
          <RequestAccessForm
            action={submitRequestAction}
            loadOptions={requestOptionsAction}
            requestable={requestable}
            initialOptions={initialOptions}
            initialTargetId={wantedTarget}
            initialPackageId={wantedPackage}
          />
        </Card>
      )}
    </>
  );
}
