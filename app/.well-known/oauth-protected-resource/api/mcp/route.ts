import { NextResponse } from "next/server";
import { PUBLIC_ORIGIN_VARY, publicOrigin } from "@/lib/api/origin";
import { mcpResourceMetadata } from "@/lib/mcp/protected-resource";

export const dynamic = "force-dynamic";

/** OAuth 2.0 Protected Resource Metadata (RFC 9728) of the MCP server at /api/mcp (public). */
export async function GET(req: Request) {
  return NextResponse.json(mcpResourceMetadata(publicOrigin(req)), {
    headers: { "Cache-Control": "public, max-age=3600", Vary: PUBLIC_ORIGIN_VARY },
  });
}
