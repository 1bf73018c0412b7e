import { graphRoute } from "@/lib/api/graph";
import { reprocessAssignment } from "@/lib/assignments/reprocess";

export const dynamic = "force-dynamic";

/** Graph: POST …/assignments/{id}/reprocess → 202 Accepted. */
export const POST = graphRoute<{ id: string }>(async ({ ctx, params }) => {
  await reprocessAssignment({ ctx, input: { id: params.id } });
  return new Response(null, { status: 202 });
});
