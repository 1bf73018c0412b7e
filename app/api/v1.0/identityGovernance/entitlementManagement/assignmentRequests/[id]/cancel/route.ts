import { graphRoute } from "@/lib/api/graph";
import { cancelRequest } from "@/lib/requests/cancel-request";

export const dynamic = "force-dynamic";

/** Graph: POST …/assignmentRequests/{id}/cancel → 200 with no body. */
export const POST = graphRoute<{ id: string }>(async ({ ctx, params }) => {
  await cancelRequest({ ctx, input: { requestId: params.id } });
  return new Response(null, { status: 200 });
});
