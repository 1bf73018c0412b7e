import { NextResponse } from "next/server";
import { graphRoute } from "@/lib/api/graph";
import { listGraphCatalogResources, resourceSpec } from "@/lib/api/catalogs";
import { odataCollection, parseODataQuery } from "@/lib/api/odata";

export const dynamic = "force-dynamic";

export const GET = graphRoute<{ id: string }>(async ({ req, ctx, params }) => {
  const q = parseODataQuery(req.url, resourceSpec);
  const { page, items } = await listGraphCatalogResources(ctx, params.id, q);
  return NextResponse.json(odataCollection(req, resourceSpec, q, page, items, resourceSpec.entitySet.replace("{id}", params.id)));
});
