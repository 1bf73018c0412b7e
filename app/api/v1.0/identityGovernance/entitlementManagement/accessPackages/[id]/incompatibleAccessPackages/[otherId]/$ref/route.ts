import { graphRoute } from "@/lib/api/graph";
import { removeIncompatibleAccessPackage } from "@/lib/packages/incompatibles";

export const dynamic = "force-dynamic";

export const DELETE = graphRoute<{ id: string; otherId: string }>(async ({ ctx, params }) => {
  await removeIncompatibleAccessPackage({ ctx, input: { accessPackageId: params.id, incompatibleAccessPackageId: params.otherId } });
  return new Response(null, { status: 204 });
});
