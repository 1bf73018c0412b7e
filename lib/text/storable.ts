/**
 * The first string in `value` (a parsed body or form input) that PostgreSQL cannot store as text: a NUL character, or
 * an unpaired UTF-16 surrogate (e.g. "\ud800"), which UTF-8 cannot encode. Either would fail the insert with a
 * database error instead of a clear refusal. Walked without recursion and without copying paths (bodies may be nested
 * hundreds of thousands deep): each entry points to its parent, and the path is built only for the string found.
 */
export function findUnstorableText(value: unknown): { path: string[]; problem: string } | null {
  type Entry = { v: unknown; key: string | null; parent: Entry | null };
  const stack: Entry[] = [{ v: value, key: null, parent: null }];
  while (stack.length) {
    const entry = stack.pop()!;
    const { v } = entry;
    let problem: string | null = null;
    if (typeof v === "string") {
      if (v.includes("\u0000")) problem = "a NUL character (\\u0000)";
      else if (!v.isWellFormed()) problem = "an unpaired UTF-16 surrogate";
    } else if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) stack.push({ v: v[i], key: String(i), parent: entry });
    } else if (v && typeof v === "object") {
      for (const [k, x] of Object.entries(v)) stack.push({ v: k, key: null, parent: entry }, { v: x, key: k, parent: entry });
    }
    if (problem) return { path: pathOf(entry), problem };
  }
  return null;
}

function pathOf(entry: { key: string | null; parent: { key: string | null; parent: unknown } | null }): string[] {
  const path: string[] = [];
  // A property name is reported at its object's path (its own key is null).
  for (let e: typeof entry | null = entry; e; e = e.parent as typeof entry | null) if (e.key !== null) path.push(e.key);
  return path.reverse();
}
