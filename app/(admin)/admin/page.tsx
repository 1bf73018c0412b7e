import type { Metadata } from "next";
import Link from "next/link";
import { getCtx } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { getAdminOverview } from "@/lib/admin/get-admin-overview";
import { PageHeader } from "@/components/ui/page-header";
import { Card } from "@/components/ui/card";
import { ButtonLink } from "@/components/ui/button";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Admin center" };

function Stat({ label, value, href, hint }: { label: string; value: number; href: string; hint?: string }) {
  return (
    <li>
      <Link
        href={href}
        className="block h-full rounded-lg border border-slate-200 bg-white p-4 shadow-sm hover:border-blue-400 hover:bg-blue-50 dark:border-slate-800 dark:bg-slate-900 dark:hover:border-blue-500 dark:hover:bg-slate-800"
      >
        <span className="block text-3xl font-semibold tabular-nums">{value.toLocaleString("en-US")}</span>
        <span className="mt-1 block text-sm font-medium text-slate-700 dark:text-slate-300">{label}</span>
        {hint ? <span className="mt-0.5 block text-xs text-slate-600 dark:text-slate-400">{hint}</span> : null}
      </Link>
    </li>
  );
}

export default async function AdminHome() {
  const ctx = await getCtx();
  const [o, mayCreateCatalog] = await Promise.all([getAdminOverview(ctx), can(ctx, "catalogs.create")]);
  return (
    <>
      <PageHeader
        title="Admin center"
        description="Catalogs, access packages, requests and assignments you govern, the directory, and the audit log."
        actions={
          <>
            {mayCreateCatalog ? (
              <ButtonLink href="/admin/catalogs#new-catalog" variant="secondary">
                New catalog
              </ButtonLink>
            ) : null}
            <ButtonLink href="/admin/assignments/new" variant="primary">
              Assign access
            </ButtonLink>
          </>
        }
      />
      <div className="space-y-6">
        <section aria-labelledby="governance-heading">
          <h2 id="governance-heading" className="mb-3 text-base font-semibold">
            Governance
          </h2>
          <ul className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-3">
            <Stat label="Catalogs" value={o.catalogs} href="/admin/catalogs" />
            <Stat label="Access packages" value={o.packages} href="/admin/packages" />
            <Stat label="Requests pending approval" value={o.pendingRequests} href="/admin/requests?state=pendingApproval" />
            <Stat label="Active assignments" value={o.activeAssignments} href="/admin/assignments?state=active" />
            <Stat label="Ending within 14 days" value={o.expiringSoon} href="/admin/assignments?state=active&sort=endDateTime&dir=asc" hint="Sponsors are reminded 14 days and 1 day before." />
            <Stat label="Failed or partial deliveries" value={o.failedDeliveries} href="/admin/requests?state=deliveryFailed" />
          </ul>
        </section>
        {o.directory ? (
          <section aria-labelledby="directory-heading">
            <h2 id="directory-heading" className="mb-3 text-base font-semibold">
              Directory
            </h2>
            <ul className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-3">
              <Stat label="People" value={o.directory.users} href="/admin/directory?tab=users" />
              <Stat label="Agent identities" value={o.directory.agents} href="/admin/directory?tab=agents" />
              <Stat label="Service principals" value={o.directory.servicePrincipals} href="/admin/directory?tab=servicePrincipals" />
            </ul>
          </section>
        ) : null}
        {o.refusalsLastWeek !== null ? (
          <Card title="Audit" description="Every change and every refused attempt is recorded.">
            <p className="text-sm">
              <span className="font-semibold tabular-nums">{o.refusalsLastWeek}</span> refused or failed {o.refusalsLastWeek === 1 ? "attempt" : "attempts"} in the last 7 days.{" "}
              <Link href="/admin/audit?outcome=failure" className="text-blue-700 underline dark:text-blue-300">
                Review them in the audit log
              </Link>
              .
            </p>
          </Card>
        ) : null}
      </div>
    </>
  );
}
