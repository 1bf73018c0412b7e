import type { Metadata } from "next";
import Link from "next/link";
import { getCtx } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { listAgents } from "@/lib/directory/list-agents";
import { listUsers } from "@/lib/directory/list-users";
import { listGroups } from "@/lib/directory/list-groups";
import { listApplications } from "@/lib/directory/list-applications";
import { listBlueprints } from "@/lib/directory/list-blueprints";
import { listServicePrincipals } from "@/lib/directory/list-service-principals";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { parseTableQuery } from "@/components/ui/data-table-params";
import { DirectoryAgentsTable } from "@/components/agents/directory-agents-table";
import { ApplicationsTable, BlueprintsTable, GroupsTable, ServicePrincipalsTable, UsersTable } from "@/components/directory/directory-tables";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Directory" };

const TABS = [
  { id: "agents", label: "Agent identities", noun: "agents" },
  { id: "servicePrincipals", label: "Service principals", noun: "service principals" },
  { id: "blueprints", label: "Agent blueprints", noun: "blueprints" },
  { id: "users", label: "Users", noun: "people" },
  { id: "groups", label: "Groups", noun: "groups" },
  { id: "applications", label: "Applications", noun: "applications" },
] as const;
type TabId = (typeof TABS)[number]["id"];

export default async function DirectoryPage({ searchParams }: PageProps<"/admin/directory">) {
  const sp = await searchParams;
  const ctx = await getCtx();
  if (!(await can(ctx, "directory.read"))) {
    return <EmptyState headingLevel={1} eyebrow="403 · Forbidden" title="You can't view the directory" description="The directory is for Identity Governance Administrators." />;
  }
  const tab: TabId = TABS.find((t) => t.id === sp.tab)?.id ?? "agents";
  const current = TABS.find((t) => t.id === tab)!;
  const q = typeof sp.q === "string" ? sp.q.slice(0, 200) : "";
  const { page, pageSize } = parseTableQuery(sp, { pageSize: 25 });
  const params = { q, page, pageSize };
  const empty = q ? `No ${current.noun} match "${q}".` : `No ${current.noun} yet.`;

  let table: React.ReactNode;
  let total: number;
  switch (tab) {
    case "users": {
      const l = await listUsers(ctx, params);
      total = l.total;
      table = <UsersTable {...l} emptyMessage={empty} />;
      break;
    }
    case "groups": {
      const l = await listGroups(ctx, params);
      total = l.total;
      table = <GroupsTable {...l} emptyMessage={empty} />;
      break;
    }
    case "applications": {
      const l = await listApplications(ctx, params);
      total = l.total;
      table = <ApplicationsTable {...l} emptyMessage={empty} />;
      break;
    }
    case "blueprints": {
      const l = await listBlueprints(ctx, params);
      total = l.total;
      table = <BlueprintsTable {...l} emptyMessage={empty} />;
      break;
    }
    case "servicePrincipals": {
      const l = await listServicePrincipals(ctx, params);
      total = l.total;
      table = <ServicePrincipalsTable {...l} emptyMessage={empty} />;
      break;
    }
    default: {
      const l = await listAgents(ctx, params);
      total = l.total;
      table = <DirectoryAgentsTable {...l} emptyMessage={empty} />;
    }
  }

  return (
    <>
      <PageHeader title="Directory" description="Everyone and everything that can hold access: agents and the people accountable for them, service principals, blueprints, people, groups and applications." />
      <nav aria-label="Directory sections" className="mb-4 border-b border-slate-200 dark:border-slate-800">
        <ul className="-mb-px flex flex-wrap gap-1">
          {TABS.map((t) => (
            <li key={t.id}>
              <Link
                href={`/admin/directory?tab=${t.id}`}
                aria-current={t.id === tab ? "page" : undefined}
                className="inline-flex items-center border-b-2 border-transparent px-3 py-2 text-sm font-medium text-slate-700 hover:border-slate-300 hover:text-slate-900 aria-[current=page]:border-blue-600 aria-[current=page]:text-blue-800 dark:text-slate-300 dark:hover:text-slate-100 dark:aria-[current=page]:border-blue-400 dark:aria-[current=page]:text-blue-200"
              >
                {t.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <div className="space-y-4">
        <form role="search" aria-label={`Search ${current.noun}`} method="get" className="flex flex-wrap items-end gap-2">
          <input type="hidden" name="tab" value={tab} />
          <div className="min-w-0 flex-1 basis-56">
            <label htmlFor="directory-search" className="mb-1 block text-sm font-medium">
              Search {current.noun}
            </label>
            <Input id="directory-search" type="search" name="q" defaultValue={q} placeholder="Name, mail or description" />
          </div>
          <Button type="submit" variant="secondary">
            Search
          </Button>
          {q ? (
            <Link href={`/admin/directory?tab=${tab}`} className="px-2 py-2 text-sm text-blue-700 hover:underline dark:text-blue-300">
              Clear
            </Link>
          ) : null}
        </form>
        {total === 0 && !q ? <EmptyState title={`No ${current.noun} in the directory`} /> : table}
      </div>
    </>
  );
}
