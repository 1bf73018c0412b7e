import type { ActionResult } from "@/lib/actions/result";

/** A server action's result for `useActionState`, plus what was submitted so a failed form keeps its input. */
export type FormState<T = undefined> = (ActionResult<T> & { values?: FormValues }) | null;

export type FormValues = Record<string, string | string[]>;

/** The submitted fields (without React's internal $ACTION_ keys); repeated names become arrays. */
export function formValues(formData: FormData): FormValues {
  const out: FormValues = {};
  for (const [key, raw] of formData.entries()) {
    if (key.startsWith("$ACTION")) continue;
    const value = typeof raw === "string" ? raw : raw.name;
    const prev = out[key];
    out[key] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
  }
  return out;
}

/** One text value of a form, trimmed; "" when absent. */
export function text(formData: FormData, name: string): string {
  const v = formData.get(name);
  return typeof v === "string" ? v.trim() : "";
}

/** The first value of a field from a previous submission, for `defaultValue`. */
export function valueOf(values: FormValues | undefined, name: string, fallback = ""): string {
  const v = values?.[name];
  return v === undefined ? fallback : Array.isArray(v) ? (v[0] ?? fallback) : v;
}

/** All values of a repeated field (checkboxes) from a previous submission. */
export function valuesOf(values: FormValues | undefined, name: string): string[] {
  const v = values?.[name];
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

/** Field errors for one form field, gathered from the verb's keys (e.g. "displayName", "answers.q1"). */
export function errorsFor(state: FormState<unknown> | undefined, ...keys: string[]): string[] | undefined {
  if (!state || state.ok || !state.fieldErrors) return undefined;
  const list = keys.flatMap((k) => Object.entries(state.fieldErrors!).filter(([key]) => key === k || key.startsWith(`${k}.`)).flatMap(([, v]) => v));
  return list.length ? [...new Set(list)] : undefined;
}
