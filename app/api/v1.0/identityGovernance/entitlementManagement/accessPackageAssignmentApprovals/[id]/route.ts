import { NextResponse } from "next/server";
import { graphRoute } from "@/lib/api/graph";
import { approvalSpec, getGraphApproval, listGraphApprovals } from "@/lib/api/approvals";
import { applySelect, entityContext, odataCollection, parseEntityOptions, parseFunctionSegment } from "@/lib/api/odata";
import { invalid } from "@/lib/errors";

export const dynamic = "force-dynamic";

/** `…/accessPackageAssignmentApprovals/{id}` and Graph's `…/accessPackageAssignmentApprovals/filterByCurrentUser(on='approver')`. */
export const GET = graphRoute<{ id: string }>(async ({ req, ctx, params }) => {
  const fn = parseFunctionSegment(params.id);
  if (fn) {
    if (fn.name !== "filterByCurrentUser" || fn.args.on !== "approver" || Object.keys(fn.args).length !== 1) {
      throw invalid("accessPackageAssignmentApprovals supports filterByCurrentUser(on='approver') only.");
    }
    const { q, page, items } = await listGraphApprovals(ctx, req.url);
    return NextResponse.json(odataCollection(req, approvalSpec, q, page, items, "Collection(approval)"));
  }
  const { select, expand } = parseEntityOptions(req.url, approvalSpec);
  const approval = await getGraphApproval(ctx, params.id);
  return NextResponse.json({ "@odata.context": entityContext(req, approvalSpec.entitySet), ...applySelect(approval, select, expand) });
});
