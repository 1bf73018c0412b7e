import { NextResponse } from "next/server";
import { graphRoute, readJson } from "@/lib/api/graph";
import { catalogSpec, createCatalogBody, listGraphCatalogs, toGraphCatalog } from "@/lib/api/catalogs";
import { entityContext, odataCollection, parseODataQuery } from "@/lib/api/odata";
import { parseInput } from "@/lib/errors";
import { createCatalog } from "@/lib/catalogs/create-catalog";

export const dynamic = "force-dynamic";

export const GET = graphRoute(async ({ req, ctx }) => {
  const q = parseODataQuery(req.url, catalogSpec);
  const { page, items } = await listGraphCatalogs(ctx, q);
  return NextResponse.json(odataCollection(req, catalogSpec, q, page, items));
});

export const POST = graphRoute(async ({ req, ctx }) => {
  // catalogType (always userManaged) is checked by the body schema; the verb's schema drops it.
  const created = await createCatalog({ ctx, input: parseInput(createCatalogBody, await readJson(req)) });
  return NextResponse.json(
    { "@odata.context": entityContext(req, catalogSpec.entitySet), ...toGraphCatalog(created) },
    { status: 201, headers: { Location: `${new URL(req.url).pathname}/${created.id}` } },
  );
});
