import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    /** A dump of a migrated, empty in-memory PGlite (see createTestDatabase); "" on PostgreSQL runs. */
    pgliteTemplate: string;
  }
}

/**
 * Vitest global setup: migrates one in-memory PGlite and dumps it to a temporary file once per run. Every test file's
 * database starts from that dump (about a second) instead of running initdb and the migrations (about four).
 */
export default async function setup(project: TestProject): Promise<() => void> {
  if (process.env.TEST_DATABASE_URL) {
    project.provide("pgliteTemplate", "");
    return () => {};
  }
  const { openPglite } = await import("@/db");
  const { sql } = await import("drizzle-orm");
  const database = await openPglite("memory://");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "steward-pglite-template-"));
  const file = path.join(dir, "migrated.tar");
  try {
    // The dump is taken from the client under drizzle; run a query first so the migrations have settled.
    await database.db.execute(sql`select 1`);
    const client = (database.db as unknown as { $client: { dumpDataDir: (c: "none") => Promise<Blob> } }).$client;
    fs.writeFileSync(file, Buffer.from(await (await client.dumpDataDir("none")).arrayBuffer()));
  } finally {
    await database.close();
  }
  project.provide("pgliteTemplate", file);
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
