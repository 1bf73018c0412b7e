import fs from "node:fs";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";
import { REPORT_DIR, RESULTS_DIR } from "./e2e/out-dir";

const port = Number(process.env.E2E_PORT ?? 3100);
const useBuild = process.env.E2E_USE_BUILD === "1";
// `next dev` serves its client scripts and HMR only to localhost unless next.config.ts lists
// 127.0.0.1 in allowedDevOrigins; without them the pages never hydrate. `next start` has no such rule.
const baseURL = `http://${useBuild ? "127.0.0.1" : "localhost"}:${port}`;
const next = "node node_modules/next/dist/bin/next";

/** Removes the databases of earlier runs (~40 MB each); one whose server still holds its lock stays. */
function pruneStaleE2eDatabases(dataDir: string): void {
  if (!fs.existsSync(dataDir)) return;
  for (const name of fs.readdirSync(dataDir)) {
    if (!/^e2e-\d+-\d+$/.test(name)) continue;
    const dir = path.join(dataDir, name);
    const lock = `${dir}.lock`;
    const pid = fs.existsSync(lock) ? Number(fs.readFileSync(lock, "utf8").trim()) : NaN;
    if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) continue;
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(lock, { force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/*
 * A fresh embedded database per run (the server seeds it on first open). Playwright loads this
 * file in its runner and again in each worker, so the directory is chosen once and handed down.
 */
if (!process.env.STEWARD_E2E_PGLITE_DIR) {
  // Not on a PostgreSQL run: CI runs one beside a PGlite run, whose database must not be taken for a stale one.
  if (!process.env.DATABASE_URL) pruneStaleE2eDatabases(path.resolve(".data"));
  process.env.STEWARD_E2E_PGLITE_DIR = path.resolve(".data", `e2e-${Date.now()}-${process.pid}`);
}
const pgliteDir = process.env.STEWARD_E2E_PGLITE_DIR;
fs.mkdirSync(path.dirname(pgliteDir), { recursive: true });

const serverEnv: Record<string, string> = {
  PGLITE_DIR: pgliteDir,
  AUTH_SECRET: process.env.AUTH_SECRET ?? "steward-e2e-test-secret-0123456789abcdef0123456789",
  AUTH_TRUST_HOST: "true",
  STEWARD_PERSONA_SIGNIN: "true",
  NEXT_TELEMETRY_DISABLED: "1",
};
// Postgres runs: the database is migrated and seeded beforehand (npm run db:migrate && npm run db:seed).
if (process.env.DATABASE_URL) serverEnv.DATABASE_URL = process.env.DATABASE_URL;

export default defineConfig({
  testDir: "e2e",
  outputDir: RESULTS_DIR,
  // One server on one embedded database, and the flows build on each other.
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  // CI retries a failed test (a serial group: the whole group) once, and reports it as flaky; a test that fails twice
  // fails the run. A submission's CI once failed one e2e test on PGlite that passed in every run here since, and its
  // log kept only the summary; the retry's report names the test and its first error.
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["html", { outputFolder: REPORT_DIR, open: "never" }]],
  use: {
    baseURL,
    screenshot: "on",
    trace: "retain-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
          args: [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
          ],
        },
      },
    },
  ],
  webServer: {
    // CI builds beforehand; locally `next dev` needs no build.
    command: useBuild ? `${next} start -p ${port}` : `${next} dev -p ${port}`,
    url: `${baseURL}/signin`,
    env: serverEnv,
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: "pipe",
    stderr: "pipe",
  },
});
