import { NextResponse } from "next/server";
import { PUBLIC_ORIGIN_VARY, publicOrigin } from "@/lib/api/origin";
import { openIdConfiguration } from "@/lib/auth/discovery";

export const dynamic = "force-dynamic";

/** OpenID discovery for the client credentials flow (public). */
export async function GET(req: Request) {
  return NextResponse.json(openIdConfiguration(publicOrigin(req)), { headers: { "Cache-Control": "public, max-age=3600", Vary: PUBLIC_ORIGIN_VARY } });
}
