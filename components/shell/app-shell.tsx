import Link from "next/link";
import type { ReactNode } from "react";
import { signOutAction } from "@/app/signin/actions";
import { getViewer } from "@/lib/auth/session";
import { MainNav, type MainNavLink } from "./main-nav";

export type AppShellProps = {
  children: ReactNode;
  /** A section's own navigation (the admin center's sub-nav), shown beside the content. */
  sidebar?: ReactNode;
  /** Accessible name of the sidebar's nav landmark. */
  sidebarLabel?: string;
};

/**
 * The frame of every signed-in page: brand, main navigation, approvals count, the person and
 * Sign out. Which links show is cosmetic; every page and action checks permission itself.
 */
export async function AppShell({ children, sidebar, sidebarLabel = "Section" }: AppShellProps) {
  const viewer = await getViewer();
  const showAdmin = viewer.isAdmin || viewer.hasCatalogRole;
  const links: MainNavLink[] = [
    { href: "/access", label: "My Access", excludes: ["/access/approvals"] },
    { href: "/access/approvals", label: "Approvals", badge: viewer.pendingApprovals, badgeLabel: "pending approvals" },
    ...(viewer.sponsorsOrOwnsAgents ? [{ href: "/account", label: "My Account" }] : []),
    ...(showAdmin ? [{ href: "/admin", label: "Admin center" }] : []),
  ];

  return (
    <div className="flex min-h-dvh flex-col">
      <a
        href="#main"
        className="sr-only z-50 rounded-md bg-blue-700 px-4 py-2 text-white focus:not-sr-only focus:fixed focus:top-2 focus:left-2"
      >
        Skip to main content
      </a>
      <header className="border-b border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-2">
          <Link href="/access" className="rounded-md py-1 text-lg font-semibold tracking-tight">
            <span aria-hidden="true" className="mr-1 text-blue-600 dark:text-blue-400">
              ◆
            </span>
            Steward
          </Link>
          <MainNav
            links={links}
            account={
              <>
                <span className="max-w-[14rem] truncate text-sm text-slate-700 dark:text-slate-300" title={viewer.actor.displayName}>
                  <span className="sr-only">Signed in as </span>
                  {viewer.actor.displayName}
                </span>
                <form action={signOutAction} className="ml-auto sm:ml-0">
                  <button
                    type="submit"
                    className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800"
                  >
                    Sign out
                  </button>
                </form>
              </>
            }
          />
        </div>
      </header>
      <div className="mx-auto flex w-full max-w-7xl flex-1 flex-col gap-6 px-4 py-6 md:flex-row">
        {sidebar ? (
          <nav aria-label={sidebarLabel} className="md:w-52 md:shrink-0">
            {sidebar}
          </nav>
        ) : null}
        <main id="main" tabIndex={-1} className="min-w-0 flex-1 focus:outline-none">
          {children}
        </main>
      </div>
    </div>
  );
}
