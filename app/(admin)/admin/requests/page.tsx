import type { Metadata } from "next";
import { requestState, requestType } from "@/db/schema";
import { getCtx } from "@/lib/auth/session";
import { REQUEST_SORTS, listRequests, requestFiltersFrom } from "@/lib/requests/list-requests";
import { listPackageOptions } from "@/lib/packages/list-package-options";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { ButtonLink } from "@/components/ui/button";
import { FilterForm, FilterInput, FilterSelect } from "@/components/ui/filter-form";
import { parseTableQuery } from "@/components/ui/data-table-params";
import { RequestsTable } from "@/components/requests/requests-table";
import { REQUEST_TYPE_LABELS } from "@/components/requests/request-labels";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Requests" };

const STATE_LABELS: Record<(typeof requestState.enumValues)[number], string> = {
  submitted: "Submitted",
  pendingApproval: "Pending approval",
  scheduled: "Scheduled",
  delivering: "Delivering",
  delivered: "Delivered",
  partiallyDelivered: "Partially delivered",
  deliveryFailed: "Delivery failed",
  denied: "Denied",
  canceled: "Canceled",
};

export default async function RequestsPage({ searchParams }: PageProps<"/admin/requests">) {
  const sp = await searchParams;
  const ctx = await getCtx();
  const filters = requestFiltersFrom(sp);
  const { page, pageSize, sort } = parseTableQuery(sp, { sortable: REQUEST_SORTS, defaultSort: { id: "createdAt", desc: true }, pageSize: 25 });
  const [list, packages] = await Promise.all([listRequests(ctx, { ...filters, page, pageSize, sort }), listPackageOptions(ctx, "requests.readAll")]);
  const header = <PageHeader title="Requests" description="Access requests in the catalogs you govern: who asked for what, for whom, and where each one stands." />;

  if (!list.allowed) {
    return (
      <>
        {header}
        <EmptyState
          title="You can't view requests"
          description="Requests are shown to Identity Governance Administrators and to people with a role in a catalog, for that catalog's access packages."
          action={<ButtonLink href="/access/requests">Go to my requests</ButtonLink>}
        />
      </>
    );
  }
  const filtered = Object.values(filters).some(Boolean);
  return (
    <>
      {header}
      <div className="space-y-4">
        <FilterForm label="Filter requests" clearHref="/admin/requests" active={filtered} sort={sort}>
          <FilterSelect id="request-state" name="state" label="State" value={filters.state} anyLabel="Any state" options={requestState.enumValues.map((s) => ({ value: s, label: STATE_LABELS[s] }))} />
          <FilterSelect id="request-type" name="requestType" label="Type" value={filters.requestType} anyLabel="Any type" options={requestType.enumValues.map((t) => ({ value: t, label: REQUEST_TYPE_LABELS[t] }))} />
          <FilterSelect
            id="request-package"
            name="accessPackageId"
            label="Package"
            value={filters.accessPackageId}
            anyLabel="Any package"
            options={packages.map((p) => ({ value: p.id, label: `${p.displayName} (${p.catalogName})` }))}
          />
          <FilterInput id="request-requestor" name="requestor" type="search" label="Requestor" value={filters.requestor} placeholder="Name" />
          <FilterInput id="request-target" name="target" type="search" label="Target" value={filters.target} placeholder="Person, agent or service principal" />
          <FilterInput id="request-from" name="from" type="date" label="Submitted from (UTC)" value={filters.from} />
          <FilterInput id="request-to" name="to" type="date" label="Submitted to (UTC)" value={filters.to} />
          <FilterInput id="request-search" name="q" type="search" label="Search" value={filters.q} placeholder="Package, target or requestor" />
        </FilterForm>
        {list.total === 0 && !filtered ? (
          <EmptyState title="No requests yet" description="When people or agents request access packages in your catalogs, the requests appear here." />
        ) : (
          <RequestsTable
            rows={list.rows}
            total={list.total}
            page={list.page}
            pageSize={list.pageSize}
            sort={sort}
            emptyMessage={filtered ? "No requests match these filters." : "No requests yet."}
          />
        )}
      </div>
    </>
  );
}
