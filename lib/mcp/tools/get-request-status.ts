import { z } from "zod";
import { listMyRequests } from "@/lib/requests/list-my-requests";
import type { AgentCtx } from "../authenticate-agent";
import { describeRequest } from "../describe-request";
import { at, quote } from "../format";

export const RECENT_PAGE_SIZE = 10;

export const getRequestStatusInput = {
  requestId: z.string().trim().max(100).optional().describe("The request id returned by request_access or request_extension. Omit to list your recent requests."),
  page: z.number().int().min(1).max(1000).optional().describe(`Page of your recent requests (${RECENT_PAGE_SIZE} a page) when no requestId is given. Default 1.`),
};

/** One request in detail, or the agent's recent requests one per line. Only the agent's own requests are visible. */
export async function getRequestStatus(ctx: AgentCtx, input: { requestId?: string; page?: number }): Promise<string> {
  if (input.requestId) return describeRequest(ctx, input.requestId, { detail: true });
  const list = await listMyRequests(ctx, { page: input.page ?? 1, pageSize: RECENT_PAGE_SIZE });
  if (list.total === 0) return "You have made no requests yet. Call list_requestable_packages to see what you can request.";
  const pages = Math.ceil(list.total / list.pageSize);
  if (list.rows.length === 0) {
    return `You have ${list.total} request${list.total === 1 ? "" : "s"}; there is no page ${list.page}: the last is page ${pages}. Call get_request_status without page for the newest.`;
  }
  const head = `${list.total} request${list.total === 1 ? "" : "s"}, newest first${pages > 1 ? ` (page ${list.page} of ${pages}; pass page to see more)` : ""}:`;
  const rows = list.rows.map(
    (r) =>
      `- ${r.id}: ${r.requestType} ${quote(r.packageName)} — ${r.state}${r.status ? ` (${r.status})` : ""}; submitted ${at(r.createdAt)}${r.requestedByMe ? "" : ` by ${r.requestorName ?? "someone else"}`}`,
  );
  return [head, ...rows, "Call get_request_status with a requestId for who must approve and what happens next."].join("\n");
}
