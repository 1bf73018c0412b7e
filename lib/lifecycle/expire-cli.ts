import { defaultPgliteDir, openPglite, openPostgres } from "@/db";
import { systemCtx } from "@/lib/auth/actor";
import { runLifecycleStep } from "./run-lifecycle-step";

const url = process.env.DATABASE_URL;
try {
  const database = url ? await openPostgres(url, { max: 2 }) : await openPglite(defaultPgliteDir());
  try {
    const r = await runLifecycleStep({ ctx: systemCtx(database.db) });
    console.log(
      `Expired ${r.expired} assignment(s) and removed ${r.grantsRemoved} grant(s); escalated ${r.escalated} and auto-denied ${r.autoDenied} approval stage(s); delivered ${r.scheduledDelivered} scheduled request(s).`,
    );
  } finally {
    await database.close();
  }
} catch (e) {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(1);
}
