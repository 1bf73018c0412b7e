/**
 * `npm run db:seed [-- --reset]`: loads the Contoso demo organisation.
 * Uses PostgreSQL when DATABASE_URL is set (migrate it first), else the embedded PGlite database.
 * Leaves a database that already has principals alone unless --reset is given, which empties every table first.
 */
import { getTableName, is, sql } from "drizzle-orm";
import { PgTable } from "drizzle-orm/pg-core";
import { defaultPgliteDir, openPglite, openPostgres, type Database } from "./index";
import * as schema from "./schema";
import { seed, type SeedSummary } from "./seed";

const reset = process.argv.slice(2).includes("--reset");

function printSummary(s: SeedSummary): void {
  console.log("Seeded the Contoso demo organisation:");
  const rows: [string, number][] = [
    ["people", s.users],
    ["agent identities", s.agentIdentities],
    ["agent users", s.agentUsers],
    ["service principals", s.servicePrincipals],
    ["agent blueprints", s.agentBlueprints],
    ["groups", s.groups],
    ["applications", s.applications],
    ["directory roles", s.directoryRoles],
    ["sites", s.sites],
    ["catalogs", s.catalogs],
    ["catalog resources", s.resources],
    ["resource roles", s.resourceRoles],
    ["access packages", s.accessPackages],
    ["assignment policies", s.assignmentPolicies],
  ];
  for (const [label, n] of rows) console.log(`  ${String(n).padStart(3)}  ${label}`);
}

let database: Database | undefined;
let code = 0;
try {
  const url = process.env.DATABASE_URL;
  database = url ? await openPostgres(url, { max: 1 }) : await openPglite(defaultPgliteDir());
  const where = url ? "PostgreSQL (DATABASE_URL)" : `the embedded database at ${defaultPgliteDir()}`;
  const { db } = database;

  if (reset) {
    const tables = (Object.values(schema) as unknown[])
      .filter((t): t is PgTable => is(t, PgTable))
      .map((t) => `"${getTableName(t)}"`);
    await db.execute(sql.raw(`TRUNCATE ${tables.join(", ")} RESTART IDENTITY CASCADE`));
    console.log(`Emptied ${tables.length} tables in ${where}.`);
    printSummary(await seed(db));
  } else {
    const [existing] = await db.select({ id: schema.principals.id }).from(schema.principals).limit(1);
    if (existing) {
      console.log(`Nothing changed: ${where} already has data. Run \`npm run db:seed -- --reset\` to empty it and seed again.`);
    } else {
      printSummary(await seed(db));
    }
  }
  console.log(`Done (${where}).`);
} catch (e) {
  console.error(`db:seed failed: ${e instanceof Error ? e.message : String(e)}`);
  code = 1;
} finally {
  if (database) {
    try {
      await database.close();
    } catch {
      // closing after a failure: nothing more to report
    }
  }
}
process.exit(code);
