import { NextResponse } from "next/server";
import { sql } from "drizzle-orm";
import { getDatabase } from "@/db";

export const dynamic = "force-dynamic";

export async function GET() {
  try {
    const database = await getDatabase();
    await database.db.execute(sql`select 1`);
    return NextResponse.json({ status: "ok", database: database.kind });
  } catch (e) {
    return NextResponse.json({ status: "unavailable", message: e instanceof Error ? e.message : "database unavailable" }, { status: 503 });
  }
}
