import { NextResponse } from "next/server";
import { TOKEN_PATH } from "@/lib/auth/discovery";

export const dynamic = "force-dynamic";

/**
 * The authorization endpoint the discovery document must name: OpenID Connect Discovery requires one, and so does
 * the MCP SDK's metadata schema (RFC 8414 alone would not, since no grant offered here uses it). Steward has no
 * interactive OAuth flow: agents and service principals use the client credentials grant at the token endpoint,
 * people sign in to the portal. With no registered redirect URI to send an error to, the error is answered here
 * (RFC 6749 §4.1.2.1).
 */
function refuse() {
  return NextResponse.json(
    {
      error: "unsupported_response_type",
      error_description: `Steward issues tokens only by the client credentials grant: POST ${TOKEN_PATH} with client_id and client_secret. People sign in to the portal at /signin.`,
    },
    { status: 400, headers: { "Cache-Control": "no-store" } },
  );
}

export async function GET() {
  return refuse();
}

export async function POST() {
  return refuse();
}
