"use client";

import { useState } from "react";
import { Field, Input } from "@/components/ui/field";

/** A Date as the value of <input type="datetime-local"> in the browser's time zone. */
export function toLocalInput(d: Date | null | undefined): string {
  if (!d || Number.isNaN(d.getTime())) return "";
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

export type LocalDateTimeFieldProps = {
  label: string;
  /** The name of the hidden field carrying the value as an ISO 8601 instant ("" when empty). */
  name: string;
  id: string;
  hint?: string;
  errors?: string[];
  min?: Date | null;
  max?: Date | null;
};

/**
 * A date and time picked in the viewer's own time zone, sent as an exact instant (ISO 8601, UTC), so the server
 * never has to guess which zone the browser meant.
 */
export function LocalDateTimeField({ label, name, id, hint, errors, min, max }: LocalDateTimeFieldProps) {
  const [local, setLocal] = useState("");
  const parsed = local ? new Date(local) : null;
  const iso = parsed && !Number.isNaN(parsed.getTime()) ? parsed.toISOString() : "";
  return (
    <Field label={label} name={`${name}-local`} id={id} hint={hint} errors={errors}>
      {(c) => (
        <>
          <Input {...c} name={undefined} type="datetime-local" value={local} onChange={(e) => setLocal(e.target.value)} min={toLocalInput(min)} max={toLocalInput(max)} />
          <input type="hidden" name={name} value={iso} />
        </>
      )}
    </Field>
  );
}
