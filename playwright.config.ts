import fs from "node:fs";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${port}`;
const next = "node node_modules/next/dist/bin/next";

/*
 * A fresh embedded database per run (the server seeds it on first open). Playwright loads this
 * file in its runner and again in each worker, so the directory is chosen once and handed down.
 */
if (!process.env.STEWARD_E2E_PGLITE_DIR) {
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
  outputDir: "test-results",
  // One server on one embedded database, and the flows build on each other.
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["html", { outputFolder: "playwright-report", open: "never" }]],
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
    command: process.env.E2E_USE_BUILD === "1" ? `${next} start -p ${port}` : `${next} dev -p ${port}`,
    url: `${baseURL}/signin`,
    env: serverEnv,
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: "pipe",
    stderr: "pipe",
  },
});
