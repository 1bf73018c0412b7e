/**
 * The first string in `value` (a parsed body or form input, walked without recursion: bodies may be nested thousands
 * deep) that PostgreSQL cannot store as text: a NUL character, or an unpaired UTF-16 surrogate (e.g. "\ud800"), which
 * UTF-8 cannot encode. Either would fail the insert with a database error instead of a clear refusal.
 */
export function findUnstorableText(value: unknown): { path: string[]; problem: string } | null {
  const stack: { v: unknown; path: string[] }[] = [{ v: value, path: [] }];
  while (stack.length) {
    const { v, path } = stack.pop()!;
    if (typeof v === "string") {
      if (v.includes("\u0000")) return { path, problem: "a NUL character (\\u0000)" };
      if (!v.isWellFormed()) return { path, problem: "an unpaired UTF-16 surrogate" };
    } else if (Array.isArray(v)) {
      v.forEach((x, i) => stack.push({ v: x, path: [...path, String(i)] }));
    } else if (v && typeof v === "object") {
      for (const [k, x] of Object.entries(v)) stack.push({ v: k, path }, { v: x, path: [...path, k] });
    }
  }
  return null;
}
