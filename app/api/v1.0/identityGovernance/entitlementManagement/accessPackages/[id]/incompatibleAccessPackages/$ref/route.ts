import { graphRoute, readJson } from "@/lib/api/graph";
import { idFromRef } from "@/lib/api/access-packages";
import { addIncompatibleAccessPackage } from "@/lib/packages/incompatibles";

export const dynamic = "force-dynamic";

/** POST …/incompatibleAccessPackages/$ref { "@odata.id": "…/accessPackages/{otherId}" } → 204. */
export const POST = graphRoute<{ id: string }>(async ({ req, ctx, params }) => {
  const other = idFromRef(await readJson(req), "accessPackages");
  await addIncompatibleAccessPackage({ ctx, input: { accessPackageId: params.id, incompatibleAccessPackageId: other } });
  return new Response(null, { status: 204 });
});
