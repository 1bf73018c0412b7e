/**
 * `npm run bench:api`: API throughput with autocannon against `next start` on 127.0.0.1, on a scaled database
 * (PGlite in BENCH_PGLITE_DIR, or PostgreSQL when DATABASE_URL is set). Run `npx next build` first.
 *
 * Cases, each at 10 and 50 connections, in the same server process so they can be compared as ratios:
 *   1. baseline: GET /api/bench/baseline?id=… — one primary-key read, small JSON, no auth;
 *   2. POST …/assignmentRequests by an agent for itself, to the hidden auto-approved bench package: every request
 *      is a new delivery by a different agent (tokens minted with the server's AUTH_SECRET);
 *   3. GET …/assignments/filterByCurrentUser(on='target') as an agent (falls back to GET …/assignmentRequests
 *      while that route does not exist, and says so).
 * Reports rps (2xx per second), p50 and p99 latency, the ratios 2/1 and 3/1, and writes bench/results/api-*.json.
 * Targets on PostgreSQL at 50 connections: 2/1 ≥ 0.4, 3/1 ≥ 0.7, p99 ≤ 100 ms.
 */
import autocannon from "autocannon";
import { sql } from "drizzle-orm";
import { systemCtx } from "../lib/auth/actor";
import { signAccessToken } from "../lib/auth/tokens";
import { expireAssignments } from "../lib/lifecycle/expire-assignments";
import { BENCH_PACKAGE_ID } from "../db/seed-scale";
import { benchTarget, describeTarget, ensureScaled, machine, openTarget, requireBuild, startServer, table, writeResults } from "./lib";

const DURATION_S = Math.min(Math.max(Number(process.env.BENCH_DURATION ?? 10) || 10, 2), 60);
const WARMUP_S = Math.min(Math.max(Number(process.env.BENCH_WARMUP_S ?? 3) || 3, 1), 30);
const CONNECTIONS = (process.env.BENCH_CONNECTIONS ?? "10,50").split(",").map((s) => Math.min(Math.max(Number(s) || 10, 1), 200));
/** BENCH_CASES=1,3 runs only those cases (for profiling one path); ratios need case 1. */
const CASES = new Set((process.env.BENCH_CASES ?? "1,2,3").split(",").map((s) => s.trim()));
const API = "/api/v1.0/identityGovernance/entitlementManagement";
const TARGET_FILTER_PATH = `${API}/assignments/filterByCurrentUser(on='target')`;
const FALLBACK_READ_PATH = `${API}/assignmentRequests`;

type Agent = { id: string; appId: string; token: string };

async function tokensFor(rows: { id: string; app_id: string }[]): Promise<Agent[]> {
  return Promise.all(rows.map(async (r) => ({ id: r.id, appId: r.app_id, token: await signAccessToken({ sub: r.id, appid: r.app_id, idtyp: "app", ptype: "agentIdentity", roles: [] }) })));
}

function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

type CaseResult = { case: string; connections: number; path: string; rps: number; p50: number; p99: number; requests: number; non2xx: number; errors: number; durationS: number; exhausted?: boolean };

async function run(opts: {
  name: string;
  base: string;
  connections: number;
  durationS: number;
  method: "GET" | "POST";
  path: string;
  body?: string;
  /** Headers for the next request (rotates tokens or ids). */
  next: () => { path?: string; headers: Record<string, string> };
  max?: number;
}): Promise<CaseResult> {
  const instance = autocannon({
    url: opts.base,
    connections: opts.connections,
    duration: opts.durationS,
    timeout: 30,
    ...(opts.max ? { maxOverallRequests: Math.max(opts.max, opts.connections) } : {}),
    requests: [
      {
        method: opts.method,
        path: opts.path,
        body: opts.body,
        setupRequest: (req: autocannon.Request) => {
          const n = opts.next();
          return { ...req, path: n.path ?? req.path, headers: { ...req.headers, ...n.headers } };
        },
      },
    ],
  });
  const r = await instance;
  const ok = r["2xx"];
  return {
    case: opts.name,
    connections: opts.connections,
    path: opts.path,
    rps: Math.round((ok / r.duration) * 10) / 10,
    p50: r.latency.p50,
    p99: r.latency.p99,
    requests: r.requests.total,
    non2xx: r.non2xx,
    errors: r.errors + r.timeouts,
    durationS: Math.round(r.duration * 10) / 10,
    ...(opts.max ? { exhausted: r.requests.total >= opts.max } : {}),
  };
}

async function main() {
  requireBuild();
  const target = benchTarget();
  console.log(`bench:api on ${describeTarget(target)}; ${DURATION_S} s per case after ${WARMUP_S} s warm-up; connections ${CONNECTIONS.join(", ")}`);
  const database = await openTarget(target);
  let fresh: { id: string; app_id: string }[];
  let readers: { id: string; app_id: string }[];
  try {
    await ensureScaled(database);
    // Earlier runs' bench assignments (2 minutes long) are expired by the sweep's own verb, so their agents are free again.
    const ctx = systemCtx(database.db);
    let expired = 0;
    for (let i = 0; i < 200; i++) {
      const r = await expireAssignments({ ctx });
      expired += r.expired;
      if (r.expired === 0) break;
    }
    if (expired) console.log(`Expired ${expired} assignments that had ended (earlier bench runs).`);
    fresh = rowsOf(
      await database.db.execute(sql`select p.id, p.app_id from principals p
        where p.id::text like '00000000-0000-4000-9a00-%' and p.type = 'agentIdentity' and p.account_enabled
          and not exists (select 1 from assignments a where a.target_id = p.id and a.access_package_id = ${BENCH_PACKAGE_ID}
                          and a.state in ('delivering','delivered','partiallyDelivered','deliveryFailed'))
          and not exists (select 1 from assignment_requests r where r.target_id = p.id and r.access_package_id = ${BENCH_PACKAGE_ID}
                          and r.state in ('submitted','pendingApproval','delivering','scheduled'))
        order by p.id`),
    );
    readers = rowsOf(await database.db.execute(sql`select id, app_id from principals where id::text like '00000000-0000-4000-9a00-%' and account_enabled order by id limit 1000`));
  } finally {
    await database.close();
  }
  if (fresh.length < 200) throw new Error(`Only ${fresh.length} agents are free for the delivery case; wait 2 minutes (the bench package's assignments end) or re-seed with --reset --scale.`);

  const server = await startServer(target);
  // Tokens are signed with the server's secret (lib/auth/tokens.ts reads AUTH_SECRET when signing).
  process.env.AUTH_SECRET = server.authSecret;
  const deliverers = await tokensFor(fresh);
  const readerTokens = await tokensFor(readers);
  const results: CaseResult[] = [];
  let readPath = TARGET_FILTER_PATH;
  let readNote = "filterByCurrentUser(on='target')";
  try {
    const probe = await fetch(server.base + TARGET_FILTER_PATH, { headers: { authorization: `Bearer ${readerTokens[0].token}` } });
    if (probe.status === 404 && !(probe.headers.get("content-type") ?? "").includes("json")) {
      readPath = FALLBACK_READ_PATH;
      readNote = "GET assignmentRequests (filterByCurrentUser(on='target') does not exist in this build yet)";
      console.log(`Note: ${TARGET_FILTER_PATH} is not in this build; case 3 measures GET ${FALLBACK_READ_PATH} instead.`);
    } else if (!probe.ok) {
      throw new Error(`${TARGET_FILTER_PATH} answered ${probe.status}: ${(await probe.text()).slice(0, 300)}`);
    }

    let d = 0;
    const perRun = Math.floor(deliverers.length / (CONNECTIONS.length * 2));
    let i = 0;
    let j = 0;
    const baseline = () => ({ path: `/api/bench/baseline?id=${readers[i++ % readers.length].id}`, headers: {} });
    const deliver = () => ({ headers: { authorization: `Bearer ${deliverers[d++ % deliverers.length].token}`, "content-type": "application/json" } });
    const read = () => ({ headers: { authorization: `Bearer ${readerTokens[j++ % readerTokens.length].token}` } });
    const body = JSON.stringify({ requestType: "userAdd", assignment: { accessPackageId: BENCH_PACKAGE_ID } });

    for (const connections of CONNECTIONS) {
      const common = { base: server.base, connections };
      // Warm-up of each route (JIT, pools, caches); a slice of the fresh agents is spent on the delivery warm-up.
      if (CASES.has("1")) await run({ ...common, name: "warm-up", durationS: WARMUP_S, method: "GET", path: "/api/bench/baseline", next: baseline });
      if (CASES.has("2")) await run({ ...common, name: "warm-up", durationS: WARMUP_S, method: "POST", path: `${API}/assignmentRequests`, body, next: deliver, max: Math.floor(perRun / 4) });
      if (CASES.has("3")) await run({ ...common, name: "warm-up", durationS: WARMUP_S, method: "GET", path: readPath, next: read });
      if (!(CASES.has("1") && CASES.has("2") && CASES.has("3"))) {
        for (const [n, go] of [
          ["1", () => run({ ...common, name: "1 baseline (PK read)", durationS: DURATION_S, method: "GET", path: "/api/bench/baseline", next: baseline })],
          ["2", () => run({ ...common, name: "2 POST request, auto-approved, delivered", durationS: DURATION_S, method: "POST", path: `${API}/assignmentRequests`, body, next: deliver, max: perRun })],
          ["3", () => run({ ...common, name: "3 GET read", durationS: DURATION_S, method: "GET", path: readPath, next: read })],
        ] as const) {
          if (!CASES.has(n)) continue;
          const r = await go();
          console.log(`  c=${connections} ${r.case}: ${r.rps} rps, p50 ${r.p50} ms, p99 ${r.p99} ms${r.non2xx || r.errors ? `, ${r.non2xx} non-2xx, ${r.errors} errors` : ""}`);
        }
        continue;
      }

      const r1 = await run({ ...common, name: "1 baseline (PK read)", durationS: DURATION_S, method: "GET", path: "/api/bench/baseline", next: baseline });
      const r2 = await run({ ...common, name: "2 POST request, auto-approved, delivered", durationS: DURATION_S, method: "POST", path: `${API}/assignmentRequests`, body, next: deliver, max: perRun });
      const r3 = await run({ ...common, name: `3 GET ${readPath === TARGET_FILTER_PATH ? "assignments filterByCurrentUser(target)" : "assignmentRequests (fallback)"}`, durationS: DURATION_S, method: "GET", path: readPath, next: read });
      results.push(r1, r2, r3);
      for (const r of [r1, r2, r3]) console.log(`  c=${connections} ${r.case}: ${r.rps} rps, p50 ${r.p50} ms, p99 ${r.p99} ms${r.non2xx || r.errors ? `, ${r.non2xx} non-2xx, ${r.errors} errors` : ""}${r.exhausted ? " (stopped: agent pool used up)" : ""}`);
      if (d > deliverers.length) console.log("  warning: the agent pool wrapped around; some deliveries were refused (409) and count as non-2xx.");
    }
  } finally {
    await server.stop();
  }

  if (!results.length) return;
  const ratios = CONNECTIONS.map((c) => {
    const at = results.filter((r) => r.connections === c);
    const base = at[0].rps || NaN;
    return { connections: c, deliverOverBaseline: Math.round((at[1].rps / base) * 100) / 100, readOverBaseline: Math.round((at[2].rps / base) * 100) / 100 };
  });
  const m = machine();
  const file = writeResults(`api-${target.kind}`, { bench: "api", database: describeTarget(target), machine: m, durationS: DURATION_S, warmupS: WARMUP_S, case3: readNote, results, ratios });
  console.log(`\n${describeTarget(target)} — ${m.date}, ${m.nproc} CPUs, ${m.memoryGiB} GiB, Node ${m.node}, load ${m.loadAverage.join(" ")}`);
  console.log(table(["case", "conns", "rps", "p50 ms", "p99 ms", "non-2xx", "errors"], results.map((r) => [r.case, r.connections, r.rps, r.p50, r.p99, r.non2xx, r.errors])));
  console.log("");
  console.log(table(["conns", "(2)/(1)", "(3)/(1)"], ratios.map((r) => [r.connections, r.deliverOverBaseline, r.readOverBaseline])));
  console.log(`targets at 50 connections on PostgreSQL: (2)/(1) ≥ 0.4, (3)/(1) ≥ 0.7, p99 ≤ 100 ms`);
  console.log(`\nWrote ${file}`);
}

main().catch((e) => {
  console.error(`bench:api failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
