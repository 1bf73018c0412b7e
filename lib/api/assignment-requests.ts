import { z } from "zod";
import type { AssignmentRequest } from "@/db/schema";
import { parseInput } from "@/lib/errors";
import type { SubmitRequestInput } from "@/lib/requests/submit-request";

/** Graph's body for POST assignmentRequests (v1.0 accessPackageAssignmentRequest). */
export const graphAssignmentRequestBody = z.object({
  requestType: z.enum(["userAdd", "userUpdate", "userRemove", "adminAdd", "adminUpdate", "adminRemove"], {
    message: "requestType must be userAdd, userUpdate, userRemove, adminAdd, adminUpdate or adminRemove",
  }),
  assignment: z.object(
    {
      id: z.uuid("assignment.id must be an id").optional(),
      accessPackageId: z.uuid("assignment.accessPackageId must be the id of an access package").optional(),
      assignmentPolicyId: z.uuid("assignment.assignmentPolicyId must be the id of a policy").optional(),
      targetId: z.uuid("assignment.targetId must be the id of a principal").optional(),
    },
    { message: "assignment is required: { accessPackageId, assignmentPolicyId }" },
  ),
  justification: z.string().max(4000).optional(),
  schedule: z
    .object({
      startDateTime: z.string().optional(),
      expiration: z.object({ type: z.string().optional(), endDateTime: z.string().optional(), duration: z.string().optional() }).optional(),
    })
    .optional(),
  answers: z
    .array(
      z.object({
        "@odata.type": z.string().optional(),
        value: z.union([z.string(), z.array(z.string())]).optional(),
        answeredQuestion: z.object({ id: z.string() }),
      }),
    )
    .optional(),
});

/** Maps Graph's body to the domain verb's input; `accessPackageId` is required for every request type. */
export function toSubmitInput(body: unknown): SubmitRequestInput {
  const b = parseInput(graphAssignmentRequestBody, body);
  if (!b.assignment.accessPackageId) parseInput(z.object({ accessPackageId: z.string({ message: "assignment.accessPackageId is required" }) }), {});
  return {
    requestType: b.requestType,
    accessPackageId: b.assignment.accessPackageId!,
    assignmentPolicyId: b.assignment.assignmentPolicyId,
    targetId: b.assignment.targetId,
    assignmentId: b.assignment.id,
    justification: b.justification ?? "",
    answers: (b.answers ?? []).map((a) => ({ questionId: a.answeredQuestion.id, value: a.value ?? "" })),
    schedule: b.schedule as SubmitRequestInput["schedule"],
  };
}

/** A request as Graph returns it. */
export function toGraphRequest(r: AssignmentRequest) {
  const schedule = r.schedule as { startDateTime: string; endDateTime: string | null };
  return {
    "@odata.context": "$metadata#identityGovernance/entitlementManagement/assignmentRequests/$entity",
    id: r.id,
    requestType: r.requestType,
    state: r.state,
    status: r.status,
    createdDateTime: r.createdAt.toISOString(),
    completedDateTime: r.completedAt?.toISOString() ?? null,
    justification: r.justification,
    answers: r.answers,
    schedule: {
      startDateTime: schedule.startDateTime,
      expiration: schedule.endDateTime ? { type: "afterDateTime", endDateTime: schedule.endDateTime } : { type: "noExpiration", endDateTime: null },
    },
    accessPackage: { id: r.accessPackageId },
    assignmentPolicy: { id: r.assignmentPolicyId },
    target: { objectId: r.targetId, type: r.targetType },
    requestor: r.requestorId ? { objectId: r.requestorId, type: r.requestorType } : null,
    assignment: r.assignmentId ? { id: r.assignmentId } : null,
  };
}
