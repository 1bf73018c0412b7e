import type { Metadata } from "next";
import Link from "next/link";
import { getCtx } from "@/lib/auth/session";
import { ASSIGNMENT_SORTS, assignmentFiltersFrom, listAssignments, type AssignmentStateFilter } from "@/lib/assignments/list-assignments";
import { listPackageOptions } from "@/lib/packages/list-package-options";
import { isUuid } from "@/lib/packages/load";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { ButtonLink, buttonClasses } from "@/components/ui/button";
import { FilterForm, FilterInput, FilterSelect } from "@/components/ui/filter-form";
import { parseTableQuery } from "@/components/ui/data-table-params";
import { AssignmentsTable } from "@/components/assignments/assignments-table";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Assignments" };

const STATE_OPTIONS: { value: AssignmentStateFilter; label: string }[] = [
  { value: "active", label: "Active (held now)" },
  { value: "delivered", label: "Delivered" },
  { value: "partiallyDelivered", label: "Partially delivered" },
  { value: "delivering", label: "Delivering" },
  { value: "deliveryFailed", label: "Delivery failed" },
  { value: "expired", label: "Expired" },
  { value: "removed", label: "Removed" },
];

const TARGET_TYPE_OPTIONS = [
  { value: "user", label: "Person" },
  { value: "agentIdentity", label: "Agent" },
  { value: "agentUser", label: "Agent user" },
  { value: "servicePrincipal", label: "Service principal" },
];

export default async function AssignmentsPage({ searchParams }: PageProps<"/admin/assignments">) {
  const sp = await searchParams;
  const ctx = await getCtx();
  const filters = assignmentFiltersFrom(sp);
  const { page, pageSize, sort } = parseTableQuery(sp, { sortable: ASSIGNMENT_SORTS, defaultSort: { id: "startDateTime", desc: true }, pageSize: 25 });
  const [list, packages] = await Promise.all([listAssignments(ctx, { ...filters, page, pageSize, sort }), listPackageOptions(ctx, "assignments.read")]);
  const removedRequestId = typeof sp.removed === "string" && isUuid(sp.removed) ? sp.removed : null;

  if (!list.allowed) {
    return (
      <>
        <PageHeader title="Assignments" />
        <EmptyState
          title="You can't view assignments"
          description="Assignments are shown to Identity Governance Administrators and to people with a role in a catalog, for that catalog's access packages."
          action={<ButtonLink href="/access">Go to My Access</ButtonLink>}
        />
      </>
    );
  }

  const filtered = Object.values(filters).some(Boolean);
  const exportQuery = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value) exportQuery.set(key, value);
  if (sort) {
    exportQuery.set("sort", sort.id);
    exportQuery.set("dir", sort.desc ? "desc" : "asc");
  }
  const exportHref = `/admin/assignments/export${exportQuery.size ? `?${exportQuery}` : ""}`;

  return (
    <>
      <PageHeader
        title="Assignments"
        description="Who holds which access package, through which policy and pathway, and until when. An assignment whose end has passed is expired, whatever the sweep has recorded."
        actions={
          <>
            {list.total > 0 ? (
              // A plain link: the export is a file download from a route handler, not a page to navigate to.
              <a href={exportHref} download className={buttonClasses({ variant: "secondary" })}>
                Export CSV
              </a>
            ) : null}
            <ButtonLink href={filters.accessPackageId ? `/admin/assignments/new?accessPackageId=${filters.accessPackageId}` : "/admin/assignments/new"} variant="primary">
              Assign access
            </ButtonLink>
          </>
        }
      />
      {removedRequestId ? (
        <div role="status" className="mb-6 rounded-md border border-green-300 bg-green-50 px-4 py-3 text-sm text-green-900 dark:border-green-700 dark:bg-green-950 dark:text-green-100">
          Access removed.{" "}
          <Link href={`/admin/requests/${removedRequestId}`} className="font-medium underline">
            View the removal request
          </Link>
          .
        </div>
      ) : null}
      <div className="space-y-4">
        <FilterForm label="Filter assignments" clearHref="/admin/assignments" active={filtered} sort={sort}>
          <FilterSelect id="assignment-state" name="state" label="State" value={filters.state} anyLabel="Any state" options={STATE_OPTIONS} />
          <FilterSelect
            id="assignment-package"
            name="accessPackageId"
            label="Package"
            value={filters.accessPackageId}
            anyLabel="Any package"
            options={packages.map((p) => ({ value: p.id, label: `${p.displayName} (${p.catalogName})` }))}
          />
          <FilterSelect id="assignment-target-type" name="targetType" label="Target type" value={filters.targetType} anyLabel="Any type" options={TARGET_TYPE_OPTIONS} />
          <FilterInput id="assignment-search" name="q" type="search" label="Search" value={filters.q} placeholder="Target or package" />
        </FilterForm>
        {list.total === 0 && !filtered ? (
          <EmptyState title="No assignments yet" description="When a request is delivered, or an administrator assigns a package directly, the assignment appears here." />
        ) : (
          <AssignmentsTable
            rows={list.rows}
            total={list.total}
            page={list.page}
            pageSize={list.pageSize}
            sort={sort}
            emptyMessage={filtered ? "No assignments match these filters." : "No assignments yet."}
          />
        )}
      </div>
    </>
  );
}
