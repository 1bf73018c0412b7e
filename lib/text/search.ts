/** `s` with LIKE's wildcards (`%`, `_`) and its escape character taken literally. */
export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * A case-insensitive "contains" pattern for `ilike` from what someone typed into a search box (or a `?q=` in a URL).
 * LIKE wildcards are taken literally, and NUL characters, which PostgreSQL text cannot hold (the query would fail),
 * are dropped: nothing can contain them.
 */
export function containsPattern(q: string): string {
  return `%${escapeLike(q.replaceAll("\u0000", ""))}%`;
}
