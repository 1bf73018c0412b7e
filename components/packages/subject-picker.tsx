"use client";

import { useServerSearch } from "@/components/forms/use-server-search";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/field";
import type { SubjectKind, SubjectOption } from "@/lib/directory/search-policy-subjects";
import type { SubjectRef } from "./policy-draft";
import { GroupErrors } from "./controls";

export type SubjectSearch = (q: string, kinds: SubjectKind[]) => Promise<SubjectOption[]>;

const KIND_LABEL: Record<SubjectRef["kind"], string> = { user: "Person", group: "Group", servicePrincipal: "Service principal", agent: "Agent", other: "Rule" };

/**
 * Chooses people, groups, agents or service principals: the chosen ones as a list with Remove buttons, a search box,
 * and the matches (searched on the server as you type) as Add buttons. Plain buttons and lists rather than a combobox:
 * every part works with a keyboard and a screen reader without extra ARIA.
 */
export function SubjectPicker({
  id,
  label,
  hint,
  kinds,
  value,
  onChange,
  errors,
  search,
}: {
  id: string;
  label: string;
  hint?: string;
  kinds: SubjectKind[];
  value: SubjectRef[];
  onChange: (value: SubjectRef[]) => void;
  errors?: string[];
  search: SubjectSearch;
}) {
  const kindsKey = kinds.join(",");
  const { q, setQ, results, failed, pending, run } = useServerSearch((query) => search(query, kindsKey.split(",") as SubjectKind[]));
  const errorId = errors?.length ? `${id}-error` : undefined;
  const hintId = hint ? `${id}-hint` : undefined;

  const chosen = new Set(value.map((v) => v.id));
  const matches = (results ?? []).filter((r) => !chosen.has(r.id));

  return (
    <fieldset className="space-y-2" aria-describedby={[hintId, errorId].filter(Boolean).join(" ") || undefined}>
      <legend className="text-sm font-medium">{label}</legend>
      {hint ? (
        <p id={hintId} className="text-xs text-slate-600 dark:text-slate-400">
          {hint}
        </p>
      ) : null}
      {value.length ? (
        <ul aria-label={`Chosen: ${label}`} className="flex flex-wrap gap-2">
          {value.map((v) => (
            <li key={v.id} className="flex max-w-full items-center gap-1.5 rounded-md border border-slate-300 py-0.5 pr-0.5 pl-2 text-sm dark:border-slate-600">
              <span className="min-w-0 break-words">{v.displayName}</span>
              <Badge tone={v.kind === "group" ? "purple" : v.kind === "agent" ? "blue" : "gray"}>{KIND_LABEL[v.kind]}</Badge>
              <button
                type="button"
                onClick={() => onChange(value.filter((x) => x.id !== v.id))}
                className="rounded px-1.5 py-0.5 text-slate-600 hover:bg-slate-100 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-blue-600 dark:text-slate-300 dark:hover:bg-slate-800"
                aria-label={`Remove ${v.displayName}`}
              >
                <span aria-hidden="true">×</span>
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-slate-600 dark:text-slate-400">None chosen.</p>
      )}
      <div>
        <label htmlFor={`${id}-search`} className="sr-only">
          Search for {label.toLowerCase()}
        </label>
        <Input
          id={`${id}-search`}
          type="search"
          value={q}
          placeholder="Search by name…"
          autoComplete="off"
          aria-invalid={errorId ? true : undefined}
          aria-describedby={errorId}
          onChange={(e) => setQ(e.target.value)}
          onFocus={() => {
            if (results === null) run(q);
          }}
          onKeyDown={(e) => {
            // Enter searches at once instead of submitting anything.
            if (e.key === "Enter") {
              e.preventDefault();
              run(q);
            }
          }}
          className="sm:max-w-sm"
        />
      </div>
      <p role="status" className="text-xs text-slate-600 dark:text-slate-400">
        {pending ? "Searching…" : failed ? "The search failed; try again." : results === null ? "" : matches.length === 0 ? (results.length > 0 ? "Every match is already chosen." : "No matches.") : `${matches.length} ${matches.length === 1 ? "match" : "matches"}.`}
      </p>
      {matches.length ? (
        <ul aria-label={`Matches for ${label.toLowerCase()}`} className="max-h-56 space-y-1 overflow-y-auto rounded-md border border-slate-200 p-1 dark:border-slate-700">
          {matches.map((r) => (
            <li key={r.id} className="flex flex-wrap items-center justify-between gap-2 rounded px-2 py-1 hover:bg-slate-50 dark:hover:bg-slate-800">
              <span className="min-w-0 text-sm break-words">
                {r.displayName}
                {r.detail ? <span className="ml-1 text-xs text-slate-600 dark:text-slate-400">· {r.detail}</span> : null}
              </span>
              <Button size="sm" variant="secondary" onClick={() => onChange([...value, { kind: r.kind, id: r.id, displayName: r.displayName }])} aria-label={`Add ${r.displayName}`}>
                Add
              </Button>
            </li>
          ))}
        </ul>
      ) : null}
      <GroupErrors id={`${id}-error`} errors={errors} />
    </fieldset>
  );
}
