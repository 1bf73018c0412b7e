/**
 * One CSV record (RFC 4180) ending in CRLF. Fields with a comma, quote or line break are quoted and their quotes
 * doubled; text a spreadsheet would run as a formula (=, +, -, @, tab, CR first) gets a leading apostrophe,
 * since display names come from the directory and must not execute when an administrator opens the file.
 */
export function csvRow(values: readonly (string | number | null | undefined)[]): string {
  return `${values.map(csvField).join(",")}\r\n`;
}

export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  let s = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
