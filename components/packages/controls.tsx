"use client";

import type { ReactNode } from "react";

/** Error text beside a group of controls (fieldsets, pickers); tie it to the group with aria-describedby={id}. */
export function GroupErrors({ id, errors }: { id: string; errors?: string[] }) {
  if (!errors?.length) return null;
  return (
    <div id={id} className="text-sm text-red-700 dark:text-red-400">
      {errors.map((m) => (
        <p key={m}>{m}</p>
      ))}
    </div>
  );
}

export function Checkbox({
  id,
  label,
  hint,
  checked,
  onChange,
  disabled,
  describedBy,
}: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  checked: boolean;
  onChange: (checked: boolean) => void;
  disabled?: boolean;
  describedBy?: string;
}) {
  const hintId = hint ? `${id}-hint` : undefined;
  return (
    <div className="flex items-start gap-2">
      <input
        id={id}
        type="checkbox"
        checked={checked}
        disabled={disabled}
        onChange={(e) => onChange(e.target.checked)}
        aria-describedby={[hintId, describedBy].filter(Boolean).join(" ") || undefined}
        className="mt-0.5 size-4 shrink-0 rounded border-slate-300 accent-blue-600 disabled:opacity-60"
      />
      <div className="min-w-0">
        <label htmlFor={id} className="text-sm font-medium">
          {label}
        </label>
        {hint ? (
          <p id={hintId} className="text-xs text-slate-600 dark:text-slate-400">
            {hint}
          </p>
        ) : null}
      </div>
    </div>
  );
}

export type RadioOption<V extends string> = { value: V; label: ReactNode; hint?: ReactNode };

/** A fieldset of radio buttons with its legend, and errors beside it. */
export function RadioGroup<V extends string>({
  name,
  legend,
  options,
  value,
  onChange,
  errors,
  className,
  inline,
}: {
  name: string;
  legend: ReactNode;
  options: RadioOption<V>[];
  value: V;
  onChange: (value: V) => void;
  errors?: string[];
  className?: string;
  inline?: boolean;
}) {
  const errorId = errors?.length ? `${name}-error` : undefined;
  return (
    <fieldset className={["space-y-2", className].filter(Boolean).join(" ")} aria-describedby={errorId} aria-invalid={errorId ? true : undefined}>
      <legend className="mb-1 text-sm font-medium">{legend}</legend>
      <div className={inline ? "flex flex-wrap gap-x-5 gap-y-2" : "space-y-2"}>
        {options.map((o) => {
          const id = `${name}-${o.value}`;
          return (
            <div key={o.value} className="flex items-start gap-2">
              <input
                id={id}
                type="radio"
                name={name}
                value={o.value}
                checked={value === o.value}
                onChange={() => onChange(o.value)}
                aria-describedby={o.hint ? `${id}-hint` : undefined}
                className="mt-0.5 size-4 shrink-0 accent-blue-600"
              />
              <div className="min-w-0">
                <label htmlFor={id} className="text-sm">
                  {o.label}
                </label>
                {o.hint ? (
                  <p id={`${id}-hint`} className="text-xs text-slate-600 dark:text-slate-400">
                    {o.hint}
                  </p>
                ) : null}
              </div>
            </div>
          );
        })}
      </div>
      <GroupErrors id={`${name}-error`} errors={errors} />
    </fieldset>
  );
}
