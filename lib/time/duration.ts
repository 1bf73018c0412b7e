/** ISO 8601 durations as Entra uses them (P30D, PT8H, P1Y2M, P2W). */
const RE = /^P(?!$)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

export type Duration = { years: number; months: number; weeks: number; days: number; hours: number; minutes: number; seconds: number };

export function parseDuration(text: string): Duration | null {
  const m = RE.exec(text);
  if (!m) return null;
  const n = (s: string | undefined) => (s ? Number(s) : 0);
  return { years: n(m[1]), months: n(m[2]), weeks: n(m[3]), days: n(m[4]), hours: n(m[5]), minutes: n(m[6]), seconds: n(m[7]) };
}

export function isDuration(text: string): boolean {
  const d = parseDuration(text);
  return d !== null && durationMs(d, new Date(0)) > 0;
}

/** Adds a duration to a date (calendar arithmetic for years and months, in UTC). */
export function addDuration(from: Date, text: string): Date {
  const d = parseDuration(text);
  if (!d) throw new Error(`Not an ISO 8601 duration: ${text}`);
  const out = new Date(from.getTime());
  if (d.years || d.months) out.setUTCMonth(out.getUTCMonth() + d.years * 12 + d.months);
  const ms = ((((d.weeks * 7 + d.days) * 24 + d.hours) * 60 + d.minutes) * 60 + d.seconds) * 1000;
  return new Date(out.getTime() + ms);
}

function durationMs(d: Duration, from: Date): number {
  const text = `P${d.years}Y${d.months}M${d.weeks}W${d.days}DT${d.hours}H${d.minutes}M${d.seconds}S`;
  return addDuration(from, text).getTime() - from.getTime();
}

/** Human wording: "8 hours", "30 days". */
export function describeDuration(text: string): string {
  const d = parseDuration(text);
  if (!d) return text;
  const parts: string[] = [];
  const push = (n: number, unit: string) => n && parts.push(`${n} ${unit}${n === 1 ? "" : "s"}`);
  push(d.years, "year");
  push(d.months, "month");
  push(d.weeks, "week");
  push(d.days, "day");
  push(d.hours, "hour");
  push(d.minutes, "minute");
  push(d.seconds, "second");
  return parts.join(" ") || text;
}
