import { randomBytes } from "node:crypto";
import fs from "node:fs";
import { inject } from "vitest";
import { migratePostgres, openPglite, openPostgres, type Database } from "@/db";
import { seed } from "@/db/seed";

/**
 * A fresh, migrated and seeded database for one test file: in-memory PGlite by default (started from the run's
 * migrated template, see template-db.ts), or a new PostgreSQL database copied from the run's migrated template
 * (dropped afterwards) when TEST_DATABASE_URL is set.
 */
export async function createTestDatabase(opts: { seed?: boolean; poolSize?: number } = {}): Promise<Database> {
  const base = process.env.TEST_DATABASE_URL;
  let database: Database;
  if (!base) {
    const template = inject("pgliteTemplate");
    database = await openPglite("memory://", template ? { loadDataDir: new Blob([fs.readFileSync(template)]) } : {});
  } else {
    const name = `steward_test_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
    const admin = await openPostgres(base, { max: 1 });
    const { sql } = await import("drizzle-orm");
    const template = inject("postgresTemplate");
    try {
      await admin.db.execute(sql.raw(template ? `create database "${name}" template "${template}"` : `create database "${name}"`));
    } finally {
      await admin.close();
    }
    const url = new URL(base);
    url.pathname = `/${name}`;
    if (!template) await migratePostgres(url.toString());
    const opened = await openPostgres(url.toString(), { max: opts.poolSize ?? 10 });
    database = {
      ...opened,
      close: async () => {
        await opened.close();
        const again = await openPostgres(base, { max: 1 });
        await again.db.execute(sql.raw(`drop database if exists "${name}" with (force)`));
        await again.close();
      },
    };
  }
  if (opts.seed !== false) await seed(database.db);
  return database;
}
