/** The loading state of a page inside the shell: a header and a few rows, announced once. */
export function PageSkeleton() {
  return (
    <div role="status" aria-live="polite" className="animate-pulse">
      <span className="sr-only">Loading…</span>
      <div className="mb-2 h-7 w-64 max-w-full rounded bg-slate-200 dark:bg-slate-800" />
      <div className="mb-6 h-4 w-96 max-w-full rounded bg-slate-200 dark:bg-slate-800" />
      <div className="space-y-3 rounded-lg border border-slate-200 p-4 dark:border-slate-800">
        {[0, 1, 2, 3, 4].map((i) => (
          <div key={i} className="h-5 rounded bg-slate-200 dark:bg-slate-800" />
        ))}
      </div>
    </div>
  );
}
