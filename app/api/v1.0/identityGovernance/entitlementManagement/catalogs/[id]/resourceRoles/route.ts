import { NextResponse } from "next/server";
import { graphRoute } from "@/lib/api/graph";
import { listGraphCatalogResourceRoles, resourceRoleSpec } from "@/lib/api/catalogs";
import { odataCollection, parseODataQuery } from "@/lib/api/odata";

export const dynamic = "force-dynamic";

export const GET = graphRoute<{ id: string }>(async ({ req, ctx, params }) => {
  const q = parseODataQuery(req.url, resourceRoleSpec);
  const { page, items } = await listGraphCatalogResourceRoles(ctx, params.id, q);
  return NextResponse.json(odataCollection(req, resourceRoleSpec, q, page, items, resourceRoleSpec.entitySet.replace("{id}", params.id)));
});
