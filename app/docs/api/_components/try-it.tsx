"use client";

import { useId, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { controlClasses } from "@/components/ui/field";
import { Toast } from "@/components/ui/toast";
import type { OperationView } from "./view-model";
import { useToken } from "./token-context";

type Result = { status: number; statusText: string; ms: number; body: string; retryAfter: string | null } | { error: string };

function formatBody(text: string): string {
  if (!text) return "(no body)";
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

/** Sends the operation from the browser with the page's bearer token and shows status and body. */
export function TryIt({ op }: { op: OperationView }) {
  const { token } = useToken();
  const uid = useId();
  const pathParams = op.params.filter((p) => p.in === "path");
  const [values, setValues] = useState<Record<string, string>>(() => Object.fromEntries(pathParams.map((p) => [p.name, p.example ?? ""])));
  const [query, setQuery] = useState("");
  const [body, setBody] = useState(op.body?.example ?? (op.body ? "{}" : ""));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [pending, setPending] = useState(false);
  const [result, setResult] = useState<Result | null>(null);

  async function send(e: FormEvent) {
    e.preventDefault();
    const next: Record<string, string> = {};
    for (const p of pathParams) if (!values[p.name]?.trim()) next[p.name] = `Enter ${p.name}.`;
    let payload: string | undefined;
    if (op.body) {
      try {
        const parsed = JSON.parse(body || "null");
        payload = op.body.contentType === "application/x-www-form-urlencoded" ? new URLSearchParams(parsed as Record<string, string>).toString() : JSON.stringify(parsed);
      } catch {
        next.body = "The body is not valid JSON.";
      }
    }
    setErrors(next);
    if (Object.keys(next).length) return;
    const path = op.path.replace(/\{(\w+)\}/g, (_, n: string) => encodeURIComponent(values[n].trim()).replace(/%27/g, "'").replace(/%28/g, "(").replace(/%29/g, ")").replace(/%3D/g, "="));
    const q = query.trim().replace(/^\?/, "");
    const headers: Record<string, string> = {};
    if (op.secured && token) headers.authorization = `Bearer ${token}`;
    if (payload !== undefined) headers["content-type"] = op.body!.contentType;
    setPending(true);
    setResult(null);
    const started = performance.now();
    try {
      const res = await fetch(`${path}${q ? `?${q}` : ""}`, { method: op.method, headers, body: payload, credentials: "omit" });
      const text = await res.text();
      setResult({ status: res.status, statusText: res.statusText, ms: Math.round(performance.now() - started), body: formatBody(text), retryAfter: res.headers.get("retry-after") });
    } catch (err) {
      setResult({ error: `The request could not be sent: ${err instanceof Error ? err.message : String(err)}` });
    } finally {
      setPending(false);
    }
  }

  const ok = result && "status" in result && result.status < 400;
  return (
    <form onSubmit={send} noValidate className="space-y-3">
      {op.secured && !token ? (
        <p className="text-sm text-amber-800 dark:text-amber-300">No bearer token set above: this request will be sent without one (expect 401).</p>
      ) : null}
      {pathParams.map((p) => {
        const id = `${uid}-${p.name}`;
        return (
          <div key={p.name} className="space-y-1">
            <label htmlFor={id} className="block text-sm font-medium">
              {p.name} <span className="font-normal text-slate-600 dark:text-slate-400">(path)</span>
            </label>
            <input
              id={id}
              value={values[p.name] ?? ""}
              onChange={(e) => setValues({ ...values, [p.name]: e.target.value })}
              aria-invalid={errors[p.name] ? true : undefined}
              aria-describedby={errors[p.name] ? `${id}-error` : undefined}
              className={controlClasses(Boolean(errors[p.name]), "font-mono")}
              spellCheck={false}
            />
            {errors[p.name] ? (
              <p id={`${id}-error`} className="text-sm text-red-700 dark:text-red-400">
                {errors[p.name]}
              </p>
            ) : null}
          </div>
        );
      })}
      {op.params.some((p) => p.in === "query") ? (
        <div className="space-y-1">
          <label htmlFor={`${uid}-query`} className="block text-sm font-medium">
            Query string
          </label>
          <input id={`${uid}-query`} value={query} onChange={(e) => setQuery(e.target.value)} placeholder="$top=5&$count=true" className={controlClasses(false, "font-mono")} spellCheck={false} />
        </div>
      ) : null}
      {op.body ? (
        <div className="space-y-1">
          <label htmlFor={`${uid}-body`} className="block text-sm font-medium">
            Body <span className="font-normal text-slate-600 dark:text-slate-400">(JSON{op.body.contentType.includes("form") ? ", sent form-encoded" : ""})</span>
          </label>
          <textarea
            id={`${uid}-body`}
            value={body}
            onChange={(e) => setBody(e.target.value)}
            rows={Math.min(14, Math.max(4, body.split("\n").length))}
            aria-invalid={errors.body ? true : undefined}
            aria-describedby={errors.body ? `${uid}-body-error` : undefined}
            className={controlClasses(Boolean(errors.body), "font-mono text-xs")}
            spellCheck={false}
          />
          {errors.body ? (
            <p id={`${uid}-body-error`} className="text-sm text-red-700 dark:text-red-400">
              {errors.body}
            </p>
          ) : null}
        </div>
      ) : null}
      <Button type="submit" size="sm" disabled={pending} aria-disabled={pending}>
        {pending ? "Sending…" : `Send ${op.method}`}
      </Button>
      <div aria-live="polite" className="space-y-2">
        {result && "error" in result ? <Toast tone="error" message={result.error} /> : null}
        {result && "status" in result ? (
          <div className="space-y-2">
            <p className="text-sm">
              Response:{" "}
              <span className={["font-mono font-semibold", ok ? "text-green-700 dark:text-green-400" : "text-red-700 dark:text-red-400"].join(" ")}>
                {result.status} {result.statusText}
              </span>{" "}
              <span className="text-slate-600 dark:text-slate-400">in {result.ms} ms{result.retryAfter ? ` · Retry-After: ${result.retryAfter} s` : ""}</span>
            </p>
            <pre className="max-h-96 overflow-auto rounded-md bg-slate-900 p-3 text-xs text-slate-100 dark:bg-slate-950" tabIndex={0} aria-label={`Response body of ${op.method} ${op.path}`}>
              {result.body}
            </pre>
          </div>
        ) : null}
      </div>
    </form>
  );
}
