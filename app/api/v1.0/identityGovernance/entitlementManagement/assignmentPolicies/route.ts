import { NextResponse } from "next/server";
import { graphRoute, readJson } from "@/lib/api/graph";
import { assignmentPolicySpec, listGraphPolicies, toCreatePolicyInput, toGraphPolicy } from "@/lib/api/assignment-policies";
import { entityContext, odataCollection, parseODataQuery } from "@/lib/api/odata";
import { createPolicy } from "@/lib/policies/create-policy";

export const dynamic = "force-dynamic";

export const GET = graphRoute(async ({ req, ctx }) => {
  const q = parseODataQuery(req.url, assignmentPolicySpec);
  const { page, items } = await listGraphPolicies(ctx, q);
  return NextResponse.json(odataCollection(req, assignmentPolicySpec, q, page, items));
});

export const POST = graphRoute(async ({ req, ctx }) => {
  const created = await createPolicy({ ctx, input: toCreatePolicyInput(await readJson(req)) });
  return NextResponse.json(
    { "@odata.context": entityContext(req, assignmentPolicySpec.entitySet), ...toGraphPolicy(created) },
    { status: 201, headers: { Location: `${new URL(req.url).pathname}/${created.id}` } },
  );
});
