"use client";

import { useState } from "react";

/** A collapsed JSON block; its content is put in the page only when opened (the reference has dozens of schemas). */
export function SchemaBlock({ label, json }: { label: string; json: string }) {
  const [open, setOpen] = useState(false);
  return (
    <details className="rounded-md border border-slate-200 dark:border-slate-800" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary className="cursor-pointer rounded-md px-3 py-2 text-sm font-medium hover:bg-slate-50 dark:hover:bg-slate-800">{label}</summary>
      {open ? (
        <pre className="max-h-96 overflow-auto border-t border-slate-200 p-3 text-xs dark:border-slate-800" tabIndex={0} aria-label={label}>
          {json}
        </pre>
      ) : null}
    </details>
  );
}
