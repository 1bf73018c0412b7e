"use client";

import { useEffect, useId, useRef, useState, useTransition, type KeyboardEvent, type ReactNode } from "react";
import { controlClasses } from "./field";
import { Badge } from "./badge";
import { Button } from "./button";

export type PickerOption = {
  value: string;
  label: string;
  /** A second line: mail, description, type. */
  detail?: string;
  /** A warning badge after the label ("Privileged"); plain data so server actions can return it. */
  flag?: string;
  disabled?: boolean;
  /** Why it cannot be picked, read out with the option ("already in this catalog"). */
  disabledReason?: string;
};

export type PickerPage = { options: PickerOption[]; total: number; page: number; pageSize: number };

export type SearchPickerProps = {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  errors?: string[];
  placeholder?: string;
  /** Runs on the server (a server action): the text typed, the page, and the chosen filter ("" for all). */
  search: (q: string, page: number, filter: string) => Promise<PickerPage>;
  /** An optional filter beside the search box (e.g. resource type). */
  filter?: { label: string; options: { value: string; label: string }[]; allLabel: string };
  onPick: (option: PickerOption) => void;
  /** Values already picked, shown as selected and not offered again. */
  picked?: readonly string[];
  required?: boolean;
};

/**
 * A search box that looks things up on the server and offers the results in a listbox (the ARIA 1.2 combobox
 * pattern): arrows move through the options, Enter picks, Escape closes. Results come a page at a time, with
 * Previous/Next below the list; the number found is announced.
 */
export function SearchPicker({ id, label, hint, errors, placeholder, search, filter, onPick, picked = [], required }: SearchPickerProps) {
  const [q, setQ] = useState("");
  const [filterValue, setFilterValue] = useState("");
  const [page, setPage] = useState(1);
  const [result, setResult] = useState<PickerPage | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [pending, startTransition] = useTransition();
  const listId = useId();
  const statusId = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = errors?.length ? `${id}-error` : undefined;
  const requestSeq = useRef(0);
  const inputRef = useRef<HTMLInputElement>(null);

  function run(nextQ: string, nextPage: number, nextFilter: string) {
    const seq = ++requestSeq.current;
    startTransition(async () => {
      try {
        const r = await search(nextQ, nextPage, nextFilter);
        if (seq !== requestSeq.current) return;
        setResult(r);
        setFailed(null);
        setActive(r.options.findIndex((o) => !o.disabled && !picked.includes(o.value)));
      } catch {
        if (seq !== requestSeq.current) return;
        setFailed("The search failed. Try again.");
      }
    });
  }

  // Debounced search while typing or changing the filter.
  useEffect(() => {
    if (!open) return;
    const t = setTimeout(() => run(q, page, filterValue), 250);
    return () => clearTimeout(t);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `run` is recreated each render; the inputs are the deps
  }, [q, page, filterValue, open]);

  const options = result?.options ?? [];
  const selectable = (i: number) => i >= 0 && i < options.length && !options[i].disabled && !picked.includes(options[i].value);

  function move(delta: number) {
    if (!options.length) return;
    let i = active;
    for (let n = 0; n < options.length; n++) {
      i = (i + delta + options.length) % options.length;
      if (selectable(i)) break;
    }
    setActive(i);
    document.getElementById(`${id}-opt-${i}`)?.scrollIntoView({ block: "nearest" });
  }

  function pick(i: number) {
    if (!selectable(i)) return;
    onPick(options[i]);
    setQ("");
    setPage(1);
    setOpen(false);
    inputRef.current?.focus();
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === "ArrowDown") {
      e.preventDefault();
      if (!open) setOpen(true);
      else move(1);
    } else if (e.key === "ArrowUp") {
      e.preventDefault();
      move(-1);
    } else if (e.key === "Enter") {
      // Enter picks the active option instead of submitting the surrounding form.
      if (open) {
        e.preventDefault();
        pick(active);
      }
    } else if (e.key === "Escape") {
      if (open) {
        e.preventDefault();
        setOpen(false);
      } else setQ("");
    }
  }

  const pageCount = result ? Math.max(1, Math.ceil(result.total / result.pageSize)) : 1;
  const from = result && result.total ? (result.page - 1) * result.pageSize + 1 : 0;
  const to = result ? (result.page - 1) * result.pageSize + result.options.length : 0;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;

  return (
    <div
      className="space-y-1"
      onBlur={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setOpen(false);
      }}
    >
      <div className="flex flex-wrap items-end gap-2">
        <div className="min-w-0 flex-1 basis-56">
          <label htmlFor={id} className="mb-1 block text-sm font-medium">
            {label}
            {required ? (
              <span className="ml-0.5 text-red-700 dark:text-red-400" aria-hidden="true">
                *
              </span>
            ) : null}
          </label>
          <input
            ref={inputRef}
            id={id}
            type="text"
            role="combobox"
            autoComplete="off"
            aria-autocomplete="list"
            aria-expanded={open}
            aria-controls={listId}
            aria-activedescendant={open && active >= 0 && active < options.length ? `${id}-opt-${active}` : undefined}
            aria-describedby={describedBy}
            aria-invalid={errors?.length ? true : undefined}
            value={q}
            placeholder={placeholder}
            onChange={(e) => {
              setQ(e.target.value);
              setPage(1);
              setOpen(true);
            }}
            onFocus={() => setOpen(true)}
            onClick={() => setOpen(true)}
            onKeyDown={onKeyDown}
            className={controlClasses(!!errors?.length)}
          />
        </div>
        {filter ? (
          <div className="min-w-0 basis-44">
            <label htmlFor={`${id}-filter`} className="mb-1 block text-sm font-medium">
              {filter.label}
            </label>
            <select
              id={`${id}-filter`}
              value={filterValue}
              onChange={(e) => {
                setFilterValue(e.target.value);
                setPage(1);
                setOpen(true);
              }}
              className={controlClasses(false)}
            >
              <option value="">{filter.allLabel}</option>
              {filter.options.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          </div>
        ) : null}
      </div>
      {hint ? (
        <p id={hintId} className="text-xs text-slate-600 dark:text-slate-400">
          {hint}
        </p>
      ) : null}
      {errors?.length ? (
        <div id={errorId} className="text-sm text-red-700 dark:text-red-400">
          {errors.map((m) => (
            <p key={m}>{m}</p>
          ))}
        </div>
      ) : null}
      <p id={statusId} role="status" className="sr-only">
        {open && result && !pending ? `${result.total} ${result.total === 1 ? "result" : "results"}${result.total > result.pageSize ? `, showing ${from} to ${to}` : ""}.` : ""}
      </p>
      <div className={open ? "rounded-md border border-slate-300 bg-white shadow-sm dark:border-slate-600 dark:bg-slate-900" : "hidden"}>
        <ul id={listId} role="listbox" aria-label={typeof label === "string" ? `${label} results` : "Results"} aria-busy={pending || undefined} className={options.length ? "max-h-72 overflow-y-auto py-1" : "hidden"}>
          {options.map((o, i) => {
            const isPicked = picked.includes(o.value);
            const disabled = o.disabled || isPicked;
            return (
              <li
                key={o.value}
                id={`${id}-opt-${i}`}
                role="option"
                aria-selected={i === active}
                aria-disabled={disabled || undefined}
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => pick(i)}
                onMouseEnter={() => !disabled && setActive(i)}
                className={[
                  "cursor-pointer px-3 py-2 text-sm",
                  i === active ? "bg-blue-50 text-blue-900 dark:bg-blue-950 dark:text-blue-100" : "",
                  disabled ? "cursor-not-allowed text-slate-600 dark:text-slate-400" : "",
                ].join(" ")}
              >
                <span className="flex flex-wrap items-center gap-1.5">
                  <span className="font-medium">{o.label}</span>
                  {o.flag ? <Badge tone="amber">{o.flag}</Badge> : null}
                  {isPicked ? <span className="text-xs">(chosen)</span> : o.disabled && o.disabledReason ? <span className="text-xs">({o.disabledReason})</span> : null}
                </span>
                {o.detail ? <span className="block truncate text-xs text-slate-600 dark:text-slate-400">{o.detail}</span> : null}
              </li>
            );
          })}
        </ul>
        {failed ? (
          <p role="alert" className="px-3 py-2 text-sm text-red-700 dark:text-red-400">
            {failed}
          </p>
        ) : result && result.total === 0 && !pending ? (
          <p className="px-3 py-2 text-sm text-slate-600 dark:text-slate-400">Nothing matches{q ? ` "${q}"` : ""}.</p>
        ) : !result || pending ? (
          <p className="px-3 py-2 text-sm text-slate-600 dark:text-slate-400">Searching…</p>
        ) : null}
        {result && result.total > result.pageSize ? (
          <div className="flex items-center justify-between gap-2 border-t border-slate-200 px-3 py-1.5 text-xs text-slate-600 dark:border-slate-700 dark:text-slate-400">
            <span>
              {from}–{to} of {result.total}
            </span>
            <span className="flex gap-1">
              <button type="button" className="rounded border border-slate-300 px-2 py-0.5 disabled:opacity-50 dark:border-slate-600" disabled={page <= 1} onClick={() => setPage((p) => Math.max(1, p - 1))}>
                Previous<span className="sr-only"> results</span>
              </button>
              <button type="button" className="rounded border border-slate-300 px-2 py-0.5 disabled:opacity-50 dark:border-slate-600" disabled={page >= pageCount} onClick={() => setPage((p) => p + 1)}>
                Next<span className="sr-only"> results</span>
              </button>
            </span>
          </div>
        ) : null}
      </div>
    </div>
  );
}

/** The option a SearchPicker chose, carried in the form as the hidden field `name`, with a Clear button. */
export function PickedOption({ name, option, noun, onClear }: { name: string; option: PickerOption; noun: string; onClear: () => void }) {
  return (
    <div className="flex flex-wrap items-center gap-2 rounded-md border border-blue-200 bg-blue-50 px-3 py-2 text-sm dark:border-blue-900 dark:bg-blue-950">
      <input type="hidden" name={name} value={option.value} />
      <span>
        Chosen: <strong>{option.label}</strong>
      </span>
      {option.flag ? <Badge tone="amber">{option.flag}</Badge> : null}
      <span className="text-xs text-slate-600 dark:text-slate-400">{option.detail}</span>
      <Button variant="ghost" size="sm" className="ml-auto" onClick={onClear}>
        Clear<span className="sr-only"> the chosen {noun}</span>
      </Button>
    </div>
  );
}
