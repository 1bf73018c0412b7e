import type { ReactNode } from "react";

export type CardProps = {
  /** Rendered as an h2 unless `headingLevel` says otherwise. */
  title?: ReactNode;
  headingLevel?: 2 | 3;
  description?: ReactNode;
  actions?: ReactNode;
  children?: ReactNode;
  className?: string;
  /** Removes the body padding (for tables that run edge to edge). */
  flush?: boolean;
};

export function Card({ title, headingLevel = 2, description, actions, children, className, flush }: CardProps) {
  const Heading = headingLevel === 3 ? "h3" : "h2";
  return (
    <section
      className={[
        "rounded-lg border border-slate-200 bg-white shadow-sm dark:border-slate-800 dark:bg-slate-900",
        className,
      ]
        .filter(Boolean)
        .join(" ")}
    >
      {title || actions ? (
        <div className="flex flex-wrap items-start justify-between gap-3 border-b border-slate-200 px-4 py-3 dark:border-slate-800">
          <div className="min-w-0">
            {title ? <Heading className="text-base font-semibold">{title}</Heading> : null}
            {description ? <p className="mt-0.5 text-sm text-slate-600 dark:text-slate-400">{description}</p> : null}
          </div>
          {actions ? <div className="flex flex-wrap items-center gap-2">{actions}</div> : null}
        </div>
      ) : null}
      <div className={flush ? undefined : "p-4"}>{children}</div>
    </section>
  );
}
