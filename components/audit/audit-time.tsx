/** An audit timestamp to the second, in UTC ("2026-11-22 04:17:50"): events often share a minute. */
export function AuditTime({ value }: { value: Date }) {
  const iso = value.toISOString();
  return <time dateTime={iso}>{`${iso.slice(0, 10)} ${iso.slice(11, 19)}`}</time>;
}
