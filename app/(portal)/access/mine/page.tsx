import type { Metadata } from "next";
import { getCtx } from "@/lib/auth/session";
import { listHeldAssignments } from "@/lib/assignments/list-held-assignments";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { ButtonLink } from "@/components/ui/button";
import { Pager } from "@/components/pager";
import { AccessTabs } from "@/components/requests/access-tabs";
import { HeldAssignmentList } from "@/components/requests/held-assignments";
import { pageParam } from "@/components/ui/data-table-params";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "My access" };

export default async function MyAccessPage({ searchParams }: PageProps<"/access/mine">) {
  const sp = await searchParams;
  const ctx = await getCtx();
  const page = pageParam(sp.page);
  const held = await listHeldAssignments(ctx, { page, pageSize: 20 });
  const removed = typeof sp.removed === "string" ? sp.removed : null;
  return (
    <>
      <PageHeader
        title="My access"
        description="The access packages you hold now and when each ends. Extend one before it ends, or give up what you no longer need."
      />
      <AccessTabs current="/access/mine" />
      {removed !== null ? (
        <div role="status" className="mb-6 rounded-md border border-green-300 bg-green-50 px-4 py-3 text-sm text-green-900 dark:border-green-700 dark:bg-green-950 dark:text-green-100">
          Access removed{removed ? `: ${removed}` : ""}.
        </div>
      ) : null}
      {held.total === 0 ? (
        <EmptyState title="You hold no access packages" description="Access you request and get appears here with its end date." action={<ButtonLink href="/access">Request access</ButtonLink>} />
      ) : (
        <>
          <HeldAssignmentList rows={held.rows} holderName="you" label="Your access packages" />
          <Pager page={held.page} pageSize={held.pageSize} total={held.total} basePath="/access/mine" label="My access pages" />
        </>
      )}
    </>
  );
}
