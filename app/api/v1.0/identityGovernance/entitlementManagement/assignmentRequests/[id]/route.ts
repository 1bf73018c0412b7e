import { NextResponse } from "next/server";
import { graphRoute } from "@/lib/api/graph";
import { toGraphRequest } from "@/lib/api/assignment-requests";
import { getRequest } from "@/lib/requests/get-request";

export const dynamic = "force-dynamic";

export const GET = graphRoute<{ id: string }>(async ({ ctx, params }) => {
  const r = await getRequest({ ctx, input: { requestId: params.id } });
  return NextResponse.json(toGraphRequest(r));
});
