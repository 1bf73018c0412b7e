import { NextResponse } from "next/server";
import { graphRoute, readJson } from "@/lib/api/graph";
import { assignmentPolicySpec, getGraphPolicy, toGraphPolicy, toReplacePolicyInput } from "@/lib/api/assignment-policies";
import { applySelect, entityContext, parseEntityOptions } from "@/lib/api/odata";
import { replacePolicy } from "@/lib/policies/replace-policy";
import { deletePolicy } from "@/lib/policies/delete-policy";

export const dynamic = "force-dynamic";

type P = { id: string };

export const GET = graphRoute<P>(async ({ req, ctx, params }) => {
  const q = parseEntityOptions(req.url, assignmentPolicySpec);
  const item = applySelect(await getGraphPolicy(ctx, params.id, q.expand), q.select, q.expand);
  return NextResponse.json({ "@odata.context": entityContext(req, assignmentPolicySpec.entitySet), ...item });
});

/** Graph's PUT replaces the whole policy; Steward answers with the replaced policy (200). */
export const PUT = graphRoute<P>(async ({ req, ctx, params }) => {
  const replaced = await replacePolicy({ ctx, input: toReplacePolicyInput(params.id, await readJson(req)) });
  return NextResponse.json({ "@odata.context": entityContext(req, assignmentPolicySpec.entitySet), ...toGraphPolicy(replaced) });
});

export const DELETE = graphRoute<P>(async ({ ctx, params }) => {
  await deletePolicy({ ctx, input: { policyId: params.id } });
  return new Response(null, { status: 204 });
});
