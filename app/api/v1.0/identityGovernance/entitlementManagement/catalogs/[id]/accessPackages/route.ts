import { NextResponse } from "next/server";
import { graphRoute } from "@/lib/api/graph";
import { listGraphCatalogPackages, catalogPackageSpec } from "@/lib/api/catalogs";
import { odataCollection, parseODataQuery } from "@/lib/api/odata";

export const dynamic = "force-dynamic";

export const GET = graphRoute<{ id: string }>(async ({ req, ctx, params }) => {
  const q = parseODataQuery(req.url, catalogPackageSpec);
  const { page, items } = await listGraphCatalogPackages(ctx, params.id, q);
  return NextResponse.json(odataCollection(req, catalogPackageSpec, q, page, items, catalogPackageSpec.entitySet.replace("{id}", params.id)));
});
