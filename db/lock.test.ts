import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { count } from "drizzle-orm";
import { openPglite, type Database } from "./index";
import { principals } from "./schema";
import { seed } from "./seed";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "steward-lock-"));
const dataDir = path.join(dir, "pglite");
let database: Database | undefined;

afterAll(async () => {
  await database?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function runMigrateInAnotherProcess() {
  return spawnSync(process.execPath, [path.join("node_modules", "tsx", "dist", "cli.mjs"), "db/migrate.ts"], {
    env: { ...process.env, PGLITE_DIR: dataDir, DATABASE_URL: "" },
    encoding: "utf8",
    timeout: 60_000,
  });
}

describe.skipIf(!!process.env.TEST_DATABASE_URL)("PGlite single-process lock", () => {
  it("a second process opening the same directory fails with a clear message, and the data stays intact", async () => {
    database = await openPglite(dataDir);
    await seed(database.db);
    const [before] = await database.db.select({ n: count() }).from(principals);
    expect(before.n).toBeGreaterThan(0);

    const child = runMigrateInAnotherProcess();
    expect(child.status).toBe(1);
    expect(child.stderr).toContain(`is already open in process ${process.pid}`);
    expect(child.stderr).toContain("DATABASE_URL");
    expect(child.stderr).not.toMatch(/\n\s+at /); // no stack trace

    const [during] = await database.db.select({ n: count() }).from(principals);
    expect(during.n).toBe(before.n);
    await database.close();
    database = undefined;

    // Released on close: the other process may open it now, and sees the same data.
    const again = runMigrateInAnotherProcess();
    expect(again.status).toBe(0);
    database = await openPglite(dataDir);
    const [after] = await database.db.select({ n: count() }).from(principals);
    expect(after.n).toBe(before.n);
  });

  it("a stale lock left by a dead process is taken over", async () => {
    await database?.close();
    database = undefined;
    fs.writeFileSync(`${dataDir}.lock`, "999999");
    database = await openPglite(dataDir);
    expect(fs.readFileSync(`${dataDir}.lock`, "utf8")).toBe(String(process.pid));
  });
});
