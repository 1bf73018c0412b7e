import { migratePostgres, openPglite, defaultPgliteDir } from "./index";

const url = process.env.DATABASE_URL;
try {
  if (url) {
    await migratePostgres(url);
    console.log("PostgreSQL migrated.");
  } else {
    const database = await openPglite(defaultPgliteDir());
    await database.close();
    console.log(`Embedded database at ${defaultPgliteDir()} migrated.`);
  }
} catch (e) {
  console.error(`db:migrate failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
}
