import type { Ctx } from "@/lib/auth/actor";
import { advanceApprovalTimeouts } from "./advance-timeouts";
import { deliverScheduled } from "./deliver-scheduled";
import { expireAssignments } from "./expire-assignments";

export type LifecycleStepResult = { expired: number; grantsRemoved: number; escalated: number; autoDenied: number; scheduledDelivered: number };

/** One step of every clock-driven rule: approval timeouts, scheduled starts, then expiry. Run by the sweep and `npm run jobs:expire`. */
export async function runLifecycleStep({ ctx }: { ctx: Ctx }): Promise<LifecycleStepResult> {
  const timeouts = await advanceApprovalTimeouts({ ctx });
  const scheduledDelivered = await deliverScheduled({ ctx });
  let expired = 0;
  let grantsRemoved = 0;
  for (let i = 0; i < 100; i++) {
    const r = await expireAssignments({ ctx });
    expired += r.expired;
    grantsRemoved += r.grantsRemoved;
    if (r.expired === 0) break;
  }
  return { expired, grantsRemoved, ...timeouts, scheduledDelivered };
}
