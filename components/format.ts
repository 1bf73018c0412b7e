const UTC_FORMAT = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
  timeZone: "UTC",
});

/** "22 Nov 2026, 14:05 UTC": the same on server and browser, whatever the viewer's time zone. */
export function formatUtc(value: Date | string | null | undefined, empty = "—"): string {
  if (value == null) return empty;
  const d = typeof value === "string" ? new Date(value) : value;
  if (Number.isNaN(d.getTime())) return empty;
  return `${UTC_FORMAT.format(d)} UTC`;
}
