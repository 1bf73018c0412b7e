/**
 * `npm run bench:pages`: server time of the admin lists and the approvals inbox on a scaled database.
 *
 * Builds nothing: run `npx next build` first. Prepares the database (PGlite in BENCH_PGLITE_DIR, or PostgreSQL
 * when DATABASE_URL is set; the scale data is added once), starts `next start` on 127.0.0.1 on a free port,
 * signs in through the persona provider as Ines (admin) and Priya (approver), then for each page sends
 * BENCH_WARMUP (10) warm-up and BENCH_REQUESTS (100) measured sequential GETs and reports p50/p95/max of the
 * time to the full response body. Target: p95 ≤ 300 ms. Results: bench/results/pages-*.json.
 */
import { SEED_IDS } from "../db/seed";
import { SCALE_IDS } from "../db/seed-scale";
import { benchTarget, describeTarget, ensureScaled, machine, openTarget, percentile, requireBuild, signInAsPersona, startServer, table, writeResults } from "./lib";

const WARMUP = Math.min(Math.max(Number(process.env.BENCH_WARMUP ?? 10) || 10, 0), 100);
const REQUESTS = Math.min(Math.max(Number(process.env.BENCH_REQUESTS ?? 100) || 100, 5), 1000);
const TARGET_P95_MS = 300;
/** A whole page run may not take longer than this (the loop also stops at REQUESTS). */
const CASE_TIME_LIMIT_MS = 180_000;

type Case = { name: string; as: "ines" | "priya"; path: string; expect: RegExp };

const CASES: Case[] = [
  { name: "assignments", as: "ines", path: "/admin/assignments", expect: /Assignments/ },
  { name: "assignments: active, by end date, page 40", as: "ines", path: "/admin/assignments?state=active&sort=endDateTime&dir=asc&page=40", expect: /Assignments/ },
  { name: "assignments: search \"Triage\", agents", as: "ines", path: "/admin/assignments?q=Triage&targetType=agentIdentity", expect: /Assignments/ },
  { name: "assignments: one package, page 100", as: "ines", path: `/admin/assignments?accessPackageId=${SEED_IDS.packages.helpdeskOperator}&page=100`, expect: /Assignments/ },
  { name: "requests", as: "ines", path: "/admin/requests", expect: /Requests/ },
  { name: "requests: denied, by package, page 20", as: "ines", path: "/admin/requests?state=denied&sort=packageName&dir=asc&page=20", expect: /Requests/ },
  { name: "requests: search \"Agent 00\"", as: "ines", path: "/admin/requests?q=Agent%2000", expect: /Requests/ },
  { name: "requests: one package, page 200", as: "ines", path: `/admin/requests?accessPackageId=${SCALE_IDS.packages.logAnalytics}&page=200`, expect: /Requests/ },
  { name: "approvals (Priya)", as: "priya", path: "/access/approvals", expect: /Pending/ },
  { name: "approvals (Priya), page 30", as: "priya", path: "/access/approvals?page=30", expect: /Pending/ },
];

async function main() {
  requireBuild();
  const target = benchTarget();
  const only = process.env.BENCH_ONLY ? new RegExp(process.env.BENCH_ONLY, "i") : null;
  console.log(`bench:pages on ${describeTarget(target)}`);
  const database = await openTarget(target);
  try {
    await ensureScaled(database);
  } finally {
    await database.close();
  }

  const server = await startServer(target);
  const results = [];
  try {
    const cookies = {
      ines: await signInAsPersona(server.base, SEED_IDS.users.ines),
      priya: await signInAsPersona(server.base, SEED_IDS.users.priya),
    };
    for (const c of CASES) {
      if (only && !only.test(c.name)) continue;
      const get = async () => {
        const t = performance.now();
        const res = await fetch(server.base + c.path, { headers: { cookie: cookies[c.as] }, redirect: "manual", signal: AbortSignal.timeout(30_000) });
        const body = await res.text();
        const ms = performance.now() - t;
        if (res.status !== 200 || !c.expect.test(body)) throw new Error(`${c.path} answered ${res.status}${res.headers.get("location") ? ` → ${res.headers.get("location")}` : ""}`);
        return ms;
      };
      const deadline = Date.now() + CASE_TIME_LIMIT_MS;
      for (let i = 0; i < WARMUP && Date.now() < deadline; i++) await get();
      const times: number[] = [];
      for (let i = 0; i < REQUESTS && Date.now() < deadline; i++) times.push(await get());
      times.sort((a, b) => a - b);
      const r = {
        name: c.name,
        as: c.as,
        path: c.path,
        n: times.length,
        p50: Math.round(percentile(times, 50)),
        p95: Math.round(percentile(times, 95)),
        max: Math.round(times[times.length - 1]),
      };
      results.push(r);
      console.log(`  ${r.name}: p50 ${r.p50} ms, p95 ${r.p95} ms, max ${r.max} ms (n=${r.n})`);
    }
  } finally {
    await server.stop();
  }

  const m = machine();
  const file = writeResults(`pages-${target.kind}`, { bench: "pages", database: describeTarget(target), machine: m, warmup: WARMUP, requests: REQUESTS, targetP95Ms: TARGET_P95_MS, results });
  console.log(`\n${describeTarget(target)} — ${m.date}, ${m.nproc} CPUs, ${m.memoryGiB} GiB, Node ${m.node}, load ${m.loadAverage.join(" ")}`);
  console.log(table(["page", "p50 ms", "p95 ms", "max ms", "n", "p95 ≤ 300"], results.map((r) => [r.name, r.p50, r.p95, r.max, r.n, r.p95 <= TARGET_P95_MS ? "yes" : "NO"])));
  console.log(`\nWrote ${file}`);
}

main().catch((e) => {
  console.error(`bench:pages failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
