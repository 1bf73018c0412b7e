import { formatUtc } from "./format";

/** A date in readable UTC inside a <time> element; `empty` when there is none (e.g. "never"). */
export function DateTime({ value, empty = "—" }: { value: Date | string | null | undefined; empty?: string }) {
  if (value == null) return <>{empty}</>;
  const d = typeof value === "string" ? new Date(value) : value;
  if (Number.isNaN(d.getTime())) return <>{empty}</>;
  return <time dateTime={d.toISOString()}>{formatUtc(d)}</time>;
}
