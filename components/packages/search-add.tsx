"use client";

import { useState, useTransition } from "react";
import { useServerSearch } from "@/components/forms/use-server-search";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/field";
import { FormToast } from "@/components/ui/toast";
import type { ActionResult } from "@/lib/actions/result";

export type PickOption = { id: string; displayName: string; detail: string | null };

/** A search box whose matches (searched on the server as you type) each have an Add button that runs `add` at once. */
export function SearchAdd({ id, label, search, add, exclude }: { id: string; label: string; search: (q: string) => Promise<PickOption[]>; add: (id: string) => Promise<ActionResult>; exclude: string[] }) {
  const { q, setQ, results, setResults, failed, pending: searching, run } = useServerSearch(search);
  const [adding, startAdd] = useTransition();
  const [result, setResult] = useState<ActionResult | null>(null);

  const matches = (results ?? []).filter((r) => !exclude.includes(r.id));
  return (
    <div className="space-y-2">
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <Input
        id={id}
        type="search"
        value={q}
        autoComplete="off"
        placeholder="Search by name…"
        onChange={(e) => setQ(e.target.value)}
        onFocus={() => {
          if (results === null) run(q);
        }}
        onKeyDown={(e) => {
          if (e.key === "Enter") {
            e.preventDefault();
            run(q);
          }
        }}
        className="sm:max-w-sm"
      />
      <p role="status" className="text-xs text-slate-600 dark:text-slate-400">
        {searching ? "Searching…" : failed ? "The search failed; try again." : results === null ? "" : matches.length ? `${matches.length} ${matches.length === 1 ? "match" : "matches"}.` : "No matches."}
      </p>
      {matches.length ? (
        <ul aria-label={`Matches: ${label}`} className="max-h-56 space-y-1 overflow-y-auto rounded-md border border-slate-200 p-1 dark:border-slate-700">
          {matches.map((r) => (
            <li key={r.id} className="flex flex-wrap items-center justify-between gap-2 rounded px-2 py-1 hover:bg-slate-50 dark:hover:bg-slate-800">
              <span className="min-w-0 text-sm break-words">
                {r.displayName}
                {r.detail ? <span className="ml-1 text-xs text-slate-600 dark:text-slate-400">· {r.detail}</span> : null}
              </span>
              <Button
                size="sm"
                variant="secondary"
                disabled={adding}
                aria-label={`Add ${r.displayName}`}
                onClick={() =>
                  startAdd(async () => {
                    const res = await add(r.id);
                    setResult(res);
                    if (res.ok) setResults((list) => (list ? list.filter((x) => x.id !== r.id) : list));
                  })
                }
              >
                Add
              </Button>
            </li>
          ))}
        </ul>
      ) : null}
      <FormToast state={result} />
    </div>
  );
}
