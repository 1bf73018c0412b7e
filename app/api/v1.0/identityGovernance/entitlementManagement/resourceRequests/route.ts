import { NextResponse } from "next/server";
import { graphRoute, readJson } from "@/lib/api/graph";
import { listGraphResourceRequests, resourceRequestSpec, submitResourceRequest } from "@/lib/api/resource-requests";
import { entityContext, odataCollection, parseODataQuery } from "@/lib/api/odata";

export const dynamic = "force-dynamic";

export const GET = graphRoute(async ({ req, ctx }) => {
  const q = parseODataQuery(req.url, resourceRequestSpec);
  const { page, items } = await listGraphResourceRequests(ctx, q);
  return NextResponse.json(odataCollection(req, resourceRequestSpec, q, page, items));
});

/** Graph: 201 with the accessPackageResourceRequest; Steward delivers it at once. */
export const POST = graphRoute(async ({ req, ctx }) => {
  const created = await submitResourceRequest(ctx, await readJson(req));
  return NextResponse.json({ "@odata.context": entityContext(req, resourceRequestSpec.entitySet), ...created }, { status: 201 });
});
