import { NavLink } from "@/components/shell/nav-link";

/** The catalog page's sections, as links (each is its own URL, so it can be bookmarked and reloaded). */
export function CatalogTabs({ catalogId, counts }: { catalogId: string; counts: { resources: number; roles: number; packages: number } }) {
  const base = `/admin/catalogs/${catalogId}`;
  const tabs = [
    { href: base, label: "Overview", count: counts.packages, countLabel: "access packages", exact: true },
    { href: `${base}/resources`, label: "Resources", count: counts.resources, countLabel: "resources" },
    { href: `${base}/roles`, label: "Roles", count: counts.roles, countLabel: "role holders" },
  ];
  return (
    <nav aria-label="Catalog sections" className="mb-6 border-b border-slate-200 dark:border-slate-800">
      <ul className="-mb-px flex flex-wrap gap-1">
        {tabs.map((t) => (
          <li key={t.href}>
            <NavLink href={t.href} exact={t.exact} variant="tab">
              {t.label}
              <span className="rounded-full bg-slate-100 px-1.5 text-xs text-slate-700 dark:bg-slate-800 dark:text-slate-300">
                {t.count}
                <span className="sr-only"> {t.countLabel}</span>
              </span>
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
