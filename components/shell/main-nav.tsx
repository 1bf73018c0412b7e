"use client";

import { useEffect, useId, useRef, useState, type ReactNode } from "react";
import { usePathname } from "next/navigation";
import { NavLink } from "./nav-link";

export type MainNavLink = { href: string; label: string; excludes?: string[]; badge?: number; badgeLabel?: string };

export type MainNavProps = {
  links: MainNavLink[];
  /** The signed-in person and Sign out, shown inside the menu on small screens and beside the nav otherwise. */
  account: ReactNode;
};

/**
 * The main navigation. From the `sm` breakpoint up it is a row of links; below it, a "Menu" button discloses
 * the links and the account controls (Escape closes it and returns focus to the button; following a link closes it).
 */
export function MainNav({ links, account }: MainNavProps) {
  const [open, setOpen] = useState(false);
  const pathname = usePathname();
  const [lastPath, setLastPath] = useState(pathname);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelId = useId();
  // A navigation closes the menu (state adjusted during render, as React recommends over an effect).
  if (pathname !== lastPath) {
    setLastPath(pathname);
    setOpen(false);
  }

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") {
        setOpen(false);
        buttonRef.current?.focus();
      }
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [open]);

  const pendingTotal = links.reduce((n, l) => n + (l.badge ?? 0), 0);

  return (
    <>
      <button
        ref={buttonRef}
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((v) => !v)}
        className="ml-auto inline-flex items-center gap-2 rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-100 sm:hidden dark:border-slate-600 dark:hover:bg-slate-800"
      >
        <span aria-hidden="true">{open ? "✕" : "☰"}</span>
        Menu
        {pendingTotal > 0 && !open ? (
          <span className="inline-flex min-w-5 items-center justify-center rounded-full bg-amber-500 px-1.5 text-xs font-semibold text-slate-950">
            {pendingTotal}
            <span className="sr-only"> pending approvals</span>
          </span>
        ) : null}
      </button>
      <div id={panelId} className={`${open ? "flex" : "hidden"} order-3 w-full flex-col gap-3 pb-2 sm:order-none sm:flex sm:w-auto sm:flex-1 sm:flex-row sm:items-center sm:pb-0`}>
        <nav aria-label="Main" className="sm:flex-1">
          <ul className="-mx-1 flex flex-col gap-1 sm:flex-row sm:flex-wrap">
            {links.map((l) => (
              <li key={l.href}>
                <NavLink href={l.href} excludes={l.excludes}>
                  {l.label}
                  {l.badge ? (
                    <span className="inline-flex min-w-5 items-center justify-center rounded-full bg-amber-500 px-1.5 text-xs font-semibold text-slate-950">
                      {l.badge}
                      <span className="sr-only"> {l.badgeLabel ?? "pending"}</span>
                    </span>
                  ) : null}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="flex items-center gap-3 border-t border-slate-200 pt-3 sm:border-0 sm:pt-0 dark:border-slate-800">{account}</div>
      </div>
    </>
  );
}
