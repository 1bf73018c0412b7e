import { NextResponse } from "next/server";
import { graphRoute } from "@/lib/api/graph";
import { assignmentRequestSpec, listGraphRequests, presentRequests } from "@/lib/api/assignment-requests";
import { applySelect, entityContext, odataCollection, parseEntityOptions, parseFunctionSegment } from "@/lib/api/odata";
import { invalid } from "@/lib/errors";
import { getRequest } from "@/lib/requests/get-request";

export const dynamic = "force-dynamic";

/** `…/assignmentRequests/{id}`, and Graph's function `…/assignmentRequests/filterByCurrentUser(on='target'|'createdBy')`. */
export const GET = graphRoute<{ id: string }>(async ({ req, ctx, params }) => {
  const fn = parseFunctionSegment(params.id);
  if (fn) {
    const on = fn.args.on;
    if (fn.name !== "filterByCurrentUser") throw invalid(`The function ${fn.name} is not supported on assignmentRequests; supported: filterByCurrentUser(on='target'|'createdBy').`);
    if ((on !== "target" && on !== "createdBy") || Object.keys(fn.args).length !== 1) throw invalid(`filterByCurrentUser takes on='target' or on='createdBy', not on='${on ?? ""}'.`);
    const { q, page, items } = await listGraphRequests(ctx, req.url, on);
    return NextResponse.json(odataCollection(req, assignmentRequestSpec, q, page, items, "Collection(accessPackageAssignmentRequest)"));
  }
  const { select, expand } = parseEntityOptions(req.url, assignmentRequestSpec);
  const r = await getRequest({ ctx, input: { requestId: params.id } });
  const [item] = await presentRequests(ctx, [r], expand);
  return NextResponse.json({ "@odata.context": entityContext(req, assignmentRequestSpec.entitySet), ...applySelect(item, select, expand) });
});
