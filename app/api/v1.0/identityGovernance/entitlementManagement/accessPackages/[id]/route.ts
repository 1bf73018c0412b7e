import { NextResponse } from "next/server";
import { graphRoute, readJson } from "@/lib/api/graph";
import { accessPackageSpec, getGraphAccessPackage, toGraphAccessPackage, updateAccessPackageBody, withPlainExpand } from "@/lib/api/access-packages";
import { applySelect, entityContext, parseEntityOptions } from "@/lib/api/odata";
import { parseInput } from "@/lib/errors";
import { updateAccessPackage } from "@/lib/packages/update-access-package";
import { deleteAccessPackage } from "@/lib/packages/delete-access-package";

export const dynamic = "force-dynamic";

type P = { id: string };

/** GET …/accessPackages/{id}, with $select and $expand=catalog,resourceRoleScopes,assignmentPolicies. */
export const GET = graphRoute<P>(async ({ req, ctx, params }) => {
  const q = parseEntityOptions(withPlainExpand(req.url), accessPackageSpec);
  const item = applySelect(await getGraphAccessPackage(ctx, params.id, q.expand), q.select, q.expand);
  return NextResponse.json({ "@odata.context": entityContext(req, accessPackageSpec.entitySet), ...item });
});

/** 204 as in Graph; with `Prefer: return=representation`, the updated package. */
export const PATCH = graphRoute<P>(async ({ req, ctx, params }) => {
  const body = parseInput(updateAccessPackageBody, await readJson(req));
  const updated = await updateAccessPackage({ ctx, input: { ...body, accessPackageId: params.id } });
  if (!/return=representation/i.test(req.headers.get("prefer") ?? "")) return new Response(null, { status: 204 });
  return NextResponse.json({ "@odata.context": entityContext(req, accessPackageSpec.entitySet), ...toGraphAccessPackage(updated) });
});

export const DELETE = graphRoute<P>(async ({ ctx, params }) => {
  await deleteAccessPackage({ ctx, input: { accessPackageId: params.id } });
  return new Response(null, { status: 204 });
});
