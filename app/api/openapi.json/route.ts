import { NextResponse } from "next/server";
import { PUBLIC_ORIGIN_VARY, publicOrigin } from "@/lib/api/origin";
import { buildOpenApiDocument } from "@/lib/api/openapi";

export const dynamic = "force-dynamic";

/** The OpenAPI 3.1 description of the API (public: it documents, it grants nothing). */
export async function GET(req: Request) {
  return NextResponse.json(buildOpenApiDocument(publicOrigin(req)), { headers: { "Cache-Control": "public, max-age=300", Vary: PUBLIC_ORIGIN_VARY } });
}
