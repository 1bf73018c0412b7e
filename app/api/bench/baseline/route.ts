import { NextResponse } from "next/server";
import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import { principals } from "@/db/schema";

export const dynamic = "force-dynamic";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The API benchmark's baseline (bench/api.ts): one primary-key read and a small JSON answer, so the other cases
 * can be reported as a ratio of it, measured on the same server. Off (404) unless STEWARD_BENCH_ROUTES=true,
 * since it answers without authentication.
 */
export async function GET(req: Request) {
  if (process.env.STEWARD_BENCH_ROUTES !== "true") return NextResponse.json({ error: { code: "NotFound", message: "Not found." } }, { status: 404 });
  const id = new URL(req.url).searchParams.get("id") ?? "";
  if (!UUID.test(id)) return NextResponse.json({ error: { code: "BadRequest", message: "id must be a principal id (a UUID)." } }, { status: 400 });
  const db = await getDb();
  const [p] = await db.select({ id: principals.id, type: principals.type }).from(principals).where(eq(principals.id, id)).limit(1);
  if (!p) return NextResponse.json({ error: { code: "NotFound", message: "No such principal." } }, { status: 404 });
  return NextResponse.json(p);
}
