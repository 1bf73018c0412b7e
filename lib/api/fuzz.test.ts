import { afterAll, beforeAll, expect, it } from "vitest";
import fc from "fast-check";
import type { Database } from "@/db";
import { SEED_IDS } from "@/db/seed";
import { createTestDatabase } from "@/lib/testing/test-db";
import { startRouteServer, type RouteServer } from "@/lib/testing/route-server";
import { signAccessToken } from "@/lib/auth/tokens";
import { operations, type Operation } from "./openapi";

/*
 * Property-based fuzz of every documented operation that takes a body (POST/PATCH/PUT) and of the query options of
 * every list endpoint: random JSON, wrong types, huge and odd Unicode strings, deep nesting, malformed JSON, odd
 * OData options. Whatever comes in, the API answers below 500, every error is in Graph's shape (OAuth's on the
 * token endpoint) and nothing leaks a stack trace. FUZZ_SEED=<n> replays a run.
 */

const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
const BODY_RUNS = 100;
const QUERY_RUNS = 45;
const STACK = /\n\s+at |node_modules|\.ts:\d+/;

let database: Database;
let server: RouteServer;
let bearer: string;
const savedLimit = process.env.STEWARD_RATE_LIMIT_PER_SECOND;

beforeAll(async () => {
  process.env.STEWARD_RATE_LIMIT_PER_SECOND = "0"; // thousands of requests from one client on purpose
  database = await createTestDatabase();
  server = await startRouteServer(database);
  bearer = await signAccessToken({ sub: SEED_IDS.servicePrincipals.stewardAutomation, appid: SEED_IDS.applicationAppIds.stewardAutomation, idtyp: "app", ptype: "servicePrincipal", roles: [] });
});
afterAll(async () => {
  if (savedLimit === undefined) delete process.env.STEWARD_RATE_LIMIT_PER_SECOND;
  else process.env.STEWARD_RATE_LIMIT_PER_SECOND = savedLimit;
  await server?.close();
  await database?.close();
});

// ------------------------------------------------------------------------------------------------ generators

const weirdString = fc.oneof(
  fc.string(),
  fc.string({ unit: "binary", maxLength: 60 }),
  fc.string({ unit: "grapheme", maxLength: 30 }),
  fc.constantFrom("", " ", "\u0000", "a\u0000b", "\uD800", "\uDFFF", "😀".repeat(50), "' or 1=1 --", "%00", "../../etc/passwd", "<script>alert(1)</script>", "NaN", "null", "1e309", "-0", "\r\n\t", "𝕊𝕥𝕖𝕨𝕒𝕣𝕕"),
  fc.integer({ min: 1000, max: 300_000 }).map((n) => "x".repeat(n)),
);

const weirdValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 3, arbitrary: weirdString },
  { weight: 1, arbitrary: fc.constantFrom(null, true, false, 0, -1, 1.5, 2 ** 53, -(2 ** 63), 1e308, [], {}, [null], { "@odata.type": "#microsoft.graph.nothing" }) },
  { weight: 1, arbitrary: fc.uuid() },
);

function nest(depth: number, kind: "array" | "object"): string {
  return kind === "array" ? `${"[".repeat(depth)}${"]".repeat(depth)}` : `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`;
}

/** Every path into a JSON value (for replacing one leaf or branch). */
function paths(v: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (v && typeof v === "object") {
    const entries = Array.isArray(v) ? v.map((x, i) => [i, x] as const) : Object.entries(v);
    return [prefix, ...entries.flatMap(([k, x]) => paths(x, [...prefix, k]))];
  }
  return [prefix];
}

function replaceAt(v: unknown, path: (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const copy = (Array.isArray(v) ? [...v] : { ...(v as object) }) as Record<string | number, unknown>;
  copy[path[0]] = replaceAt(copy[path[0]], path.slice(1), value);
  return copy;
}

type BodyCase = { text: string; contentType: string; label: string };

function bodyArbitrary(op: Operation): fc.Arbitrary<BodyCase> {
  const json = op.bodyContentType === "application/json";
  const example = op.example.body ?? {};
  const exampleText = JSON.stringify(example);
  const all = paths(example);
  const encode = (v: unknown): string => (json ? JSON.stringify(v) : new URLSearchParams(Object.entries((v && typeof v === "object" ? v : { v }) as Record<string, unknown>).map(([k, x]) => [k, typeof x === "string" ? x : JSON.stringify(x) ?? ""])).toString());
  const ct = op.bodyContentType;
  return fc.oneof(
    { weight: 4, arbitrary: fc.tuple(fc.constantFrom(...all), weirdValue).map(([p, v]) => ({ text: encode(replaceAt(example, p, v)), contentType: ct, label: `example with ${p.join(".") || "(root)"} replaced` })) },
    { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...all), fc.constantFrom(...all), weirdValue, weirdValue).map(([p, q, v, w]) => ({ text: encode(replaceAt(replaceAt(example, p, v), q, w)), contentType: ct, label: "example with two parts replaced" })) },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v) => ({ text: encode(v), contentType: ct, label: "random JSON" })) },
    { weight: 1, arbitrary: fc.dictionary(weirdString.filter((k) => k.length < 100), weirdValue, { maxKeys: 8 }).map((v) => ({ text: encode(v), contentType: ct, label: "random object" })) },
    { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 50, max: 20_000 }), fc.constantFrom("array" as const, "object" as const)).map(([d, k]) => ({ text: nest(d, k), contentType: ct, label: `nested ${d} deep` })) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...all.filter((p) => p.length > 0)), fc.integer({ min: 50, max: 5000 })).map(([p, d]) => ({ text: JSON.stringify(replaceAt(example, p, "__NEST__")).replace('"__NEST__"', nest(d, "object")), contentType: ct, label: `example with ${p.join(".")} nested ${d} deep` })) },
    { weight: 1, arbitrary: fc.integer({ min: 0, max: Math.max(0, exampleText.length - 1) }).map((n) => ({ text: exampleText.slice(0, n), contentType: ct, label: "truncated example" })) },
    { weight: 1, arbitrary: fc.oneof(fc.string(), fc.constantFrom("{", "}", "[1,]", "{'a':1}", "undefined", "\u0000", "\uFEFF{}", '{"a":1}{"b":2}', "NaN", "")).map((t) => ({ text: t, contentType: ct, label: "malformed" })) },
    { weight: 1, arbitrary: fc.constantFrom("text/plain", "application/xml", "multipart/form-data; boundary=x", "application/json; charset=utf-16", json ? "application/x-www-form-urlencoded" : "application/json").map((c) => ({ text: exampleText, contentType: c, label: `content-type ${c}` })) },
  );
}

const odataValue = fc.oneof(
  weirdString.filter((s) => s.length < 2000),
  fc.constantFrom(
    "state eq",
    "displayName eq 'x' and (",
    "contains(displayName,'%')",
    "startswith(displayName,'_')",
    "id eq 'not-a-guid'",
    "id eq 00000000-0000-0000-0000-000000000000",
    "createdDateTime gt 2020-13-45T99:00:00Z",
    "createdDateTime gt 99999-01-01T00:00:00Z",
    "accessPackage/id eq null",
    "state in ('delivered','x')",
    "not not not (true)",
    "displayName eq 'it''s'",
    "displayName eq 'a\u0000b'",
    "displayName eq '\uD800'",
    "nonexistent eq 1",
    `${"(".repeat(500)}true${")".repeat(500)}`,
    Array.from({ length: 150 }, (_, i) => `displayName eq '${i}'`).join(" or "),
    "catalog($expand=accessPackages($expand=catalog))",
    "resourceRoleScopes($expand=role,scope)",
    "*",
    "displayName desc,id asc,foo",
    "-1",
    "0",
    "1000000000000",
    "1e3",
    "true",
    "yes",
  ),
);

// (A request line over Node's 16 KB header limit is refused by the HTTP server itself with 431, before the app.)
const ODATA_OPTIONS = ["$filter", "$top", "$skip", "$skiptoken", "$orderby", "$select", "$expand", "$count", "$search", "$format", "$foo", "filter", "$TOP"];

const queryArbitrary: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.array(fc.tuple(fc.constantFrom(...ODATA_OPTIONS), odataValue), { minLength: 1, maxLength: 4 }).map((pairs) => new URLSearchParams(pairs).toString()),
  },
  { weight: 1, arbitrary: fc.constantFrom("%zz", "$filter=%E0%A4%A", "$top=1&$top=2", "$filter=%00", "$skiptoken=eyJvIjo5OTk5OTk5OTk5fQ", "&&&", "$expand=", "=x", "$filter=" + "a".repeat(10_000)) },
);

// ------------------------------------------------------------------------------------------------ the checks

type Failure = { op: string; input: string; status: number; body: string };

function urlFor(op: Operation, query = ""): string {
  const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const v = op.example.params?.[name];
    // Placeholders such as "<request id>" become a random id: the request is then about an object that does not exist.
    return v && !v.startsWith("<") ? encodeURIComponent(v).replace(/%27/g, "'").replace(/%28/g, "(").replace(/%29/g, ")").replace(/%3D/g, "=") : crypto.randomUUID();
  });
  return `${server.url}${path}${query ? `?${query}` : ""}`;
}

function problem(op: Operation, status: number, text: string): string | null {
  if (status >= 500) return `status ${status}`;
  if (STACK.test(text)) return "stack trace or source path in the body";
  if (status < 400) return null;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return "error body is not JSON";
  }
  const e = (body as { error?: unknown }).error;
  if (op.path === "/api/oauth2/v2.0/token") return typeof e === "string" && typeof (body as { error_description?: unknown }).error_description === "string" ? null : "token error not in OAuth's shape";
  const g = e as { code?: unknown; message?: unknown; innerError?: { date?: unknown; "request-id"?: unknown } } | undefined;
  if (typeof g?.code !== "string" || typeof g.message !== "string" || typeof g.innerError?.date !== "string" || typeof g.innerError?.["request-id"] !== "string") return "error not in Graph's shape";
  return null;
}

async function send(op: Operation, init: { query?: string; body?: BodyCase }): Promise<{ status: number; text: string }> {
  const headers: Record<string, string> = {};
  if (op.auth === "bearer") headers.authorization = `Bearer ${bearer}`;
  if (init.body) headers["content-type"] = init.body.contentType;
  const res = await fetch(urlFor(op, init.query), { method: op.method, headers, body: init.body?.text });
  return { status: res.status, text: await res.text() };
}

it("fuzz: ≥ 2000 generated bodies and query strings across every POST/PATCH/PUT and list endpoint — never a 5xx, errors in Graph's shape, no stack traces", async () => {
  const all = operations().filter((o) => o.file && !o.path.startsWith("/api/auth/") && o.path !== "/api/mcp");
  const withBody = all.filter((o) => o.method !== "GET" && o.method !== "DELETE" && (o.body || o.example.body !== undefined));
  const lists = all.filter((o) => o.method === "GET" && (o.odata || o.expand?.length));
  expect(withBody.length).toBeGreaterThan(10);
  expect(lists.length).toBeGreaterThan(5);

  const failures: Failure[] = [];
  let total = 0;
  const started = Date.now();
  let seed = SEED;
  for (const op of withBody) {
    for (const body of fc.sample(bodyArbitrary(op), { numRuns: BODY_RUNS, seed: seed++ })) {
      const r = await send(op, { body });
      total++;
      const p = problem(op, r.status, r.text);
      if (p) failures.push({ op: `${op.method} ${op.path}`, input: `${body.label} [${body.contentType}]: ${body.text.slice(0, 300)}`, status: r.status, body: `${p}: ${r.text.slice(0, 300)}` });
    }
  }
  for (const op of lists) {
    for (const query of fc.sample(queryArbitrary, { numRuns: QUERY_RUNS, seed: seed++ })) {
      const r = await send(op, { query });
      total++;
      const p = problem(op, r.status, r.text);
      if (p) failures.push({ op: `${op.method} ${op.path}`, input: `?${query.slice(0, 300)}`, status: r.status, body: `${p}: ${r.text.slice(0, 300)}` });
    }
  }
  console.log(`[fuzz] seed ${SEED}: ${total} requests (${withBody.length} body endpoints × ${BODY_RUNS}, ${lists.length} list endpoints × ${QUERY_RUNS}) in ${((Date.now() - started) / 1000).toFixed(1)} s; ${failures.length} failure(s)`);
  expect(total).toBeGreaterThanOrEqual(2000);
  const byOp = new Map<string, Failure[]>();
  for (const f of failures) byOp.set(f.op, [...(byOp.get(f.op) ?? []), f]);
  expect([...byOp.entries()].map(([op, fs]) => ({ op, count: fs.length, first: fs.slice(0, 3) })), `replay with FUZZ_SEED=${SEED}`).toEqual([]);
}, 300_000);

it("a NUL character or an unpaired surrogate in a body or a query is a 400 that says what to remove, not a 500 from the database", async () => {
  const catalogs = `${server.url}/api/v1.0/identityGovernance/entitlementManagement/catalogs`;
  const post = (text: string) => fetch(catalogs, { method: "POST", headers: { authorization: `Bearer ${bearer}`, "content-type": "application/json" }, body: text });
  for (const [text, says] of [
    ['{"displayName":"a\\u0000b"}', /NUL character/],
    ['{"displayName":"x","description":"\\ud800"}', /unpaired UTF-16 surrogate/],
    ['{"displayName":"x","\\udfff":1}', /unpaired UTF-16 surrogate/],
  ] as const) {
    const res = await post(text);
    expect(res.status, text).toBe(400);
    expect((await res.json()).error.message).toMatch(says);
  }
  const q = await fetch(`${catalogs}?$filter=${encodeURIComponent("displayName eq 'a\u0000'")}`, { headers: { authorization: `Bearer ${bearer}` } });
  expect(q.status).toBe(400);
  expect((await q.json()).error.message).toMatch(/NUL character/);
});
