import { NextResponse } from "next/server";
import { graphRoute } from "@/lib/api/graph";
import { listGraphAssignments } from "@/lib/api/assignments";
import { odataCollection } from "@/lib/api/odata";

export const dynamic = "force-dynamic";

export const GET = graphRoute(async ({ req, ctx }) => {
  const { spec, q, page, items } = await listGraphAssignments(ctx, req.url, { kind: "all" });
  return NextResponse.json(odataCollection(req, spec, q, page, items));
});
