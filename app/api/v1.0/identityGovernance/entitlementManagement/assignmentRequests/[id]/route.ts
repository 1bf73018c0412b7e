import { NextResponse } from "next/server";
import { graphRoute } from "@/lib/api/graph";
import { toGraphRequest } from "@/lib/api/assignment-requests";
import { invalid } from "@/lib/errors";
import { getRequest } from "@/lib/requests/get-request";
import { listRequestsForPrincipal } from "@/lib/requests/list-requests-for-principal";

export const dynamic = "force-dynamic";

/** `…/assignmentRequests/{id}`, and Graph's function `…/assignmentRequests/filterByCurrentUser(on='target'|'createdBy')`. */
export const GET = graphRoute<{ id: string }>(async ({ ctx, params }) => {
  const fn = /^filterByCurrentUser\(on='([A-Za-z]+)'\)$/.exec(decodeURIComponent(params.id));
  if (fn) {
    if (fn[1] !== "target" && fn[1] !== "createdBy") throw invalid(`filterByCurrentUser takes on='target' or on='createdBy', not on='${fn[1]}'.`);
    const rows = await listRequestsForPrincipal({ ctx, input: { top: 100, on: fn[1] } });
    return NextResponse.json({ "@odata.context": "$metadata#Collection(accessPackageAssignmentRequest)", value: rows.map(toGraphRequest) });
  }
  const r = await getRequest({ ctx, input: { requestId: params.id } });
  return NextResponse.json(toGraphRequest(r));
});
