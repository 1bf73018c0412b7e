import { graphRoute, readJson } from "@/lib/api/graph";
import { reviewGraphStage } from "@/lib/api/approvals";

export const dynamic = "force-dynamic";

/** Graph: PATCH …/accessPackageAssignmentApprovals/{id}/stages/{stageId} { reviewResult, justification } → 204. */
export const PATCH = graphRoute<{ id: string; stageId: string }>(async ({ req, ctx, params }) => {
  await reviewGraphStage(ctx, params.id, params.stageId, await readJson(req));
  return new Response(null, { status: 204 });
});
