import { graphRoute } from "@/lib/api/graph";
import { removeIncompatibleGroup } from "@/lib/packages/incompatibles";

export const dynamic = "force-dynamic";

export const DELETE = graphRoute<{ id: string; groupId: string }>(async ({ ctx, params }) => {
  await removeIncompatibleGroup({ ctx, input: { accessPackageId: params.id, groupId: params.groupId } });
  return new Response(null, { status: 204 });
});
