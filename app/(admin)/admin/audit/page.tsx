import type { Metadata } from "next";
import Link from "next/link";
import { getCtx } from "@/lib/auth/session";
import { auditFiltersFrom, listAuditEvents } from "@/lib/audit/list-audit-events";
import { listAuditActions } from "@/lib/audit/list-audit-actions";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { ButtonLink } from "@/components/ui/button";
import { FilterForm, FilterInput, FilterSelect } from "@/components/ui/filter-form";
import { parseTableQuery } from "@/components/ui/data-table-params";
import { AuditTable } from "@/components/audit/audit-table";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Audit log" };

export default async function AuditPage({ searchParams }: PageProps<"/admin/audit">) {
  const sp = await searchParams;
  const ctx = await getCtx();
  const filters = auditFiltersFrom(sp);
  const { page, pageSize } = parseTableQuery(sp, { pageSize: 50 });
  const [list, actions] = await Promise.all([listAuditEvents(ctx, { ...filters, page, pageSize }), listAuditActions(ctx)]);
  const header = (
    <PageHeader
      title="Audit log"
      description="Every change and every refused attempt, newest first: who acted (a person, an agent, a service principal or the lifecycle job), on what, for whom, and the outcome. Times are UTC."
    />
  );

  if (!list.allowed) {
    return (
      <>
        {header}
        <EmptyState
          title="You need the Identity Governance Administrator role"
          description="The audit log is for Identity Governance Administrators. Catalog owners and managers can follow their catalogs' requests and assignments instead."
          action={<ButtonLink href="/admin/requests">Go to requests</ButtonLink>}
        />
      </>
    );
  }

  const filtered = Object.values(filters).some(Boolean);
  const withoutActor = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value && key !== "actorId") withoutActor.set(key, value);
  return (
    <>
      {header}
      <div className="space-y-4">
        <FilterForm label="Filter the audit log" clearHref="/admin/audit" active={filtered}>
          <FilterSelect id="audit-action" name="action" label="Action" value={filters.action} anyLabel="Any action" options={actions.map((a) => ({ value: a, label: a }))} />
          <FilterSelect
            id="audit-outcome"
            name="outcome"
            label="Outcome"
            value={filters.outcome}
            anyLabel="Any outcome"
            options={[
              { value: "success", label: "Success" },
              { value: "failure", label: "Failure (refused or failed)" },
            ]}
          />
          <FilterSelect
            id="audit-target-type"
            name="targetType"
            label="Target"
            value={filters.targetType}
            anyLabel="Any target"
            options={[
              { value: "catalog", label: "Catalogs" },
              { value: "accessPackage", label: "Access packages" },
              { value: "assignmentPolicy", label: "Policies" },
              { value: "assignmentRequest", label: "Requests" },
              { value: "assignment", label: "Assignments" },
              { value: "principal", label: "People, agents, service principals" },
            ]}
          />
          <FilterInput id="audit-from" name="from" type="date" label="From (UTC)" value={filters.from} />
          <FilterInput id="audit-to" name="to" type="date" label="To (UTC)" value={filters.to} />
          <FilterInput id="audit-search" name="q" type="search" label="Search" value={filters.q} placeholder="Actor, detail or target id" />
          {filters.actorId ? <input type="hidden" name="actorId" value={filters.actorId} /> : null}
          {filters.targetId ? <input type="hidden" name="targetId" value={filters.targetId} /> : null}
        </FilterForm>
        {list.actorFilter ? (
          <p className="flex flex-wrap items-center gap-2 text-sm">
            <span>
              Only events by <strong>{list.actorFilter.displayName}</strong>.
            </span>
            <Link href={`/admin/audit${withoutActor.size ? `?${withoutActor}` : ""}`} className="text-blue-700 hover:underline dark:text-blue-300">
              Show every actor
            </Link>
          </p>
        ) : null}
        {list.total === 0 && !filtered ? (
          <EmptyState title="No audit events yet" description="Events appear here as soon as anything changes: a catalog created, a request submitted, an approval decided." />
        ) : (
          <AuditTable rows={list.rows} total={list.total} page={list.page} pageSize={list.pageSize} emptyMessage={filtered ? "No audit events match these filters." : "No audit events yet."} />
        )}
      </div>
    </>
  );
}
