import type { ReactNode } from "react";

export type EmptyStateProps = {
  title: string;
  description?: ReactNode;
  /** Usually a ButtonLink to the first thing to do. */
  action?: ReactNode;
  icon?: ReactNode;
  className?: string;
  /** A short line above the title, e.g. "403 · Forbidden". */
  eyebrow?: string;
  /** 1 when the empty state is the whole page (it then carries the page's h1). */
  headingLevel?: 1 | 2;
};

export function EmptyState({ title, description, action, icon, className, eyebrow, headingLevel = 2 }: EmptyStateProps) {
  const Heading = headingLevel === 1 ? "h1" : "h2";
  return (
    <div
      className={[
        "flex flex-col items-center rounded-lg border border-dashed border-slate-300 px-6 py-12 text-center dark:border-slate-700",
        className,
      ]
        .filter(Boolean)
        .join(" ")}
    >
      {icon ? (
        <div className="mb-3 text-slate-400 dark:text-slate-500" aria-hidden="true">
          {icon}
        </div>
      ) : null}
      {eyebrow ? <p className="mb-1 text-xs font-semibold tracking-wide text-slate-600 uppercase dark:text-slate-400">{eyebrow}</p> : null}
      <Heading className={headingLevel === 1 ? "text-lg font-semibold" : "text-base font-semibold"}>{title}</Heading>
      {description ? <p className="mt-1 max-w-md text-sm text-slate-600 dark:text-slate-400">{description}</p> : null}
      {action ? <div className="mt-4">{action}</div> : null}
    </div>
  );
}
