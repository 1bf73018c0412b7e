import type { Ctx } from "@/lib/auth/actor";
import type { RequestType } from "@/db/schema";
import { getRequestTimeline, type RequestTimeline, type TimelineStage } from "@/lib/requests/get-request-timeline";
import { at, names, quote, until } from "./format";

const KIND: Record<RequestType, string> = {
  userAdd: "new access",
  onBehalfAdd: "new access, asked on your behalf",
  adminAdd: "assigned by an administrator",
  systemAdd: "assigned automatically",
  userUpdate: "extension",
  adminUpdate: "change by an administrator",
  systemUpdate: "automatic change",
  userRemove: "removal",
  adminRemove: "removal by an administrator",
  systemRemove: "automatic removal",
};

function waitingOn(stage: TimelineStage, total: number): string {
  const escalated = stage.state === "escalated";
  const who = stage.approvers.filter((a) => (escalated ? a.kind === "escalation" || a.kind === "fallbackEscalation" : a.kind === "primary" || a.kind === "fallbackPrimary"));
  const list = (who.length ? who : stage.approvers).map((a) => a.displayName);
  return `waiting for approval by ${list.length ? names(list) : "nobody eligible"} (stage ${stage.number} of ${total}${escalated ? ", escalated" : ""})`;
}

/** What happens next, in one sentence. */
function next(t: RequestTimeline): string {
  const r = t.request;
  const update = r.requestType.endsWith("Update");
  switch (r.state) {
    case "submitted":
    case "delivering":
      return "Being delivered now; check again in a moment.";
    case "pendingApproval": {
      const stage = t.stages.find((s) => s.state === "pending" || s.state === "escalated");
      const waiting = stage ? waitingOn(stage, t.stages.length) : "waiting for approval";
      return `${waiting[0].toUpperCase()}${waiting.slice(1)}. Nothing to do but wait; check again with get_request_status.`;
    }
    case "scheduled":
      return `Approved; access starts at ${at(r.schedule.startDateTime)}.`;
    case "delivered": {
      const a = t.assignment;
      if (!a) return "Delivered.";
      if (a.state === "expired") return `Delivered, but the access has since ended (${at(a.endDateTime)}; assignment ${a.id}).`;
      return update ? `Extended: held ${until(a.endDateTime)} (assignment ${a.id}).` : `Access granted now, held ${until(a.endDateTime)} (assignment ${a.id}). Call list_my_access to see the grants.`;
    }
    case "partiallyDelivered":
    case "deliveryFailed":
      return `Delivery ${r.state === "deliveryFailed" ? "failed" : "was partial"}: ${r.status || "no detail recorded"}. An administrator can reprocess it.`;
    case "denied": {
      const stage = t.stages.find((s) => s.state === "denied");
      if (!stage) return `Denied. ${r.status}`.trim();
      const by = stage.decidedBy?.displayName ?? (stage.decidedByType === "system" ? "the system (no decision in time)" : "an approver");
      return `Denied by ${by}${stage.justification ? `: ${quote(stage.justification)}` : ""}.`;
    }
    case "canceled":
      return "Canceled; nothing was granted.";
    default:
      return r.status;
  }
}

/**
 * A request as a few plain lines: id, package, state and what happens next; with `detail`, who asked for whom,
 * the justification and each approval stage. Visibility is getRequest's, so another principal's request is "not found".
 */
export async function describeRequest(ctx: Ctx, requestId: string, opts: { detail?: boolean } = {}): Promise<string> {
  const t = await getRequestTimeline(ctx, { requestId });
  const r = t.request;
  const lines = [`Request ${r.id} (${KIND[r.requestType]}) for ${quote(t.pkg.displayName)}: ${r.state}. ${next(t)}`];
  if (opts.detail) {
    const by = t.requestor && t.requestor.id !== t.target.id ? `${t.requestor.displayName} for ${t.target.displayName}` : t.target.displayName;
    lines.push(`Submitted ${at(r.createdAt)} by ${by} under policy ${quote(t.policy.displayName)} (id ${t.policy.id}); justification ${r.justification ? quote(r.justification) : "none"}.`);
    for (const s of t.stages) {
      const decided = s.decidedAt ? ` by ${s.decidedBy?.displayName ?? "the system"} at ${at(s.decidedAt)}${s.justification ? `: ${quote(s.justification)}` : ""}` : "";
      lines.push(`Stage ${s.number}: ${s.state}${decided}${s.state === "pending" || s.state === "escalated" ? ` — ${waitingOn(s, t.stages.length)}` : ""}.`);
    }
    if (r.completedAt) lines.push(`Completed ${at(r.completedAt)}.`);
  }
  return lines.join("\n");
}
