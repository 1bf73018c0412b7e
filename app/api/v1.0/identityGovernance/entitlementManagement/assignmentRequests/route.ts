import { NextResponse } from "next/server";
import { graphRoute, readJson } from "@/lib/api/graph";
import { assignmentRequestSpec, listGraphRequests, toGraphRequest, toSubmitInput } from "@/lib/api/assignment-requests";
import { odataCollection } from "@/lib/api/odata";
import { submitRequest } from "@/lib/requests/submit-request";

export const dynamic = "force-dynamic";

// submitRequest confirms the caller with the principal row its first query reads (see graphRoute).
export const POST = graphRoute(
  async ({ req, ctx }) => {
    const input = toSubmitInput(await readJson(req));
    const created = await submitRequest({ ctx, input });
    return NextResponse.json(toGraphRequest(created), { status: 201, headers: { Location: `${new URL(req.url).pathname}/${created.id}` } });
  },
  { callerConfirmedByVerb: true },
);

/** The caller's own requests (as target or requestor) and those in catalogs the caller may read; OData, newest first. */
export const GET = graphRoute(async ({ req, ctx }) => {
  const { q, page, items } = await listGraphRequests(ctx, req.url, "all");
  return NextResponse.json(odataCollection(req, assignmentRequestSpec, q, page, items));
});
