import { eq } from "drizzle-orm";
import { principals } from "@/db/schema";
import type { Db } from "@/db";
import type { Ctx } from "@/lib/auth/actor";

/** A ctx acting as the principal with this id (user, agent or service principal), optionally at a fixed time. */
export async function ctxAs(db: Db, id: string, now?: () => Date): Promise<Ctx> {
  const [p] = await db.select().from(principals).where(eq(principals.id, id));
  if (!p) throw new Error(`no principal ${id}`);
  const type = p.type === "agentUser" ? "user" : p.type;
  return { db, actor: { type, id: p.id, displayName: p.displayName }, now };
}
