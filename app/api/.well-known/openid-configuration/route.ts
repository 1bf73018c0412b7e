import { NextResponse } from "next/server";
import { openIdConfiguration } from "@/lib/auth/discovery";

export const dynamic = "force-dynamic";

/** OpenID discovery for the client credentials flow (public). */
export async function GET(req: Request) {
  return NextResponse.json(openIdConfiguration(new URL(req.url).origin), { headers: { "Cache-Control": "public, max-age=3600" } });
}
