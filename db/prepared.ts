import type { SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import type { DbOrTx } from "./index";

/**
 * A query built once per database (or transaction) object and reused: drizzle spends more CPU building a query's SQL
 * than the database spends answering a primary-key read, so the queries every request runs are prepared with
 * `sql.placeholder` and kept here. Keyed by the object passed in, so a query prepared on the database never runs
 * outside a caller's transaction (a transaction gets its own, built on first use).
 */
export function perDatabase<Q>(build: (db: DbOrTx) => Q): (db: DbOrTx) => Q {
  const cache = new WeakMap<object, Q>();
  return (db) => {
    let q = cache.get(db);
    if (!q) cache.set(db, (q = build(db)));
    return q;
  };
}

const dialect = new PgDialect();

/**
 * Prepares a hand-written statement (with `sql.placeholder`s) the way drizzle prepares its own builders, for the
 * statements the query builder cannot express (data-modifying CTEs, jsonb_to_recordset). Run it with
 * `.execute({ name: value })`; values go to the driver as they are (pass ISO strings for timestamps, JSON text for
 * jsonb, and cast in the SQL).
 */
export function prepareSql(db: DbOrTx, name: string, query: SQL) {
  return db._.session.prepareQuery(dialect.sqlToQuery(query), undefined, name, false);
}

/** The rows of a raw result: postgres.js answers an array, PGlite an object with `rows`. */
export function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}
