"use client";

import { useEffect, useRef, useState, useTransition } from "react";

/**
 * A search box's state, searched on the server as you type: debounced by 250 ms, the latest query wins (a slower
 * earlier answer is dropped), a failure is remembered until the next answer. `run` searches at once (on focus,
 * on Enter). No search happens before the box is first used.
 */
export function useServerSearch<T>(search: (q: string) => Promise<T[]>) {
  const [q, setQ] = useState("");
  const [results, setResults] = useState<T[] | null>(null);
  const [failed, setFailed] = useState(false);
  const [pending, startTransition] = useTransition();
  const latest = useRef(0);

  function run(query: string) {
    const n = ++latest.current;
    startTransition(async () => {
      try {
        const found = await search(query);
        if (n === latest.current) {
          setResults(found);
          setFailed(false);
        }
      } catch {
        if (n === latest.current) setFailed(true);
      }
    });
  }

  useEffect(() => {
    if (results === null && q === "") return;
    const t = setTimeout(() => run(q), 250);
    return () => clearTimeout(t);
    // Search again when the text changes; `run` is recreated each render on purpose (it closes over `search`).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [q]);

  return { q, setQ, results, setResults, failed, pending, run };
}
