import { NextResponse } from "next/server";
import { graphRoute } from "@/lib/api/graph";
import { toGraphAccessPackage } from "@/lib/api/access-packages";
import { apiBase } from "@/lib/api/odata";
import { listIncompatibles } from "@/lib/packages/incompatibles";

export const dynamic = "force-dynamic";

/** The packages that may not be held together with this one (the link counts in both directions). */
export const GET = graphRoute<{ id: string }>(async ({ req, ctx, params }) => {
  const { accessPackages } = await listIncompatibles(ctx, { accessPackageId: params.id });
  return NextResponse.json({ "@odata.context": `${apiBase(req)}/$metadata#Collection(microsoft.graph.accessPackage)`, value: accessPackages.map((p) => toGraphAccessPackage(p)) });
});
