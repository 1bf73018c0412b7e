import { getDb } from "@/db";
import { systemCtx } from "@/lib/auth/actor";
import { runLifecycleStep } from "./run-lifecycle-step";

const g = globalThis as unknown as { __stewardSweep?: NodeJS.Timeout };

/** Runs the lifecycle step (timeouts, scheduled starts, expiry) every STEWARD_SWEEP_INTERVAL_MS (default one minute) inside the server process. */
export function startLifecycleSweep(): void {
  if (g.__stewardSweep) return;
  const every = Math.max(5_000, Number(process.env.STEWARD_SWEEP_INTERVAL_MS ?? 60_000) || 60_000);
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const r = await runLifecycleStep({ ctx: systemCtx(await getDb()) });
      if (r.expired || r.escalated || r.autoDenied || r.scheduledDelivered) console.log("[sweep]", JSON.stringify(r));
    } catch (e) {
      console.error("[sweep] failed:", e instanceof Error ? e.message : e);
    } finally {
      running = false;
    }
  };
  g.__stewardSweep = setInterval(tick, every);
  g.__stewardSweep.unref();
}
