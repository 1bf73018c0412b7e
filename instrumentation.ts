/** Starts the in-process lifecycle sweep (expiry) when the Node.js server starts. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.NEXT_PHASE === "phase-production-build" || process.env.STEWARD_SWEEP === "off") return;
  const { startLifecycleSweep } = await import("./lib/lifecycle/start-sweep");
  startLifecycleSweep();
}
