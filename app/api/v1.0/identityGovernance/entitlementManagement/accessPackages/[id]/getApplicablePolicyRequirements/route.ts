import { NextResponse } from "next/server";
import { graphRoute, readJson } from "@/lib/api/graph";
import { applicableRequirementsBody } from "@/lib/api/access-packages";
import { apiBase } from "@/lib/api/odata";
import { parseInput } from "@/lib/errors";
import { getApplicablePolicyRequirements } from "@/lib/policies/get-applicable-policy-requirements";

export const dynamic = "force-dynamic";

/**
 * Graph's action: the policies under which the caller (or `subject`, an agent the caller sponsors or owns) may
 * request the package, and what each needs. Why each other policy does not apply is in `@steward.notApplicable`.
 */
export const POST = graphRoute<{ id: string }>(async ({ req, ctx, params }) => {
  // The body is optional here: without a subject, the requirements are the caller's own.
  const body = parseInput(applicableRequirementsBody, await readJson(req, { optional: true }));
  const targetId = body?.subject?.objectId ?? body?.subject?.id;
  const result = await getApplicablePolicyRequirements({ ctx, input: { accessPackageId: params.id, targetId } });
  return NextResponse.json({
    "@odata.context": `${apiBase(req)}/$metadata#Collection(microsoft.graph.accessPackageAssignmentRequestRequirements)`,
    value: result.value.map((r) => ({
      policyId: r.policyId,
      policyDisplayName: r.policyDisplayName,
      policyDescription: r.policyDescription,
      isApprovalRequiredForAdd: r.isApprovalRequiredForAdd,
      isApprovalRequiredForUpdate: r.isApprovalRequiredForUpdate,
      isRequestorJustificationRequired: r.isRequestorJustificationRequired,
      allowCustomAssignmentSchedule: r.allowCustomAssignmentSchedule,
      questions: r.questions,
      schedule: { expiration: { type: r.schedule.expiration.type, endDateTime: r.schedule.expiration.endDateTime?.toISOString() ?? null, duration: r.schedule.expiration.duration ?? null } },
    })),
    "@steward.notApplicable": result.notApplicable,
  });
});
