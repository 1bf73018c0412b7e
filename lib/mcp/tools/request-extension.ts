import { z } from "zod";
import { invalid, notFound } from "@/lib/errors";
import { isUuid } from "@/lib/packages/load";
import { submitRequest, type SubmitRequestInput } from "@/lib/requests/submit-request";
import type { AgentCtx } from "../authenticate-agent";
import { describeRequest } from "../describe-request";
import { listMyActiveAssignments } from "../my-access";
import { resolvePackage } from "../resolve-package";
import { scheduleFields, toSchedule } from "./request-access";

export const requestExtensionInput = {
  assignmentId: z.string().trim().max(100).optional().describe("The assignment to extend (from list_my_access). Give this or package."),
  package: z.string().trim().max(300).optional().describe("The access package whose assignment to extend (id or name). Give this or assignmentId."),
  justification: z.string().trim().max(4000).optional().describe("Why you still need the access. Required when the policy says so; approvers read it."),
  end: scheduleFields.end,
  duration: scheduleFields.duration,
};

/**
 * Asks to extend one of the agent's own assignments: an update request (userUpdate) that goes through the policy's
 * approval again when it requires approval for updates. Without end or duration, the policy's full period from now.
 */
export async function requestExtension(ctx: AgentCtx, input: { assignmentId?: string; package?: string; justification?: string; end?: string; duration?: string }): Promise<string> {
  if (!input.assignmentId && !input.package) throw invalid("Name the access to extend: give assignmentId (from list_my_access) or package.", { assignmentId: ["give assignmentId or package"] });
  let accessPackageId: string;
  let assignmentId: string | undefined;
  if (input.assignmentId) {
    const [held] = isUuid(input.assignmentId) ? await listMyActiveAssignments(ctx, { assignmentId: input.assignmentId }) : [];
    if (!held) throw notFound(`You hold no active assignment with id ${input.assignmentId}. Call list_my_access to see your assignments.`);
    accessPackageId = held.accessPackageId;
    assignmentId = held.id;
  } else {
    accessPackageId = (await resolvePackage(ctx, input.package!)).id;
  }
  const schedule = toSchedule({ end: input.end, duration: input.duration });
  const request = await submitRequest({
    ctx,
    input: {
      requestType: "userUpdate",
      accessPackageId,
      assignmentId,
      justification: input.justification ?? "",
      schedule: schedule ? { expiration: schedule.expiration } : undefined,
    } satisfies SubmitRequestInput,
  });
  return describeRequest(ctx, request.id);
}
