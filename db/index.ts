import fs from "node:fs";
import path from "node:path";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import type { ExtractTablesWithRelations } from "drizzle-orm";
import * as schema from "./schema";

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Anything queries can run on: the database or an open transaction. */
export type DbOrTx = Db | Tx;

export type Database = {
  db: Db;
  kind: "pglite" | "postgres";
  close: () => Promise<void>;
};

export const MIGRATIONS_FOLDER = path.join(/*turbopackIgnore: true*/ process.cwd(), "drizzle");

export function defaultPgliteDir(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.env.PGLITE_DIR ?? path.join(/*turbopackIgnore: true*/ process.cwd(), ".data", "pglite"));
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

export class DatabaseLockedError extends Error {
  constructor(dir: string, pid: number) {
    super(
      `The embedded database at ${dir} is already open in process ${pid}. ` +
        `PGlite allows one process at a time: stop that process first (for example the dev server), ` +
        `or set DATABASE_URL to use PostgreSQL.`,
    );
    this.name = "DatabaseLockedError";
  }
}

/**
 * PGlite has no cross-process locking, so two processes on one directory corrupt it.
 * A lock file holding our pid keeps a second process out; a stale lock (dead pid) is taken over.
 */
export function acquirePgliteLock(dir: string): () => void {
  const lockFile = `${dir}.lock`;
  fs.mkdirSync(path.dirname(lockFile), { recursive: true });
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(lockFile, String(process.pid), { flag: "wx" });
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try {
          if (fs.readFileSync(lockFile, "utf8").trim() === String(process.pid)) fs.unlinkSync(lockFile);
        } catch {
          // already gone
        }
      };
      process.once("exit", release);
      return release;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      const pid = Number(fs.readFileSync(lockFile, "utf8").trim());
      if (pid === process.pid) return () => {};
      if (Number.isInteger(pid) && pid > 0 && pidAlive(pid)) throw new DatabaseLockedError(dir, pid);
      fs.rmSync(lockFile, { force: true });
    }
  }
  throw new Error(`Could not take the lock on ${dir}.lock`);
}

/**
 * Opens PGlite at `dir` ("memory://" for tests), migrated. `loadDataDir` starts an in-memory database from a dump of
 * another (PGlite's dumpDataDir): the tests start each file's database from one migrated template, which skips initdb.
 */
export async function openPglite(dir: string, opts: { loadDataDir?: Blob } = {}): Promise<Database> {
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const { migrate } = await import("drizzle-orm/pglite/migrator");
  const inMemory = dir.startsWith("memory://");
  let release = () => {};
  if (!inMemory) {
    release = acquirePgliteLock(dir);
    fs.mkdirSync(dir, { recursive: true });
  }
  try {
    const client = await PGlite.create(dir, inMemory && opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {});
    const db = drizzle({ client, schema }) as unknown as Db;
    await migrate(drizzle({ client }), { migrationsFolder: MIGRATIONS_FOLDER });
    return {
      db,
      kind: "pglite",
      close: async () => {
        await client.close();
        release();
      },
    };
  } catch (e) {
    release();
    throw e;
  }
}

type PostgresClient = import("postgres").Sql;

/**
 * drizzle runs every query through postgres.js `unsafe(query, params, { prepare: false })`: an unnamed statement,
 * which postgres.js sends as Describe, waits for the answer, then Bind/Execute — two round trips, and PostgreSQL
 * parses and plans the text every time. This wrapper lets postgres.js prepare parameterised queries (one named
 * statement per query text and connection, cached by postgres.js; connections are recycled every 30–60 minutes, which
 * bounds the cache): one round trip, planned once. Queries without parameters keep the simple protocol (migrations
 * send several statements at once). Transactions and savepoints hand out wrapped clients too.
 * Measured in bench/api.ts: a primary-key read through drizzle went from ~0.44 to ~0.15 ms of CPU.
 */
export function preparing<T extends PostgresClient>(client: T): T {
  return new Proxy(client, {
    get(target, prop, receiver) {
      if (prop === "unsafe") {
        return (query: string, params: unknown[] = [], options: Record<string, unknown> = {}) =>
          Array.isArray(params) && params.length > 0 && options.prepare === false
            ? target.unsafe(query, params as never, { ...options, prepare: true })
            : target.unsafe(query, params as never, options as never);
      }
      if (prop === "begin") {
        return (...args: unknown[]) => {
          const cb = args[args.length - 1] as (sql: PostgresClient) => unknown;
          return (target.begin as (...a: unknown[]) => unknown)(...args.slice(0, -1), (sql: PostgresClient) => cb(preparing(sql)));
        };
      }
      if (prop === "savepoint") {
        return (...args: unknown[]) => {
          const cb = args[args.length - 1] as (sql: PostgresClient) => unknown;
          return ((target as unknown as { savepoint: (...a: unknown[]) => unknown }).savepoint)(...args.slice(0, -1), (sql: PostgresClient) => cb(preparing(sql)));
        };
      }
      return Reflect.get(target, prop, receiver);
    },
  });
}

/** Opens PostgreSQL at `url`; migrations are applied separately with `npm run db:migrate`. */
export async function openPostgres(url: string, opts: { max?: number } = {}): Promise<Database> {
  const { default: postgres } = await import("postgres");
  const { drizzle } = await import("drizzle-orm/postgres-js");
  const client = postgres(url, { max: opts.max ?? Number(process.env.DATABASE_POOL_SIZE ?? 10), onnotice: () => {} });
  const db = drizzle({ client: preparing(client), schema }) as unknown as Db;
  return { db, kind: "postgres", close: () => client.end({ timeout: 5 }) };
}

export async function migratePostgres(url: string): Promise<void> {
  const { default: postgres } = await import("postgres");
  const { drizzle } = await import("drizzle-orm/postgres-js");
  const { migrate } = await import("drizzle-orm/postgres-js/migrator");
  const client = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await migrate(drizzle({ client }), { migrationsFolder: MIGRATIONS_FOLDER });
  } finally {
    await client.end({ timeout: 5 });
  }
}

const g = globalThis as unknown as { __stewardDb?: Promise<Database> };

/**
 * The application's database: one lazy singleton per process.
 * Embedded PGlite by default (migrated and, when empty, seeded on open); PostgreSQL when DATABASE_URL is set.
 */
export function getDatabase(): Promise<Database> {
  if (process.env.NEXT_PHASE === "phase-production-build") {
    throw new Error("The database was opened during `next build`: a page that reads data must be dynamic.");
  }
  if (!g.__stewardDb) {
    g.__stewardDb = (async () => {
      const url = process.env.DATABASE_URL;
      if (url) return openPostgres(url);
      const database = await openPglite(defaultPgliteDir());
      const { seedIfEmpty } = await import("./seed");
      await seedIfEmpty(database.db);
      return database;
    })();
    g.__stewardDb.catch(() => {
      g.__stewardDb = undefined;
    });
  }
  return g.__stewardDb;
}

export async function getDb(): Promise<Db> {
  return (await getDatabase()).db;
}
