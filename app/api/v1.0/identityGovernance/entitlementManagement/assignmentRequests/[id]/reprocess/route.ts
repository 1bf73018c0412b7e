import { graphRoute } from "@/lib/api/graph";
import { reprocessRequest } from "@/lib/assignments/reprocess";

export const dynamic = "force-dynamic";

/** Graph: POST …/assignmentRequests/{id}/reprocess → 202 Accepted. */
export const POST = graphRoute<{ id: string }>(async ({ ctx, params }) => {
  await reprocessRequest({ ctx, input: { id: params.id } });
  return new Response(null, { status: 202 });
});
