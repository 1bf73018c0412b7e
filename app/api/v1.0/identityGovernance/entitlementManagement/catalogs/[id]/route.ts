import { NextResponse } from "next/server";
import { graphRoute, readJson } from "@/lib/api/graph";
import { catalogSpec, getGraphCatalog, toGraphCatalog, updateCatalogBody } from "@/lib/api/catalogs";
import { applySelect, entityContext, parseEntityOptions } from "@/lib/api/odata";
import { parseInput } from "@/lib/errors";
import { updateCatalog } from "@/lib/catalogs/update-catalog";
import { deleteCatalog } from "@/lib/catalogs/delete-catalog";

export const dynamic = "force-dynamic";

export const GET = graphRoute<{ id: string }>(async ({ req, ctx, params }) => {
  const { select, expand } = parseEntityOptions(req.url, catalogSpec);
  const catalog = await getGraphCatalog(ctx, params.id, expand);
  return NextResponse.json({ "@odata.context": entityContext(req, catalogSpec.entitySet), ...applySelect(catalog, select, expand) });
});

export const PATCH = graphRoute<{ id: string }>(async ({ req, ctx, params }) => {
  const changes = parseInput(updateCatalogBody, await readJson(req));
  const updated = await updateCatalog({ ctx, input: { ...changes, catalogType: undefined, catalogId: params.id } });
  return NextResponse.json({ "@odata.context": entityContext(req, catalogSpec.entitySet), ...toGraphCatalog(updated) });
});

export const DELETE = graphRoute<{ id: string }>(async ({ ctx, params }) => {
  await deleteCatalog({ ctx, input: { catalogId: params.id } });
  return new Response(null, { status: 204 });
});
