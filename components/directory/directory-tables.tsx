"use client";

import Link from "next/link";
import { DataTable } from "@/components/ui/data-table";
import { createDataTableColumnHelper } from "@/components/ui/data-table-columns";
import { Badge, StateBadge } from "@/components/ui/badge";
import { formatUtc } from "@/components/format";
import type { DirectoryUserRow } from "@/lib/directory/list-users";
import type { DirectoryGroupRow } from "@/lib/directory/list-groups";
import type { DirectoryApplicationRow } from "@/lib/directory/list-applications";
import type { DirectoryBlueprintRow } from "@/lib/directory/list-blueprints";
import type { DirectoryServicePrincipalRow } from "@/lib/directory/list-service-principals";

type Paged<T> = { rows: T[]; total: number; page: number; pageSize: number; emptyMessage: string };
const muted = "text-slate-600 dark:text-slate-400";
const dash = <span className={muted}>—</span>;

const u = createDataTableColumnHelper<DirectoryUserRow>();
const userColumns = u.columns([
  u.accessor("displayName", {
    header: "Name",
    meta: { className: "min-w-40" },
    cell: (c) => (
      <>
        <span className="font-medium">{c.getValue()}</span>
        {c.row.original.userType === "guest" ? (
          <Badge tone="blue" className="ml-1.5">
            Guest
          </Badge>
        ) : null}
        <span className={`block text-xs ${muted}`}>{c.row.original.mail ?? ""}</span>
      </>
    ),
  }),
  u.accessor("jobTitle", { header: "Job title", meta: { className: "hidden md:table-cell" }, cell: (c) => c.getValue() ?? dash }),
  u.accessor("department", { header: "Department", meta: { className: "hidden lg:table-cell" }, cell: (c) => c.getValue() ?? dash }),
  u.accessor("managerName", { header: "Manager", meta: { className: "hidden lg:table-cell" }, cell: (c) => c.getValue() ?? dash }),
  u.accessor("accountEnabled", { header: "Status", cell: (c) => <StateBadge state={c.getValue() ? "enabled" : "disabled"} /> }),
  u.accessor("lastSignInAt", { header: "Last sign-in", meta: { className: "hidden whitespace-nowrap xl:table-cell" }, cell: (c) => formatUtc(c.getValue(), "Never") }),
]);

export function UsersTable(p: Paged<DirectoryUserRow>) {
  return <DataTable rows={p.rows} columns={userColumns} totalCount={p.total} page={p.page} pageSize={p.pageSize} caption="People" emptyMessage={p.emptyMessage} />;
}

const g = createDataTableColumnHelper<DirectoryGroupRow>();
const groupColumns = g.columns([
  g.accessor("displayName", {
    header: "Name",
    meta: { className: "min-w-40" },
    cell: (c) => (
      <>
        <span className="font-medium">{c.getValue()}</span>
        {c.row.original.isRoleAssignable ? (
          <Badge tone="amber" className="ml-1.5">
            Role-assignable
          </Badge>
        ) : null}
      </>
    ),
  }),
  g.accessor("description", { header: "Description", meta: { className: "hidden max-w-md md:table-cell" }, cell: (c) => <span className={`line-clamp-2 ${muted}`}>{c.getValue() || "—"}</span> }),
  g.accessor("memberCount", { header: "Members", meta: { className: "text-right" } }),
  g.accessor("owners", { header: "Owners", cell: (c) => c.getValue().join(", ") || dash }),
]);

export function GroupsTable(p: Paged<DirectoryGroupRow>) {
  return <DataTable rows={p.rows} columns={groupColumns} totalCount={p.total} page={p.page} pageSize={p.pageSize} caption="Groups" emptyMessage={p.emptyMessage} />;
}

const a = createDataTableColumnHelper<DirectoryApplicationRow>();
const applicationColumns = a.columns([
  a.accessor("displayName", {
    header: "Name",
    meta: { className: "min-w-40" },
    cell: (c) => (
      <>
        <span className="font-medium">{c.getValue()}</span>
        <span className={`block text-xs ${muted}`}>{c.row.original.publisher ?? ""}</span>
      </>
    ),
  }),
  a.accessor("appId", { header: "Application (client) id", meta: { className: "hidden lg:table-cell" }, cell: (c) => <code className="text-xs break-all">{c.getValue()}</code> }),
  a.accessor("appRoleCount", { header: "App roles", meta: { className: "text-right" } }),
  a.accessor("apiPermissionCount", { header: "API permissions", meta: { className: "text-right" } }),
  a.accessor("owners", { header: "Owners", meta: { className: "hidden md:table-cell" }, cell: (c) => c.getValue().join(", ") || dash }),
]);

export function ApplicationsTable(p: Paged<DirectoryApplicationRow>) {
  return <DataTable rows={p.rows} columns={applicationColumns} totalCount={p.total} page={p.page} pageSize={p.pageSize} caption="Applications" emptyMessage={p.emptyMessage} />;
}

const b = createDataTableColumnHelper<DirectoryBlueprintRow>();
const blueprintColumns = b.columns([
  b.accessor("displayName", {
    header: "Name",
    meta: { className: "min-w-40" },
    cell: (c) => (
      <>
        <span className="font-medium">{c.getValue()}</span>
        <span className={`block text-xs ${muted}`}>
          {c.row.original.publisher} · version {c.row.original.version}
        </span>
      </>
    ),
  }),
  b.accessor("inheritableScopes", {
    header: "Inherited delegated permissions",
    cell: (c) => (c.getValue().length ? <span className="flex flex-wrap gap-1">{c.getValue().map((s) => <Badge key={s}>{s}</Badge>)}</span> : dash),
  }),
  b.accessor("agentCount", { header: "Agents", meta: { className: "text-right" } }),
]);

export function BlueprintsTable(p: Paged<DirectoryBlueprintRow>) {
  return <DataTable rows={p.rows} columns={blueprintColumns} totalCount={p.total} page={p.page} pageSize={p.pageSize} caption="Agent blueprints" emptyMessage={p.emptyMessage} />;
}

const s = createDataTableColumnHelper<DirectoryServicePrincipalRow>();
const spColumns = s.columns([
  s.accessor("displayName", {
    header: "Name",
    meta: { className: "min-w-40" },
    cell: (c) => (
      <Link href={`/admin/directory/principals/${c.row.original.id}`} className="font-medium text-blue-700 hover:underline dark:text-blue-300">
        {c.getValue()}
      </Link>
    ),
  }),
  s.accessor("applicationName", { header: "Application", meta: { className: "hidden md:table-cell" }, cell: (c) => c.getValue() ?? dash }),
  s.accessor("owners", { header: "Owners", cell: (c) => c.getValue().join(", ") || dash }),
  s.accessor("permissions", {
    header: "Application permissions",
    meta: { className: "hidden sm:table-cell" },
    cell: (c) =>
      c.getValue().length ? (
        <span className="flex flex-col gap-0.5">
          {c.getValue().map((p) => (
            <code key={p} className="text-xs">
              {p}
            </code>
          ))}
        </span>
      ) : (
        dash
      ),
  }),
  s.accessor("accountEnabled", { header: "Status", cell: (c) => <StateBadge state={c.getValue() ? "enabled" : "disabled"} /> }),
  s.accessor("lastSignInAt", { header: "Last sign-in", meta: { className: "hidden whitespace-nowrap lg:table-cell" }, cell: (c) => formatUtc(c.getValue(), "Never") }),
]);

export function ServicePrincipalsTable(p: Paged<DirectoryServicePrincipalRow>) {
  return <DataTable rows={p.rows} columns={spColumns} totalCount={p.total} page={p.page} pageSize={p.pageSize} caption="Service principals" emptyMessage={p.emptyMessage} />;
}
