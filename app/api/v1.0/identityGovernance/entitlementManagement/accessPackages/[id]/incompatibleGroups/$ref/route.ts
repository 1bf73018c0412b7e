import { graphRoute, readJson } from "@/lib/api/graph";
import { idFromRef } from "@/lib/api/access-packages";
import { addIncompatibleGroup } from "@/lib/packages/incompatibles";

export const dynamic = "force-dynamic";

/** POST …/incompatibleGroups/$ref { "@odata.id": "…/groups/{groupId}" } → 204. */
export const POST = graphRoute<{ id: string }>(async ({ req, ctx, params }) => {
  const groupId = idFromRef(await readJson(req), "groups");
  await addIncompatibleGroup({ ctx, input: { accessPackageId: params.id, groupId } });
  return new Response(null, { status: 204 });
});
