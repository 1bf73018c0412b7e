import { graphRoute } from "@/lib/api/graph";
import { removeResourceRoleScope } from "@/lib/packages/resource-role-scopes";

export const dynamic = "force-dynamic";

/** Removes a resource role; assignees lose it where no other assignment delivers it. */
export const DELETE = graphRoute<{ id: string; scopeId: string }>(async ({ ctx, params }) => {
  await removeResourceRoleScope({ ctx, input: { accessPackageId: params.id, resourceRoleScopeId: params.scopeId } });
  return new Response(null, { status: 204 });
});
