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
 * After a warm-up of each case, the cases take turns for BENCH_ROUNDS rounds; reports the medians of the rounds: rps
 * (2xx per second), p50 and p99 latency once every connection is open (and the whole run's p99), CPU per request of the server and of PostgreSQL, and the ratios 2/1 and 3/1
 * (taken within each round), and writes bench/results/api-*.json with every round.
 * Targets on PostgreSQL at 50 connections: 2/1 ≥ 0.4, 3/1 ≥ 0.7, p99 ≤ 100 ms.
 */
import autocannon from "autocannon";
import { sql } from "drizzle-orm";
import { systemCtx } from "../lib/auth/actor";
import { signAccessToken } from "../lib/auth/tokens";
import { expireAssignments } from "../lib/lifecycle/expire-assignments";
import { BENCH_PACKAGE_ID, SCALE_IDS, scaleUserId } from "../db/seed-scale";
import type { Database } from "../db/index";
import { rowsOf } from "../db/prepared";
import { benchTarget, describeTarget, ensureScaled, machine, openTarget, percentile, postgresCpuSeconds, processCpuSeconds, requireBuild, startServer, table, writeResults } from "./lib";

const DURATION_S = Math.min(Math.max(Number(process.env.BENCH_DURATION ?? 6) || 6, 2), 60);
/** Each case runs BENCH_ROUNDS times per connection count, the cases taking turns (see main). */
const ROUNDS = Math.min(Math.max(Math.floor(Number(process.env.BENCH_ROUNDS ?? 3)) || 3, 1), 9);
const WARMUP_S = Math.min(Math.max(Number(process.env.BENCH_WARMUP_S ?? 3) || 3, 1), 30);
const CONNECTIONS = (process.env.BENCH_CONNECTIONS ?? "10,50").split(",").map((s) => Math.min(Math.max(Number(s) || 10, 1), 200));
/** BENCH_CASES=1,3 runs only those cases (for profiling one path); ratios need case 1. */
const CASES = new Set((process.env.BENCH_CASES ?? "1,2,3").split(",").map((s) => s.trim()));
const API = "/api/v1.0/identityGovernance/entitlementManagement";
const TARGET_FILTER_PATH = `${API}/assignments/filterByCurrentUser(on='target')`;
const FALLBACK_READ_PATH = `${API}/assignmentRequests`;

type Agent = { id: string; appId: string; token: string };

/**
 * Agents kept only for the delivery case (ids 00000000-0000-4000-9d00-…, app ids …-9e00-…): each delivery needs an
 * agent that does not hold the bench package yet, and at a few hundred deliveries a second the 4,000 scale agents
 * run out within seconds. Added once (idempotent), each with a sponsor like every other agent. The default gives each
 * delivery run (a warm-up or a round, at each connection count) about 7,500 agents: 1,250 deliveries a second for 6 s.
 */
const DEFAULT_DELIVERY_POOL = 15_000 * (ROUNDS + 1);
const DELIVERY_POOL = Math.min(Math.max(Number(process.env.BENCH_DELIVERY_POOL ?? DEFAULT_DELIVERY_POOL) || DEFAULT_DELIVERY_POOL, 0), 200_000);

async function ensureDeliveryPool(db: Database["db"]): Promise<void> {
  const id = (prefix: string) => sql.raw(`('00000000-0000-4000-${prefix}-' || lpad(to_hex(i), 12, '0'))::uuid`);
  await db.execute(sql`insert into principals (id, type, display_name, description, app_id, blueprint_id, account_enabled, created_at)
    select ${id("9d00")}, 'agentIdentity', 'Bench Delivery Agent ' || lpad((i + 1)::text, 5, '0'), 'Synthetic agent for the API benchmark.',
           ${id("9e00")}, ${SCALE_IDS.blueprints.opsCopilot}::uuid, true, now()
    from generate_series(0, ${DELIVERY_POOL - 1}::int) as i
    on conflict (id) do nothing`);
  await db.execute(sql`insert into agent_sponsors (agent_id, sponsor_id)
    select ${id("9d00")}, (${scaleUserId(0).slice(0, 24)} || lpad(to_hex(i % 1000), 12, '0'))::uuid from generate_series(0, ${DELIVERY_POOL - 1}::int) as i
    on conflict do nothing`);
}

async function tokensFor(rows: { id: string; app_id: string }[]): Promise<Agent[]> {
  return Promise.all(rows.map(async (r) => ({ id: r.id, appId: r.app_id, token: await signAccessToken({ sub: r.id, appid: r.app_id, idtyp: "app", ptype: "agentIdentity", roles: [] }) })));
}

/**
 * Figures of the measured window (see run): rps, p50, p99, p999, maxMs, requests, non2xx, serverCpuMs / dbCpuMs (CPU
 * time per answered request of the server process and of all PostgreSQL processes). p99Run and maxRun are
 * autocannon's figures over the whole run, connection ramp-up included; settleS is how long the ramp-up took.
 */
type CaseResult = {
  case: string;
  connections: number;
  path: string;
  rps: number;
  p50: number;
  p99: number;
  p999: number;
  maxMs: number;
  p99Run: number;
  maxRun: number;
  settleS: number;
  requests: number;
  non2xx: number;
  errors: number;
  durationS: number;
  serverCpuMs: number;
  dbCpuMs: number;
  exhausted?: boolean;
  /** The ramp-up did not end within SETTLE_MAX_S: the window opened anyway. */
  unsettled?: boolean;
};

/**
 * autocannon opens all its connections at once. A Node server that is already busy takes them from the kernel's
 * accept queue about one per event-loop turn (`ss -ltn` shows the queue draining 44, 40, 37, … over ~1.5 s; a plain
 * node:http server does the same), so the first request of most connections waits up to seconds and lands in the
 * p99 of every short run. The measured window therefore starts when every connection has had its first answer (at
 * most SETTLE_MAX_S after the start) and lasts durationS; autocannon's whole-run p99 is reported beside it.
 */
const SETTLE_MAX_S = 10;

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
  serverPid: number;
}): Promise<CaseResult> {
  const t0 = performance.now();
  // Without a callback autocannon returns its instance (events, stop()) made awaitable; the typings know only one side.
  const instance = autocannon({
    url: opts.base,
    connections: opts.connections,
    // An upper bound: the run is stopped when its measured window has lasted durationS.
    duration: opts.durationS + SETTLE_MAX_S + 1,
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
  }) as unknown as autocannon.Instance & PromiseLike<autocannon.Result>;
  const answered = new Set<unknown>();
  const latencies: number[] = [];
  let ok = 0;
  let non2xx = 0;
  type Window = { start: number; cpu: number; db: number; unsettled: boolean };
  let measured: Window | null = null;
  let stopTimer: NodeJS.Timeout | undefined;
  const openWindow = (unsettled: boolean) => {
    if (measured) return;
    measured = { start: performance.now(), cpu: processCpuSeconds(opts.serverPid), db: postgresCpuSeconds(), unsettled };
    stopTimer = setTimeout(() => instance.stop(), opts.durationS * 1000);
  };
  const settleTimer = setTimeout(() => openWindow(true), SETTLE_MAX_S * 1000);
  instance.on("response", (client, status, _bytes, responseTime) => {
    if (!measured) {
      answered.add(client);
      if (answered.size >= opts.connections) openWindow(false);
      return;
    }
    latencies.push(responseTime);
    if (status >= 200 && status < 300) ok++;
    else non2xx++;
  });
  const r = await instance;
  clearTimeout(settleTimer);
  clearTimeout(stopTimer);
  const end = performance.now();
  // (TypeScript cannot see that the callbacks above assign it.)
  const w = measured as Window | null;
  const windowS = w ? (end - w.start) / 1000 : 0;
  const total = latencies.length;
  const perRequest = (s: number) => Math.round(((s * 1000) / Math.max(1, total)) * 100) / 100;
  latencies.sort((a, b) => a - b);
  return {
    case: opts.name,
    connections: opts.connections,
    path: opts.path,
    rps: windowS > 0 ? Math.round((ok / windowS) * 10) / 10 : 0,
    p50: Math.round(percentile(latencies, 50)),
    p99: Math.round(percentile(latencies, 99)),
    p999: Math.round(percentile(latencies, 99.9)),
    maxMs: Math.round(percentile(latencies, 100)),
    p99Run: r.latency.p99,
    maxRun: r.latency.max,
    settleS: Math.round(((w ? w.start : end) - t0) / 100) / 10,
    requests: total,
    non2xx,
    errors: r.errors + r.timeouts,
    durationS: Math.round(windowS * 10) / 10,
    serverCpuMs: w ? perRequest(processCpuSeconds(opts.serverPid) - w.cpu) : NaN,
    dbCpuMs: w ? perRequest(postgresCpuSeconds() - w.db) : NaN,
    ...(opts.max ? { exhausted: r.requests.total >= opts.max } : {}),
    ...(w?.unsettled ? { unsettled: true } : {}),
  };
}

async function main() {
  requireBuild();
  const target = benchTarget();
  console.log(`bench:api on ${describeTarget(target)}; ${ROUNDS} rounds of ${DURATION_S} s per case after ${WARMUP_S} s warm-up; connections ${CONNECTIONS.join(", ")}`);
  const database = await openTarget(target);
  let fresh: { id: string; app_id: string }[];
  let readers: { id: string; app_id: string }[];
  try {
    await ensureScaled(database);
    await ensureDeliveryPool(database.db);
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
        where (p.id::text like '00000000-0000-4000-9a00-%' or p.id::text like '00000000-0000-4000-9d00-%') and p.type = 'agentIdentity' and p.account_enabled
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
  const rounds: (CaseResult & { round: number })[] = [];
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
    // Every delivery needs a fresh agent: the pool is shared out between the warm-ups and the rounds.
    const perRun = Math.floor(deliverers.length / (CONNECTIONS.length * (ROUNDS + 1)));
    let i = 0;
    let j = 0;
    const baseline = () => ({ path: `/api/bench/baseline?id=${readers[i++ % readers.length].id}`, headers: {} });
    const deliver = () => ({ headers: { authorization: `Bearer ${deliverers[d++ % deliverers.length].token}`, "content-type": "application/json" } });
    const read = () => ({ headers: { authorization: `Bearer ${readerTokens[j++ % readerTokens.length].token}` } });
    const body = JSON.stringify({ requestType: "userAdd", assignment: { accessPackageId: BENCH_PACKAGE_ID } });
    const readName = `3 GET ${readPath === TARGET_FILTER_PATH ? "assignments filterByCurrentUser(target)" : "assignmentRequests (fallback)"}`;

    for (const connections of CONNECTIONS) {
      const common = { base: server.base, connections, serverPid: server.pid };
      const cases = [
        { n: "1", go: (durationS: number, name: string) => run({ ...common, name, durationS, method: "GET", path: "/api/bench/baseline", next: baseline }), name: "1 baseline (PK read)" },
        { n: "2", go: (durationS: number, name: string) => run({ ...common, name, durationS, method: "POST", path: `${API}/assignmentRequests`, body, next: deliver, max: perRun }), name: "2 POST request, auto-approved, delivered" },
        { n: "3", go: (durationS: number, name: string) => run({ ...common, name, durationS, method: "GET", path: readPath, next: read }), name: readName },
      ].filter((c) => CASES.has(c.n));
      // Warm-up of each route (JIT, pools, caches), then the cases in turn, ROUNDS times: a machine that slows down
      // or speeds up during the run moves every case alike, and the median of the rounds is reported.
      for (const c of cases) await c.go(WARMUP_S, "warm-up");
      for (let round = 1; round <= ROUNDS; round++) {
        for (const c of cases) {
          const r = { ...(await c.go(DURATION_S, c.name)), round };
          rounds.push(r);
          console.log(`  c=${connections} round ${round} ${r.case}: ${r.rps} rps, p50 ${r.p50} ms, p99 ${r.p99} ms (whole run ${r.p99Run} ms, ramp-up ${r.settleS} s), CPU/request server ${r.serverCpuMs} ms db ${r.dbCpuMs} ms${r.non2xx || r.errors ? `, ${r.non2xx} non-2xx, ${r.errors} errors` : ""}${r.exhausted ? " (stopped early: its share of the agent pool was used up)" : ""}${r.unsettled ? ` (some connections had no answer after ${SETTLE_MAX_S} s)` : ""}`);
        }
      }
      if (d > deliverers.length) console.log("  warning: the agent pool wrapped around; some deliveries were refused (409) and count as non-2xx.");
    }
  } finally {
    await server.stop();
  }

  if (!rounds.length) return;
  const median = (xs: number[]) => {
    const v = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
    if (!v.length) return NaN;
    const k = Math.floor(v.length / 2);
    return v.length % 2 ? v[k] : (v[k - 1] + v[k]) / 2;
  };
  const r2 = (x: number) => Math.round(x * 100) / 100;
  // Per case and connections: the median of the rounds (rps, latency, CPU per request); counts are summed.
  const results: CaseResult[] = [];
  for (const c of CONNECTIONS) {
    for (const name of [...new Set(rounds.filter((r) => r.connections === c).map((r) => r.case))]) {
      const rs = rounds.filter((r) => r.connections === c && r.case === name);
      results.push({
        ...rs[0],
        rps: Math.round(median(rs.map((r) => r.rps)) * 10) / 10,
        p50: median(rs.map((r) => r.p50)),
        p99: median(rs.map((r) => r.p99)),
        p999: median(rs.map((r) => r.p999)),
        maxMs: Math.max(...rs.map((r) => r.maxMs)),
        p99Run: median(rs.map((r) => r.p99Run)),
        maxRun: Math.max(...rs.map((r) => r.maxRun)),
        settleS: median(rs.map((r) => r.settleS)),
        serverCpuMs: r2(median(rs.map((r) => r.serverCpuMs))),
        dbCpuMs: r2(median(rs.map((r) => r.dbCpuMs))),
        requests: rs.reduce((n, r) => n + r.requests, 0),
        non2xx: rs.reduce((n, r) => n + r.non2xx, 0),
        errors: rs.reduce((n, r) => n + r.errors, 0),
        durationS: Math.round(rs.reduce((n, r) => n + r.durationS, 0) * 10) / 10,
        exhausted: rs.some((r) => r.exhausted),
        unsettled: rs.some((r) => r.unsettled),
      });
    }
  }
  // Ratios are taken within each round (cases measured back to back), then the median over the rounds.
  const ratioOf = (c: number, caseNo: string) =>
    r2(
      median(
        [...Array(ROUNDS).keys()].map((k) => {
          const at = rounds.filter((r) => r.connections === c && r.round === k + 1);
          const base = at.find((r) => r.case.startsWith("1 "))?.rps ?? NaN;
          return (at.find((r) => r.case.startsWith(`${caseNo} `))?.rps ?? NaN) / base;
        }),
      ),
    );
  const ratios = CONNECTIONS.map((c) => ({ connections: c, deliverOverBaseline: ratioOf(c, "2"), readOverBaseline: ratioOf(c, "3") }));
  const m = machine();
  const file = writeResults(`api-${target.kind}`, { bench: "api", database: describeTarget(target), machine: m, durationS: DURATION_S, warmupS: WARMUP_S, rounds: ROUNDS, case3: readNote, results, ratios, perRound: rounds });
  console.log(`\n${describeTarget(target)} — ${m.date}, ${m.nproc} CPUs, ${m.memoryGiB} GiB, Node ${m.node}, load ${m.loadAverage.join(" ")}`);
  console.log(table(["case", "conns", "rps", "p50 ms", "p99 ms", "p99 whole run", "server CPU ms/req", "db CPU ms/req", "non-2xx", "errors"], results.map((r) => [r.case, r.connections, r.rps, r.p50, r.p99, r.p99Run, r.serverCpuMs, r.dbCpuMs, r.non2xx, r.errors])));
  console.log("");
  console.log(table(["conns", "(2)/(1)", "(3)/(1)"], ratios.map((r) => [r.connections, r.deliverOverBaseline, r.readOverBaseline])));
  console.log(`targets at 50 connections on PostgreSQL: (2)/(1) ≥ 0.4, (3)/(1) ≥ 0.7, p99 ≤ 100 ms`);
  console.log(`\nWrote ${file}`);
}

main().catch((e) => {
  console.error(`bench:api failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
