import { NextResponse } from "next/server";
import { graphRoute, readJson } from "@/lib/api/graph";
import { getGraphAccessPackage, resolveRoleFromBody, toGraphResourceRoleScope } from "@/lib/api/access-packages";
import { apiBase } from "@/lib/api/odata";
import { addResourceRoleScope } from "@/lib/packages/resource-role-scopes";

export const dynamic = "force-dynamic";

type P = { id: string };
const context = (req: Request, id: string) => `${apiBase(req)}/$metadata#identityGovernance/entitlementManagement/accessPackages('${id}')/resourceRoleScopes`;

export const GET = graphRoute<P>(async ({ req, ctx, params }) => {
  const pkg = await getGraphAccessPackage(ctx, params.id, new Set(["resourceRoleScopes"]));
  return NextResponse.json({ "@odata.context": context(req, pkg.id), value: pkg.resourceRoleScopes });
});

/** Adds a resource role; current assignees of the package get it at once. */
export const POST = graphRoute<P>(async ({ req, ctx, params }) => {
  const resourceRoleId = await resolveRoleFromBody(ctx, params.id, await readJson(req));
  const { scope } = await addResourceRoleScope({ ctx, input: { accessPackageId: params.id, resourceRoleId } });
  return NextResponse.json(
    { "@odata.context": `${context(req, params.id)}/$entity`, ...toGraphResourceRoleScope(scope) },
    { status: 201, headers: { Location: `${new URL(req.url).pathname}/${scope.id}` } },
  );
});
