import { getDb } from "@/db";
import { systemCtx } from "@/lib/auth/actor";
import { expireAssignments } from "./expire-assignments";

const g = globalThis as unknown as { __stewardSweep?: NodeJS.Timeout };

/** Runs the expiry sweep every STEWARD_SWEEP_INTERVAL_MS (default one minute) inside the server process. */
export function startLifecycleSweep(): void {
  if (g.__stewardSweep) return;
  const every = Math.max(5_000, Number(process.env.STEWARD_SWEEP_INTERVAL_MS ?? 60_000) || 60_000);
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const r = await expireAssignments({ ctx: systemCtx(await getDb()) });
      if (r.expired) console.log(`[sweep] expired ${r.expired} assignment(s), removed ${r.grantsRemoved} grant(s)`);
    } catch (e) {
      console.error("[sweep] failed:", e instanceof Error ? e.message : e);
    } finally {
      running = false;
    }
  };
  g.__stewardSweep = setInterval(tick, every);
  g.__stewardSweep.unref();
}
