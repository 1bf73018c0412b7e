"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import type { ReactNode } from "react";

export type NavLinkProps = {
  href: string;
  children: ReactNode;
  /** Only the exact path counts as current (for a parent like /access whose children have their own links). */
  exact?: boolean;
  /** Paths under `href` that belong to another link (e.g. /access/approvals is not "My Access"). */
  excludes?: string[];
  variant?: "top" | "side" | "tab";
};

function isCurrent(pathname: string, href: string, exact?: boolean, excludes: string[] = []): boolean {
  if (excludes.some((x) => pathname === x || pathname.startsWith(`${x}/`))) return false;
  return exact ? pathname === href : pathname === href || pathname.startsWith(`${href}/`);
}

const STYLES = {
  top:
    "inline-flex items-center gap-1.5 rounded-md px-3 py-2 text-sm font-medium text-slate-700 hover:bg-slate-100 " +
    "aria-[current=page]:bg-blue-50 aria-[current=page]:text-blue-800 dark:text-slate-200 dark:hover:bg-slate-800 " +
    "dark:aria-[current=page]:bg-blue-950 dark:aria-[current=page]:text-blue-200",
  side:
    "block rounded-md px-3 py-2 text-sm font-medium text-slate-700 hover:bg-slate-100 " +
    "aria-[current=page]:bg-blue-50 aria-[current=page]:text-blue-800 dark:text-slate-200 dark:hover:bg-slate-800 " +
    "dark:aria-[current=page]:bg-blue-950 dark:aria-[current=page]:text-blue-200",
  tab:
    "inline-flex items-center gap-1.5 border-b-2 border-transparent px-3 py-2 text-sm font-medium text-slate-700 hover:border-slate-300 hover:text-slate-900 " +
    "aria-[current=page]:border-blue-600 aria-[current=page]:text-blue-800 dark:text-slate-300 dark:hover:text-slate-100 " +
    "dark:aria-[current=page]:border-blue-400 dark:aria-[current=page]:text-blue-200",
};

/** A navigation link that marks itself `aria-current="page"` when it is where the user is. */
export function NavLink({ href, children, exact, excludes, variant = "top" }: NavLinkProps) {
  const pathname = usePathname();
  const current = isCurrent(pathname, href, exact, excludes);
  return (
    <Link href={href} aria-current={current ? "page" : undefined} className={STYLES[variant]}>
      {children}
    </Link>
  );
}
