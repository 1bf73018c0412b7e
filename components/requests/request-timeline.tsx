import Link from "next/link";
import type { ReactNode } from "react";
import { Badge, StateBadge } from "@/components/ui/badge";
import { DateTime } from "@/components/date-time";
import { PrincipalTypeBadge } from "@/components/principal-type-badge";
import type { RequestTimeline, TimelineStage } from "@/lib/requests/get-request-timeline";
import { APPROVER_KIND_LABELS, REQUEST_TYPE_LABELS, actorDisplayName } from "./request-labels";
import { AnswerList, JustificationText } from "@/components/requests/request-answers";

export function Detail({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="grid gap-0.5 sm:grid-cols-[8.5rem_1fr] sm:gap-3">
      <dt className="text-sm font-medium text-slate-600 dark:text-slate-400">{term}</dt>
      <dd className="min-w-0 text-sm break-words">{children}</dd>
    </div>
  );
}

type Tone = "blue" | "green" | "red" | "amber" | "gray" | "purple";

const DOT: Record<Tone, string> = {
  blue: "bg-blue-600 dark:bg-blue-400",
  green: "bg-green-600 dark:bg-green-400",
  red: "bg-red-600 dark:bg-red-400",
  amber: "bg-amber-500 dark:bg-amber-400",
  gray: "bg-slate-400 dark:bg-slate-500",
  purple: "bg-purple-600 dark:bg-purple-400",
};

function Step({ title, tone, at, badge, children }: { title: string; tone: Tone; at?: Date | null; badge?: ReactNode; children?: ReactNode }) {
  return (
    <li className="group relative pb-6 pl-7 last:pb-0">
      <span aria-hidden="true" className="absolute top-0 bottom-0 left-[5px] w-px bg-slate-200 dark:bg-slate-700 group-last:hidden" />
      <span aria-hidden="true" className={`absolute top-1.5 left-0 h-[11px] w-[11px] rounded-full ring-4 ring-white dark:ring-slate-900 ${DOT[tone]}`} />
      <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
        <h3 className="font-semibold">{title}</h3>
        {badge}
        {at ? (
          <span className="text-sm text-slate-600 dark:text-slate-400">
            <DateTime value={at} />
          </span>
        ) : null}
      </div>
      {children ? <div className="mt-2">{children}</div> : null}
    </li>
  );
}

function Who({ name, type }: { name: string; type: string | null }) {
  return (
    <span className="inline-flex flex-wrap items-center gap-1.5">
      <span className="font-medium">{name}</span>
      {type && type !== "user" && type !== "system" ? <PrincipalTypeBadge type={type} /> : null}
    </span>
  );
}

const STAGE_TONE: Record<TimelineStage["state"], Tone> = {
  notStarted: "gray",
  pending: "amber",
  escalated: "purple",
  approved: "green",
  denied: "red",
  skipped: "gray",
};

function StageStep({ stage, count }: { stage: TimelineStage; count: number }) {
  const decided = stage.state === "approved" || stage.state === "denied";
  const decider = stage.decidedByType === "system" ? "Steward lifecycle job" : stage.decidedBy?.displayName;
  return (
    <Step title={count > 1 ? `Approval stage ${stage.number} of ${count}` : "Approval"} tone={STAGE_TONE[stage.state]} badge={<StateBadge state={stage.state} />} at={stage.startedAt}>
      <dl className="space-y-2">
        <Detail term="Approvers">
          {stage.approvers.length ? (
            <ul className="space-y-1" aria-label={`Approvers of stage ${stage.number}`}>
              {stage.approvers.map((a) => (
                <li key={`${a.kind}:${a.id}`} className="flex flex-wrap items-center gap-1.5">
                  <Who name={a.displayName} type={a.type} />
                  <Badge tone={a.kind.toLowerCase().includes("escalation") ? "purple" : "gray"}>{APPROVER_KIND_LABELS[a.kind] ?? a.kind}</Badge>
                </li>
              ))}
            </ul>
          ) : (
            <span className="text-slate-600 dark:text-slate-400">{stage.state === "notStarted" ? "Chosen when the stage starts" : "None recorded"}</span>
          )}
        </Detail>
        {stage.escalatedAt ? (
          <Detail term="Escalated">
            <DateTime value={stage.escalatedAt} />
          </Detail>
        ) : null}
        {decided ? (
          <>
            <Detail term="Decision">
              <span className="inline-flex flex-wrap items-center gap-1.5">
                <StateBadge state={stage.reviewResult} />
                {decider ? <span>by {decider}</span> : null}
                {stage.decidedAt ? (
                  <span className="text-slate-600 dark:text-slate-400">
                    · <DateTime value={stage.decidedAt} />
                  </span>
                ) : null}
              </span>
            </Detail>
            <Detail term="Justification">{stage.justification ? <q className="italic">{stage.justification}</q> : <span className="text-slate-500">None given</span>}</Detail>
          </>
        ) : stage.state === "pending" || stage.state === "escalated" ? (
          <Detail term="Decision">
            <span className="text-slate-600 dark:text-slate-400">Waiting for an approver</span>
          </Detail>
        ) : stage.state === "skipped" ? (
          <Detail term="Decision">
            <span className="text-slate-600 dark:text-slate-400">Not reached</span>
          </Detail>
        ) : null}
      </dl>
    </Step>
  );
}

const OUTCOME: Record<string, { title: string; tone: Tone }> = {
  delivered: { title: "Delivered", tone: "green" },
  partiallyDelivered: { title: "Partially delivered", tone: "amber" },
  deliveryFailed: { title: "Delivery failed", tone: "red" },
  denied: { title: "Denied", tone: "red" },
  canceled: { title: "Canceled", tone: "gray" },
  scheduled: { title: "Scheduled", tone: "blue" },
};

/** What happened to a request, in order: submission, each approval stage, the outcome and the assignment. */
export function RequestTimelineSteps({ timeline, adminLinks = true }: { timeline: RequestTimeline; /** Links into the admin center (off in My Access). */ adminLinks?: boolean }) {
  const { request: r, target, requestor, stages, assignment, pkg } = timeline;
  const onBehalf = r.requestorId !== null && r.requestorId !== r.targetId;
  const outcome = OUTCOME[r.state];
  const isRemoval = r.requestType.endsWith("Remove");
  const isAdmin = r.requestType.startsWith("admin");
  const outcomeTitle = r.state === "delivered" ? (isRemoval ? "Access removed" : r.requestType.endsWith("Update") ? "Access updated" : "Delivered") : outcome?.title;
  return (
    <ol aria-label="Request timeline">
      <Step title="Submitted" tone="blue" at={r.createdAt}>
        <dl className="space-y-2">
          <Detail term="Requested by">
            <Who name={actorDisplayName(r.requestorType, requestor?.displayName)} type={r.requestorType} />
            <span className="text-slate-600 dark:text-slate-400">
              {isAdmin
                ? " as an administrator"
                : !onBehalf
                  ? " for themselves"
                  : target.type !== "user"
                    ? ` on the ${target.type === "servicePrincipal" ? "service principal" : "agent"}'s behalf`
                    : null}
            </span>
          </Detail>
          <Detail term="For">
            <Who name={target.displayName} type={target.type} />
          </Detail>
          <Detail term="Type">{REQUEST_TYPE_LABELS[r.requestType] ?? r.requestType}</Detail>
          <Detail term="Justification"><JustificationText text={r.justification} /></Detail>
          {r.answers.length ? (
            <Detail term="Answers">
              <AnswerList answers={r.answers} />
            </Detail>
          ) : null}
          {!isRemoval ? (
            <Detail term="Requested until">
              <DateTime value={r.schedule.endDateTime} empty="No end date requested (the policy's period counts from delivery)" />
            </Detail>
          ) : null}
        </dl>
      </Step>

      {stages.length ? (
        stages.map((s) => <StageStep key={s.id} stage={s} count={stages.length} />)
      ) : (
        <Step title="No approval needed" tone="gray">
          <p className="text-sm text-slate-600 dark:text-slate-400">
            {isAdmin
              ? "An administrator or assignment manager acted directly."
              : isRemoval
                ? "Removing access needs no approval."
                : r.state === "canceled" || r.state === "denied"
                  ? "The request ended before any approval stage."
                  : "The policy grants this access without approval."}
          </p>
        </Step>
      )}

      {outcome ? (
        <Step title={outcomeTitle ?? outcome.title} tone={outcome.tone} at={r.completedAt} badge={<StateBadge state={r.state} />}>
          {r.status ? <p className="text-sm">{r.status}</p> : null}
        </Step>
      ) : (
        <Step title="Not completed yet" tone="amber" badge={<StateBadge state={r.state} />}>
          {r.status ? <p className="text-sm">{r.status}</p> : null}
        </Step>
      )}

      {assignment ? (
        <Step title="Assignment" tone={assignment.state === "delivered" ? "green" : assignment.state === "deliveryFailed" ? "red" : "gray"} badge={<StateBadge state={assignment.state} />}>
          <dl className="space-y-2">
            <Detail term="Starts">
              <DateTime value={assignment.startDateTime} />
            </Detail>
            <Detail term="Ends">
              <DateTime value={assignment.endDateTime} empty="No end date" />
            </Detail>
            {assignment.status ? <Detail term="Status">{assignment.status}</Detail> : null}
          </dl>
          {adminLinks ? (
            <p className="mt-2 text-sm">
              <Link
                href={`/admin/assignments?${new URLSearchParams({ accessPackageId: pkg.id, q: target.displayName })}`}
                className="text-blue-700 hover:underline dark:text-blue-300"
              >
                Show in assignments
              </Link>
            </p>
          ) : null}
        </Step>
      ) : null}
    </ol>
  );
}
