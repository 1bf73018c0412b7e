import type { Metadata } from "next";
import Link from "next/link";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { buildOpenApiDocument } from "@/lib/api/openapi";
import { SchemaBlock } from "./_components/schema-block";
import { TokenField, TokenProvider } from "./_components/token-context";
import { TryIt } from "./_components/try-it";
import { toTagViews, type OperationView } from "./_components/view-model";

export const metadata: Metadata = { title: "API reference", description: "Steward's HTTP API: Microsoft Graph–compatible entitlement management, OAuth 2.0 client credentials." };

const METHOD_TONE: Record<string, string> = {
  GET: "bg-blue-100 text-blue-800 dark:bg-blue-950 dark:text-blue-300",
  POST: "bg-green-100 text-green-800 dark:bg-green-950 dark:text-green-300",
  PUT: "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-300",
  PATCH: "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-300",
  DELETE: "bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-300",
};

function MethodBadge({ method }: { method: string }) {
  return <span className={["inline-flex w-16 shrink-0 justify-center rounded px-1.5 py-0.5 font-mono text-xs font-semibold", METHOD_TONE[method]].join(" ")}>{method}</span>;
}

/** OpenAPI descriptions mark code with backticks (as Markdown does): shown as <code>, everything else as text. */
function Prose({ text }: { text: string }) {
  return text.split("`").map((part, i) => (i % 2 === 1 ? <code key={i} className="rounded bg-slate-100 px-1 font-mono text-[0.9em] dark:bg-slate-800">{part}</code> : part));
}

const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, "-");

function OperationCard({ op }: { op: OperationView }) {
  return (
    <article id={op.id} aria-labelledby={`${op.id}-title`} className="scroll-mt-4 rounded-lg border border-slate-200 bg-white shadow-sm dark:border-slate-800 dark:bg-slate-900">
      <div className="space-y-1 border-b border-slate-200 px-4 py-3 dark:border-slate-800">
        <h3 id={`${op.id}-title`} className="text-base font-semibold">
          {op.summary}
        </h3>
        <p className="flex items-start gap-2">
          <MethodBadge method={op.method} />
          <code className="min-w-0 break-all text-sm">{op.path}</code>
        </p>
        <p className="text-xs text-slate-600 dark:text-slate-400">{op.secured ? "Requires a bearer token (client credentials) or a portal session." : "Public: no token needed."}</p>
      </div>
      <div className="space-y-4 p-4">
        {op.description ? <p className="text-sm text-slate-700 dark:text-slate-300"><Prose text={op.description} /></p> : null}
        {op.params.length ? (
          <div>
            <h4 className="mb-1 text-sm font-semibold">Parameters</h4>
            <div className="overflow-x-auto" tabIndex={0} role="region" aria-label={`Parameters of ${op.method} ${op.path}`}>
              <table className="w-full min-w-[32rem] text-left text-sm">
                <thead className="text-xs text-slate-600 uppercase dark:text-slate-400">
                  <tr>
                    <th scope="col" className="py-1 pr-3 font-medium">Name</th>
                    <th scope="col" className="py-1 pr-3 font-medium">In</th>
                    <th scope="col" className="py-1 font-medium">Description</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
                  {op.params.map((p) => (
                    <tr key={`${p.in}-${p.name}`}>
                      <td className="py-1.5 pr-3 align-top font-mono text-xs">
                        {p.name}
                        {p.required ? <span className="ml-1 text-red-700 dark:text-red-400">required</span> : null}
                      </td>
                      <td className="py-1.5 pr-3 align-top text-xs">{p.in}</td>
                      <td className="py-1.5 align-top text-xs text-slate-700 dark:text-slate-300">{p.description ? <Prose text={p.description} /> : null}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        ) : null}
        {op.body ? (
          <div className="space-y-2">
            <h4 className="text-sm font-semibold">
              Request body <span className="font-mono text-xs font-normal text-slate-600 dark:text-slate-400">{op.body.contentType}</span>
            </h4>
            <SchemaBlock label="Request body schema" json={op.body.schema} />
            {op.body.example ? <SchemaBlock label="Example request body" json={op.body.example} /> : null}
          </div>
        ) : null}
        <div className="space-y-2">
          <h4 className="text-sm font-semibold">Responses</h4>
          <ul className="space-y-2">
            {op.responses.map((r) => (
              <li key={r.status} className="text-sm">
                <span className={["font-mono font-semibold", Number(r.status) < 400 ? "text-green-700 dark:text-green-400" : "text-slate-700 dark:text-slate-300"].join(" ")}>{r.status}</span> {r.description}
                {r.headers?.length ? <span className="text-slate-600 dark:text-slate-400"> · headers: {r.headers.join(", ")}</span> : null}
                {r.schema && Number(r.status) < 400 ? (
                  <div className="mt-1">
                    <SchemaBlock label={`${r.status} response schema`} json={r.schema} />
                  </div>
                ) : null}
              </li>
            ))}
          </ul>
          {op.secured ? (
            <p className="text-xs text-slate-600 dark:text-slate-400">
              Errors use Graph&apos;s shape: <code>{'{"error":{"code","message","innerError":{"date","request-id"}}}'}</code>.
            </p>
          ) : null}
        </div>
        <details className="rounded-md border border-blue-200 dark:border-blue-900">
          <summary className="cursor-pointer rounded-md px-3 py-2 text-sm font-medium text-blue-800 hover:bg-blue-50 dark:text-blue-300 dark:hover:bg-blue-950">Try it</summary>
          <div className="border-t border-blue-200 p-3 dark:border-blue-900">
            <TryIt op={op} />
          </div>
        </details>
      </div>
    </article>
  );
}

/** Interactive reference of the API, rendered from the same OpenAPI document served at /api/openapi.json. */
export default function ApiReferencePage() {
  const tags = toTagViews(buildOpenApiDocument());
  const nav = (
    <ul className="space-y-3">
      {tags.map((t) => (
        <li key={t.name}>
          <a href={`#tag-${slug(t.name)}`} className="block rounded px-2 py-1 text-sm font-semibold hover:bg-slate-100 dark:hover:bg-slate-800">
            {t.name}
          </a>
          <ul className="mt-1 space-y-0.5">
            {t.operations.map((op) => (
              <li key={op.id}>
                <a href={`#${op.id}`} className="flex items-center gap-2 rounded px-2 py-1 text-xs text-slate-700 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800">
                  <span className="w-12 shrink-0 font-mono font-semibold">{op.method}</span>
                  <span className="min-w-0">{op.summary}</span>
                </a>
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ul>
  );
  return (
    <div className="flex min-h-dvh flex-col">
      <a href="#main" className="sr-only z-50 rounded-md bg-blue-700 px-4 py-2 text-white focus:not-sr-only focus:fixed focus:top-2 focus:left-2">
        Skip to main content
      </a>
      <header className="border-b border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-2">
          <Link href="/" className="rounded-md py-1 text-lg font-semibold tracking-tight">
            <span aria-hidden="true" className="mr-1 text-blue-600 dark:text-blue-400">
              ◆
            </span>
            Steward
          </Link>
          <span className="text-sm text-slate-600 dark:text-slate-400">API reference</span>
          <nav aria-label="Documentation" className="ml-auto flex gap-1">
            <a href="/api/openapi.json" className="rounded-md px-3 py-2 text-sm font-medium text-slate-700 hover:bg-slate-100 dark:text-slate-200 dark:hover:bg-slate-800">
              OpenAPI JSON
            </a>
            <Link href="/" className="rounded-md px-3 py-2 text-sm font-medium text-slate-700 hover:bg-slate-100 dark:text-slate-200 dark:hover:bg-slate-800">
              Portal
            </Link>
          </nav>
        </div>
      </header>
      <div className="mx-auto flex w-full max-w-7xl gap-8 px-4 py-6">
        <nav aria-label="Operations" className="sticky top-4 hidden max-h-[calc(100dvh-2rem)] w-64 shrink-0 self-start overflow-y-auto lg:block">
          {nav}
        </nav>
        <main id="main" className="min-w-0 flex-1 space-y-8 wrap-anywhere">
          <div className="space-y-2">
            <h1 className="text-2xl font-semibold tracking-tight">API reference</h1>
            <p className="max-w-3xl text-sm text-slate-700 dark:text-slate-300">
              The entitlement management endpoints follow Microsoft Graph v1.0 (<code>identityGovernance/entitlementManagement</code>): the same field names, OData query options and
              error JSON, so a Graph client can talk to Steward. Requests are limited per client; over the limit the API answers 429 with <code>Retry-After</code>.
            </p>
          </div>
          <details className="rounded-lg border border-slate-200 bg-white lg:hidden dark:border-slate-800 dark:bg-slate-900">
            <summary className="cursor-pointer rounded-lg px-4 py-3 text-sm font-medium">All operations</summary>
            <div className="border-t border-slate-200 p-3 dark:border-slate-800">{nav}</div>
          </details>
          <TokenProvider>
            <Card title="Authenticate" description="Agents and service principals use OAuth 2.0 client credentials.">
              <ol className="mb-4 list-decimal space-y-1 pl-5 text-sm text-slate-700 dark:text-slate-300">
                <li>
                  Create a client secret: <code>npm run steward -- credentials add &quot;Steward Automation&quot;</code> (or in the portal, as an owner). <code>credentials list</code> and <code>credentials remove</code> manage the ones that exist.
                </li>
                <li>
                  Exchange it for a token at <code>POST /api/oauth2/v2.0/token</code> (see below), or use the “Try it” panel of that operation.
                </li>
                <li>Paste the <code>access_token</code> here; every panel sends it.</li>
              </ol>
              <pre className="mb-4 overflow-x-auto rounded-md bg-slate-900 p-3 text-xs text-slate-100 dark:bg-slate-950" tabIndex={0} aria-label="Token request example">
                {`curl -X POST "$STEWARD/api/oauth2/v2.0/token" \\
  -d grant_type=client_credentials \\
  -d client_id=<client id> -d client_secret=<client secret> \\
  -d scope=https://graph.microsoft.com/.default`}
              </pre>
              <TokenField />
            </Card>
            {tags.length === 0 ? <EmptyState title="No operations" description="The API document lists no operations." /> : null}
            {tags.map((t) => (
              <section key={t.name} aria-labelledby={`tag-${slug(t.name)}`} className="space-y-4">
                <div>
                  <h2 id={`tag-${slug(t.name)}`} className="scroll-mt-4 text-xl font-semibold">
                    {t.name}
                  </h2>
                  {t.description ? <p className="text-sm text-slate-600 dark:text-slate-400"><Prose text={t.description} /></p> : null}
                </div>
                {t.operations.map((op) => (
                  <OperationCard key={`${op.method} ${op.path}`} op={op} />
                ))}
              </section>
            ))}
          </TokenProvider>
        </main>
      </div>
    </div>
  );
}
