import Link from "next/link";

/** Previous / next links for a server-paged list that is not a table. `param` is the page's query key. */
export function Pager({ page, pageSize, total, basePath, param = "page", label }: { page: number; pageSize: number; total: number; basePath: string; param?: string; label: string }) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1 && page <= 1) return null;
  const href = (p: number) => (p <= 1 ? basePath : `${basePath}?${param}=${p}`);
  const cls = "inline-flex h-8 items-center rounded-md border border-slate-300 px-3 text-sm font-medium dark:border-slate-600";
  return (
    <nav aria-label={label} className="mt-3 flex flex-wrap items-center justify-between gap-2 text-sm text-slate-600 dark:text-slate-400">
      <p>
        Page {page} of {pages} · {total} in all
      </p>
      <div className="flex gap-2">
        {page > 1 ? (
          <Link href={href(page - 1)} rel="prev" className={`${cls} hover:bg-slate-100 dark:hover:bg-slate-800`}>
            Previous
          </Link>
        ) : (
          <span aria-disabled="true" className={`${cls} opacity-50`}>
            Previous
          </span>
        )}
        {page < pages ? (
          <Link href={href(page + 1)} rel="next" className={`${cls} hover:bg-slate-100 dark:hover:bg-slate-800`}>
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
