import { defaultPgliteDir, openPglite, openPostgres } from "@/db";
import { systemCtx } from "@/lib/auth/actor";
import { expireAssignments } from "./expire-assignments";

const url = process.env.DATABASE_URL;
try {
  const database = url ? await openPostgres(url, { max: 2 }) : await openPglite(defaultPgliteDir());
  try {
    let total = { expired: 0, grantsRemoved: 0 };
    for (;;) {
      const r = await expireAssignments({ ctx: systemCtx(database.db) });
      total = { expired: total.expired + r.expired, grantsRemoved: total.grantsRemoved + r.grantsRemoved };
      if (r.expired < 500) break;
    }
    console.log(`Expired ${total.expired} assignment(s); removed ${total.grantsRemoved} grant(s).`);
  } finally {
    await database.close();
  }
} catch (e) {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(1);
}
