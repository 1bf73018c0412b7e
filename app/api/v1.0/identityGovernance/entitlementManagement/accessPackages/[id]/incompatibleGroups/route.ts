import { NextResponse } from "next/server";
import { graphRoute } from "@/lib/api/graph";
import { apiBase } from "@/lib/api/odata";
import { listIncompatibles } from "@/lib/packages/incompatibles";

export const dynamic = "force-dynamic";

/** Groups whose members may not get this package. */
export const GET = graphRoute<{ id: string }>(async ({ req, ctx, params }) => {
  const { groups } = await listIncompatibles(ctx, { accessPackageId: params.id });
  return NextResponse.json({
    "@odata.context": `${apiBase(req)}/$metadata#Collection(microsoft.graph.group)`,
    value: groups.map((g) => ({ "@odata.type": "#microsoft.graph.group", id: g.id, displayName: g.displayName, description: g.description })),
  });
});
