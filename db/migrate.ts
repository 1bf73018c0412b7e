import { migratePostgres, openPglite, defaultPgliteDir } from "./index";

const url = process.env.DATABASE_URL;
if (url) {
  await migratePostgres(url);
  console.log("PostgreSQL migrated.");
} else {
  const database = await openPglite(defaultPgliteDir());
  await database.close();
  console.log(`Embedded database at ${defaultPgliteDir()} migrated.`);
}
