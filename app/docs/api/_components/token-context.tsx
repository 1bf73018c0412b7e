"use client";

import { createContext, useContext, useEffect, useState, type ReactNode } from "react";
import { controlClasses } from "@/components/ui/field";

const TokenContext = createContext<{ token: string; setToken: (t: string) => void }>({ token: "", setToken: () => {} });
const KEY = "steward.apiDocs.token";

/** The bearer token every "Try it" panel sends; kept for this tab only (sessionStorage), never sent anywhere else. */
export function TokenProvider({ children }: { children: ReactNode }) {
  const [token, setTokenState] = useState("");
  useEffect(() => {
    const saved = window.sessionStorage.getItem(KEY);
    // Restoring the tab's token after hydration; the server render has none.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    if (saved) setTokenState(saved);
  }, []);
  const setToken = (t: string) => {
    setTokenState(t);
    if (t) window.sessionStorage.setItem(KEY, t);
    else window.sessionStorage.removeItem(KEY);
  };
  return <TokenContext.Provider value={{ token, setToken }}>{children}</TokenContext.Provider>;
}

export function useToken() {
  return useContext(TokenContext);
}

export function TokenField() {
  const { token, setToken } = useToken();
  return (
    <div className="space-y-1">
      <label htmlFor="api-token" className="block text-sm font-medium">
        Bearer token
      </label>
      <input
        id="api-token"
        type="password"
        autoComplete="off"
        spellCheck={false}
        value={token}
        onChange={(e) => setToken(e.target.value.trim())}
        placeholder="eyJhbGciOiJFZERTQSIs…"
        aria-describedby="api-token-hint"
        className={controlClasses(false, "font-mono")}
      />
      <p id="api-token-hint" className="text-xs text-slate-600 dark:text-slate-400">
        Sent as <code>Authorization: Bearer …</code> by every “Try it” panel on this page. Kept in this tab only.
      </p>
    </div>
  );
}
