/**
 * `npm run db:seed [-- --reset] [-- --scale[=factor]]`: loads the Contoso demo organisation.
 * Uses PostgreSQL when DATABASE_URL is set (migrate it first), else the embedded PGlite database.
 * Leaves a database that already has principals alone unless --reset is given, which empties every table first.
 * --scale adds the large test data set of db/seed-scale.ts on top of the demo (seeding the demo first when the
 * database is empty); a factor scales its counts (e.g. --scale=0.1 for a quick try). It refuses to add it twice.
 */
import { getTableName, is, sql } from "drizzle-orm";
import { PgTable } from "drizzle-orm/pg-core";
import { defaultPgliteDir, openPglite, openPostgres, type Database } from "./index";
import * as schema from "./schema";
import { seed, type SeedSummary } from "./seed";
import { analyzeAfterLoad, DEFAULT_SCALE, ScaleDataExistsError, seedScale, type ScaleOptions, type ScaleSummary } from "./seed-scale";

const args = process.argv.slice(2);
const reset = args.includes("--reset");
const scaleArg = args.find((a) => a === "--scale" || a.startsWith("--scale="));
const unknown = args.filter((a) => a !== "--reset" && a !== scaleArg);

/** The scale options for `--scale[=factor]`, or null without the flag. */
function scaleOptions(): ScaleOptions | null {
  if (!scaleArg) return null;
  const factor = scaleArg === "--scale" ? 1 : Number(scaleArg.slice("--scale=".length));
  if (!Number.isFinite(factor) || factor <= 0 || factor > 10) throw new Error(`--scale=${scaleArg.slice(8)}: the factor must be a number above 0 and at most 10.`);
  const n = (x: number, min: number) => Math.max(min, Math.round(x * factor));
  return {
    agents: n(DEFAULT_SCALE.agents, 2),
    users: n(DEFAULT_SCALE.users, 2),
    assignments: n(DEFAULT_SCALE.assignments, 0),
    otherRequests: n(DEFAULT_SCALE.otherRequests, 0),
    priyaPending: n(DEFAULT_SCALE.priyaPending, 0),
  };
}

function printScaleSummary(s: ScaleSummary): void {
  const fmt = (n: number) => n.toLocaleString("en-US").padStart(7);
  const states = (m: Record<string, number>) =>
    Object.entries(m)
      .sort((a, b) => b[1] - a[1])
      .map(([k, v]) => `${k} ${v.toLocaleString("en-US")}`)
      .join(", ");
  console.log("Added the scale data set:");
  console.log(`  ${fmt(s.agents)}  agent identities (sponsored, ${s.blueprints} new blueprints)`);
  console.log(`  ${fmt(s.users)}  people`);
  console.log(`  ${fmt(s.accessPackages)}  access packages in the "Data & Analytics" catalog (${s.groups} groups), incl. the hidden bench package`);
  console.log(`  ${fmt(s.assignments)}  assignments: ${states(s.assignmentsByState)}`);
  console.log(`  ${fmt(s.requests)}  requests: ${states(s.requestsByState)}`);
  console.log(`  ${fmt(s.priyaPending)}  of them pending Priya Raman's approval`);
  console.log(`  ${fmt(s.grants)}  grants, ${s.approvalStages.toLocaleString("en-US")} approval stages, ${s.auditEvents.toLocaleString("en-US")} audit events`);
  console.log(`  in ${(s.ms / 1000).toFixed(1)} s`);
}

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
  if (unknown.length) throw new Error(`unknown argument ${unknown.join(" ")}; use --reset and/or --scale[=factor]`);
  const scale = scaleOptions();
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
    if (!existing) printSummary(await seed(db));
    else if (!scale) console.log(`Nothing changed: ${where} already has data. Run \`npm run db:seed -- --reset\` to empty it and seed again.`);
  }
  if (scale) {
    try {
      printScaleSummary(await seedScale(db, scale));
      const t = performance.now();
      await analyzeAfterLoad(db);
      console.log(`Vacuumed and analysed in ${((performance.now() - t) / 1000).toFixed(1)} s.`);
    } catch (e) {
      if (!(e instanceof ScaleDataExistsError)) throw e;
      console.log(`Nothing changed: ${e.message}`);
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
