import { eq } from "drizzle-orm";
import { assignmentRequests } from "@/db/schema";
import { nowOf, type Ctx } from "@/lib/auth/actor";
import { isDomainError } from "@/lib/errors";
import { deliverRequest } from "@/lib/assignments/deliver";
import { transitionRequest } from "@/lib/requests/state-machine";

/** Delivers requests in `scheduled` whose start has arrived. */
export async function deliverScheduled({ ctx }: { ctx: Ctx }): Promise<number> {
  const now = nowOf(ctx);
  const due = (await ctx.db.select().from(assignmentRequests).where(eq(assignmentRequests.state, "scheduled"))).filter(
    (r) => new Date((r.schedule as { startDateTime: string }).startDateTime).getTime() <= now.getTime(),
  );
  let delivered = 0;
  for (const r of due) {
    try {
      await ctx.db.transaction(async (tx) => {
        const delivering = await transitionRequest(tx, r.id, "scheduled", "delivering", { status: "Start date reached." });
        await deliverRequest(tx, ctx, delivering);
      });
      delivered++;
    } catch (e) {
      if (!(isDomainError(e) && e.code === "conflict")) throw e;
    }
  }
  return delivered;
}
