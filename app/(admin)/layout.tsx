import { AppShell } from "@/components/shell/app-shell";
import { NavLink } from "@/components/shell/nav-link";
import { EmptyState } from "@/components/ui/empty-state";
import { ButtonLink } from "@/components/ui/button";
import { getViewer } from "@/lib/auth/session";

const ADMIN_LINKS = [
  { href: "/admin", label: "Overview", exact: true },
  { href: "/admin/catalogs", label: "Catalogs" },
  { href: "/admin/packages", label: "Access packages" },
  { href: "/admin/requests", label: "Requests" },
  { href: "/admin/assignments", label: "Assignments" },
  { href: "/admin/directory", label: "Directory" },
  { href: "/admin/audit", label: "Audit log" },
] as const satisfies readonly { href: string; label: string; exact?: boolean }[];

export default async function AdminLayout({ children }: LayoutProps<"/">) {
  const viewer = await getViewer();
  // A courtesy for people without any admin role; each admin page and verb still checks permission itself.
  const allowed = viewer.isAdmin || viewer.hasCatalogRole;
  const sidebar = (
    <ul className="flex flex-wrap gap-1 md:flex-col">
      {ADMIN_LINKS.map((link) => (
        <li key={link.href}>
          <NavLink href={link.href} variant="side" exact={"exact" in link ? link.exact : undefined}>
            {link.label}
          </NavLink>
        </li>
      ))}
    </ul>
  );
  return (
    <AppShell sidebar={allowed ? sidebar : undefined} sidebarLabel="Admin center">
      {allowed ? (
        children
      ) : (
        <EmptyState
          eyebrow="403 · Forbidden"
          headingLevel={1}
          title="You don't have access to the Admin center"
          description="The Admin center is for Identity Governance Administrators and people with a catalog role. Ask an administrator if you need one."
          action={<ButtonLink href="/access">Go to My Access</ButtonLink>}
        />
      )}
    </AppShell>
  );
}
