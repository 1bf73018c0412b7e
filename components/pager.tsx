import Link from "next/link";
import { pastLastPage, type TableSearchParams } from "@/components/ui/data-table-params";

/**
 * Previous / next links for a server-paged list that is not a table. `param` is the page's query key; `query`, the
 * page's other query parameters, which the links keep (a page with several lists keeps each list's page).
 * A page number past the last page (an edited URL, or a list that shrank) says so and links to the last page.
 */
export function Pager({ page, pageSize, total, basePath, param = "page", label, query = {} }: { page: number; pageSize: number; total: number; basePath: string; param?: string; label: string; query?: TableSearchParams }) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  // An empty list has nothing to page through, on any page number: the list's own empty state says so.
  if (total === 0 || (pages <= 1 && page <= 1)) return null;
  const href = (p: number) => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      if (key === param || value === undefined) continue;
      for (const v of Array.isArray(value) ? value : [value]) params.append(key, v);
    }
    if (p > 1) params.set(param, String(p));
    const qs = params.toString();
    return qs ? `${basePath}?${qs}` : basePath;
  };
  const cls = "inline-flex h-8 items-center rounded-md border border-slate-300 px-3 text-sm font-medium dark:border-slate-600";
  const link = `${cls} text-slate-900 hover:bg-slate-100 dark:text-slate-100 dark:hover:bg-slate-800`;
  if (page > pages) {
    return (
      <nav aria-label={label} className="mt-3 flex flex-wrap items-center justify-between gap-2 text-sm text-slate-600 dark:text-slate-400">
        <p>{pastLastPage(page, pages, total)}</p>
        <Link href={href(pages)} className={link}>
          Go to page {pages}
        </Link>
      </nav>
    );
  }
  return (
    <nav aria-label={label} className="mt-3 flex flex-wrap items-center justify-between gap-2 text-sm text-slate-600 dark:text-slate-400">
      <p>
        Page {page} of {pages} · {total} in all
      </p>
      <div className="flex gap-2">
        {page > 1 ? (
          <Link href={href(page - 1)} rel="prev" className={link}>
            Previous
          </Link>
        ) : (
          <span aria-disabled="true" className={`${cls} opacity-50`}>
            Previous
          </span>
        )}
        {page < pages ? (
          <Link href={href(page + 1)} rel="next" className={link}>
            Next
          </Link>
        ) : (
          <span aria-disabled="true" className={`${cls} opacity-50`}>
            Next
          </span>
        )}
      </div>
    </nav>
  );
}
