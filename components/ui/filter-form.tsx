import Link from "next/link";
import type { ReactNode } from "react";
import { Input, Select, type SelectOption } from "./field";
import { Button } from "./button";
import type { TableSort } from "./data-table-params";

/**
 * A GET form of list filters above a server-paged table. Submitting starts again at page 1 and keeps the
 * table's sort; "Clear" (shown while any filter is set) goes back to the bare list.
 */
export function FilterForm({ label, clearHref, active, sort, children }: { label: string; clearHref: string; active: boolean; sort?: TableSort | null; children: ReactNode }) {
  return (
    <form role="search" aria-label={label} method="get" className="flex flex-wrap items-end gap-x-3 gap-y-2">
      {children}
      {sort ? (
        <>
          <input type="hidden" name="sort" value={sort.id} />
          <input type="hidden" name="dir" value={sort.desc ? "desc" : "asc"} />
        </>
      ) : null}
      <div className="flex items-center gap-1">
        <Button type="submit" variant="secondary">
          Apply filters
        </Button>
        {active ? (
          <Link href={clearHref} className="px-2 py-2 text-sm text-blue-700 hover:underline dark:text-blue-300">
            Clear
          </Link>
        ) : null}
      </div>
    </form>
  );
}

const FIELD = "min-w-0 flex-1 basis-40 sm:max-w-64";

export function FilterSelect({ id, name, label, value, options, anyLabel }: { id: string; name: string; label: string; value: string | undefined; options: SelectOption[]; anyLabel: string }) {
  return (
    <div className={FIELD}>
      <label htmlFor={id} className="mb-1 block text-sm font-medium">
        {label}
      </label>
      <Select id={id} name={name} defaultValue={value ?? ""} className="h-10">
        <option value="">{anyLabel}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </Select>
    </div>
  );
}

export function FilterInput({ id, name, label, value, type = "text", placeholder }: { id: string; name: string; label: string; value: string | undefined; type?: "text" | "search" | "date"; placeholder?: string }) {
  return (
    <div className={FIELD}>
      <label htmlFor={id} className="mb-1 block text-sm font-medium">
        {label}
      </label>
      <Input id={id} name={name} type={type} defaultValue={value ?? ""} placeholder={placeholder} className="h-10" />
    </div>
  );
}
