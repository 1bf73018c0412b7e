/**
 * Shared by bench/pages.ts and bench/api.ts: prepares a scaled database, starts `next start` on 127.0.0.1 on a
 * free port (its own process group, stopped by pid), and small statistics helpers. Every wait is bounded.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { migratePostgres, openPglite, openPostgres, type Database } from "../db/index";
import { seedIfEmpty } from "../db/seed";
import { analyzeAfterLoad, DEFAULT_SCALE, hasScaleData, seedScale, type ScaleOptions } from "../db/seed-scale";

export const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
export const RESULTS_DIR = path.join(ROOT, "bench", "results");

export type Target = { kind: "pglite"; dir: string } | { kind: "postgres"; url: string };

/** PostgreSQL when DATABASE_URL is set, else PGlite in BENCH_PGLITE_DIR (default .data/bench-pglite, never the dev database). */
export function benchTarget(): Target {
  const url = process.env.DATABASE_URL;
  if (url) return { kind: "postgres", url };
  return { kind: "pglite", dir: path.resolve(process.env.BENCH_PGLITE_DIR ?? path.join(ROOT, ".data", "bench-pglite")) };
}

export function describeTarget(t: Target): string {
  return t.kind === "postgres" ? `PostgreSQL ${new URL(t.url).pathname.slice(1)} (pool ${process.env.DATABASE_POOL_SIZE ?? 10})` : `PGlite ${t.dir} (one connection)`;
}

/** Opens the bench database from this process (the server must not be running on a PGlite dir). */
export async function openTarget(t: Target): Promise<Database> {
  if (t.kind === "postgres") {
    await migratePostgres(t.url);
    return openPostgres(t.url, { max: 2 });
  }
  return openPglite(t.dir);
}

/** Makes sure the demo seed and the scale data are there (adding them once, which takes a minute or two). */
export async function ensureScaled(database: Database, scale: Partial<ScaleOptions> = {}): Promise<void> {
  if (await seedIfEmpty(database.db)) console.log("Seeded the demo organisation.");
  if (await hasScaleData(database.db)) {
    // PGlite runs no autovacuum: fresh statistics (and a set visibility map) make every run plan alike.
    await analyzeAfterLoad(database.db);
    return;
  }
  console.log(`Adding the scale data set (${(scale.assignments ?? DEFAULT_SCALE.assignments).toLocaleString("en-US")} assignments); this runs once…`);
  const s = await seedScale(database.db, scale);
  await analyzeAfterLoad(database.db);
  console.log(`  ${s.assignments} assignments, ${s.requests} requests in ${(s.ms / 1000).toFixed(1)} s`);
}

export function requireBuild(): void {
  if (!fs.existsSync(path.join(ROOT, ".next", "BUILD_ID"))) {
    console.error("No production build: run `npx next build` first (the benches measure `next start`, not `next dev`).");
    process.exit(2);
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export type Server = { base: string; pid: number; authSecret: string; stop: () => Promise<void>; log: () => string };

/**
 * Starts `next start` on 127.0.0.1 in its own process group with the bench settings: persona sign-in on,
 * lifecycle sweep off (it would expire the bench's 2-minute assignments mid-run), rate limit off, bench routes on.
 */
export async function startServer(t: Target, extraEnv: Record<string, string> = {}): Promise<Server> {
  const port = await freePort();
  const authSecret = randomBytes(32).toString("hex");
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    AUTH_SECRET: authSecret,
    AUTH_TRUST_HOST: "true",
    STEWARD_PERSONA_SIGNIN: "true",
    STEWARD_SWEEP: "off",
    STEWARD_RATE_LIMIT_PER_SECOND: "0",
    STEWARD_BENCH_ROUTES: "true",
    ...extraEnv,
  };
  if (t.kind === "postgres") {
    env.DATABASE_URL = t.url;
  } else {
    delete env.DATABASE_URL;
    env.PGLITE_DIR = t.dir;
  }
  let output = "";
  // BENCH_CPU_PROF_DIR=dir: the server writes a V8 CPU profile there when it stops (open it in Chrome's DevTools).
  const prof = process.env.BENCH_CPU_PROF_DIR ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(process.env.BENCH_CPU_PROF_DIR)}`] : [];
  const child: ChildProcess = spawn(process.execPath, [...prof, path.join(ROOT, "node_modules", "next", "dist", "bin", "next"), "start", "-H", "127.0.0.1", "-p", String(port)], {
    cwd: ROOT,
    env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const keep = (b: Buffer) => {
    output = (output + b.toString()).slice(-20_000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const pid = child.pid!;
  let exited = false;
  child.on("exit", () => (exited = true));
  const stop = async () => {
    if (exited) return;
    try {
      process.kill(-pid, "SIGTERM");
    } catch {
      return;
    }
    for (let i = 0; i < 50 && !exited; i++) await sleep(100);
    if (!exited) {
      try {
        process.kill(-pid, "SIGKILL");
      } catch {
        // already gone
      }
    }
  };
  const onExit = () => {
    try {
      process.kill(-pid, "SIGKILL");
    } catch {
      // already gone
    }
  };
  process.once("exit", onExit);
  process.once("SIGINT", () => process.exit(130));
  process.once("SIGTERM", () => process.exit(143));

  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (exited) throw new Error(`next start exited early:\n${output}`);
    try {
      const res = await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(10_000) });
      if (res.ok) return { base, pid, authSecret, stop, log: () => output };
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  await stop();
  throw new Error(`next start did not answer /api/health within 120 s:\n${output}`);
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Signs in as a seeded person the way the persona picker does (next-auth's "persona" credentials provider):
 * CSRF token, then the credentials callback; returns the Cookie header of the session.
 */
export async function signInAsPersona(base: string, userId: string): Promise<string> {
  const jar = new Map<string, string>();
  const take = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const i = pair.indexOf("=");
      jar.set(pair.slice(0, i), pair.slice(i + 1));
    }
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const csrfRes = await fetch(`${base}/api/auth/csrf`);
  take(csrfRes);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const res = await fetch(`${base}/api/auth/callback/persona`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookie() },
    body: new URLSearchParams({ csrfToken, userId, callbackUrl: `${base}/` }),
  });
  take(res);
  if (![...jar.keys()].some((k) => k.includes("session-token"))) throw new Error(`Persona sign-in as ${userId} failed (status ${res.status}).`);
  return cookie();
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

export function machine() {
  return {
    date: new Date().toISOString(),
    nproc: os.cpus().length,
    cpu: os.cpus()[0]?.model ?? "unknown",
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    loadAverage: os.loadavg().map((x) => Math.round(x * 100) / 100),
  };
}

export function writeResults(name: string, data: unknown): string {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `${name}-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
  fs.writeFileSync(file, JSON.stringify(data, null, 2));
  return file;
}

export function table(headers: string[], rows: (string | number)[][]): string {
  const cells = [headers, ...rows.map((r) => r.map(String))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
  return [line(cells[0]), widths.map((w) => "-".repeat(w)).join("  "), ...cells.slice(1).map(line)].join("\n");
}

const CLK_TCK = 100;

/** CPU seconds (user + system) a process has used, from /proc (Linux); NaN where /proc is not readable. */
export function processCpuSeconds(pid: number): number {
  try {
    // Fields after the command name (which may hold spaces) start at state; utime and stime are the 12th and 13th.
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(f[11]) + Number(f[12])) / CLK_TCK;
  } catch {
    return NaN;
  }
}

/** CPU seconds used by every PostgreSQL process on this machine (0 where there is none, e.g. PGlite). */
export function postgresCpuSeconds(): number {
  let total = 0;
  let dirs: string[];
  try {
    dirs = fs.readdirSync("/proc").filter((d) => /^\d+$/.test(d));
  } catch {
    return NaN;
  }
  for (const d of dirs) {
    try {
      const stat = fs.readFileSync(`/proc/${d}/stat`, "utf8");
      if (stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")")) !== "postgres") continue;
      const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      total += (Number(f[11]) + Number(f[12])) / CLK_TCK;
    } catch {
      // the process ended meanwhile
    }
  }
  return total;
}
