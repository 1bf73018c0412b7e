import type { Metadata } from "next";
import { getCtx } from "@/lib/auth/session";
import { listMyRequests } from "@/lib/requests/list-my-requests";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { ButtonLink } from "@/components/ui/button";
import { parseTableQuery } from "@/components/ui/data-table-params";
import { MyRequestsTable } from "@/components/requests/my-requests-table";
import { AccessTabs } from "@/components/requests/access-tabs";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "My requests" };

export default async function MyRequestsPage({ searchParams }: PageProps<"/access/requests">) {
  const sp = await searchParams;
  const ctx = await getCtx();
  const { page, pageSize } = parseTableQuery(sp, { pageSize: 20 });
  const list = await listMyRequests(ctx, { page, pageSize });
  const canceledId = typeof sp.canceled === "string" ? sp.canceled : null;
  const canceled = canceledId ? list.rows.find((r) => r.id === canceledId) : undefined;
  return (
    <>
      <PageHeader
        title="My requests"
        description="Requests you made, for yourself or for your agents, and requests made for you. Pending ones can be canceled."
        actions={
          <ButtonLink href="/access" variant="primary">
            Request access
          </ButtonLink>
        }
      />
      <AccessTabs current="/access/requests" />
      {canceledId ? (
        <div role="status" className="mb-6 rounded-md border border-green-300 bg-green-50 px-4 py-3 text-sm text-green-900 dark:border-green-700 dark:bg-green-950 dark:text-green-100">
          Request canceled{canceled ? `: ${canceled.packageName} for ${canceled.forMe ? "you" : canceled.targetName}` : ""}.
        </div>
      ) : null}
      {list.total === 0 ? (
        <EmptyState title="No requests yet" description="When you request an access package it shows up here with its state." action={<ButtonLink href="/access">Request access</ButtonLink>} />
      ) : (
        <MyRequestsTable rows={list.rows} total={list.total} page={list.page} pageSize={list.pageSize} />
      )}
    </>
  );
}
