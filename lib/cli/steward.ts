/** `npm run steward -- <command>`: administration from the shell. See USAGE in ./commands. */
import { getDatabase, type Database } from "@/db";
import { isDomainError } from "@/lib/errors";
import { CliError, needsDatabase, runCommand, USAGE } from "./commands";

const argv = process.argv.slice(2);
let code = 0;
let database: Database | undefined;
try {
  if (!needsDatabase(argv)) {
    console.log(USAGE);
  } else {
    // The same opening rules as the server (PGlite lock, seeding an empty embedded database), without a second copy.
    database = await getDatabase();
    await runCommand(argv, database.db, { stdout: (s) => console.log(s) });
  }
} catch (e) {
  // Messages only, never a stack trace: every failure here is the user's to fix (or names what to check).
  // Invalid input (a misspelt permission, --days out of range) is wrong usage: exit 2 like a parse error.
  code = e instanceof CliError ? e.exitCode : isDomainError(e) && e.code === "invalid" ? 2 : 1;
  const message = e instanceof Error ? e.message : String(e);
  const fields = isDomainError(e) && e.fieldErrors ? Object.entries(e.fieldErrors).map(([k, v]) => `  ${k}: ${v.join("; ")}`) : [];
  console.error([`steward: ${message}`, ...fields.filter((f) => !message.includes(f.split(": ").slice(1).join(": ")))].join("\n"));
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
