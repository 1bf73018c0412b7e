import { NextResponse } from "next/server";
import { graphRoute, readJson } from "@/lib/api/graph";
import { toGraphRequest, toSubmitInput } from "@/lib/api/assignment-requests";
import { submitRequest } from "@/lib/requests/submit-request";
import { listRequestsForPrincipal } from "@/lib/requests/list-requests-for-principal";

export const dynamic = "force-dynamic";

export const POST = graphRoute(async ({ req, ctx }) => {
  const input = toSubmitInput(await readJson(req));
  const created = await submitRequest({ ctx, input });
  return NextResponse.json(toGraphRequest(created), { status: 201, headers: { Location: `${new URL(req.url).pathname}/${created.id}` } });
});

/** The caller's own requests (as target or requestor), newest first. */
export const GET = graphRoute(async ({ ctx }) => {
  const rows = await listRequestsForPrincipal({ ctx, input: { top: 100 } });
  return NextResponse.json({ "@odata.context": "$metadata#identityGovernance/entitlementManagement/assignmentRequests", value: rows.map(toGraphRequest) });
});
