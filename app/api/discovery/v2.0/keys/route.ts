import { NextResponse } from "next/server";
import { publicJwks } from "@/lib/auth/tokens";

export const dynamic = "force-dynamic";

/** The public keys that verify Steward's access tokens (JWKS, public). */
export async function GET() {
  return NextResponse.json(await publicJwks(), { headers: { "Cache-Control": "public, max-age=3600" } });
}
