"use client";

import Link from "next/link";
import { useActionState, useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { SubmitButton } from "@/components/ui/submit-button";
import { Field, Textarea } from "@/components/ui/field";
import { Badge, StateBadge } from "@/components/ui/badge";
import { FormToast, FormError } from "@/components/ui/toast";
import { DateTime } from "@/components/date-time";
import { errorsFor, type FormState } from "@/components/forms/form-state";
import type { HeldAssignment } from "@/lib/assignments/list-held-assignments";
import { extendAssignmentAction, removeHeldAssignmentAction } from "@/app/(portal)/access/mine/actions";
import { LocalDateTimeField } from "./local-date-time-field";
import { whatWouldGrantIt, type AccessHolder } from "./why-not";

type Props = {
  assignment: HeldAssignment;
  /** Set on an agent's (or owned service principal's) page in My Account: whose assignments these are (forms return there). */
  agentId?: string;
  /** "you" or the agent's name, for messages. */
  holderName: string;
  /** Whose they are, for what the explanations suggest: an agent's unless said otherwise when agentId is set. */
  holder?: AccessHolder;
};

/** The form closes on success, so its outcome is handed to the item (which shows it as a toast). */
function ExtendForm({ assignment: a, agentId, onDone, onSuccess }: { assignment: HeldAssignment; agentId?: string; onDone: () => void; onSuccess: (s: FormState) => void }) {
  const [state, formAction] = useActionState(extendAssignmentAction, null as FormState);
  useEffect(() => {
    if (state?.ok) onSuccess(state);
  }, [state, onSuccess]);
  if (!a.extend.allowed) return null;
  const x = a.extend;
  const idBase = `extend-${a.id}`;
  return (
    <form action={formAction} className="mt-3 space-y-3 rounded-md border border-slate-200 p-3 dark:border-slate-700">
      <input type="hidden" name="assignmentId" value={a.id} />
      <input type="hidden" name="accessPackageId" value={a.accessPackageId} />
      {agentId ? (
        <>
          <input type="hidden" name="targetId" value={a.targetId} />
          <input type="hidden" name="agentId" value={agentId} />
        </>
      ) : null}
      <p className="text-sm text-slate-700 dark:text-slate-300">
        {x.needsApproval ? "An extension is a new request: it needs approval again." : "Extended at once, without approval."}{" "}
        {x.customSchedule ? (
          <>Choose the new end{x.maxDuration ? ` (at most ${x.maxDuration} from now)` : ""}, or leave it empty for the policy&apos;s full period.</>
        ) : (
          <>
            Access would then end <DateTime value={x.defaultEndDateTime} empty="never" />
            {x.needsApproval ? " (counted from approval)" : ""}.
          </>
        )}
      </p>
      {x.customSchedule ? (
        <LocalDateTimeField label="New end" name="scheduleEnd" id={`${idBase}-end`} min={new Date()} max={x.defaultEndDateTime} errors={errorsFor(state, "schedule")} />
      ) : null}
      <Field
        label="Justification"
        name="justification"
        id={`${idBase}-justification`}
        required={x.justificationRequired}
        errors={errorsFor(state, "justification")}
        hint={x.needsApproval ? "Approvers see this." : undefined}
      >
        {(c) => <Textarea {...c} rows={2} maxLength={4000} />}
      </Field>
      <FormError state={state} />
      <div className="flex flex-wrap gap-2">
        <SubmitButton size="sm" pendingLabel="Submitting…">
          {x.needsApproval ? "Request extension" : "Extend now"}
          <span className="sr-only"> of {a.packageName}</span>
        </SubmitButton>
        <Button size="sm" variant="ghost" onClick={onDone}>
          Close
        </Button>
      </div>
    </form>
  );
}

function RemoveForm({ assignment: a, agentId, holderName, onDone }: { assignment: HeldAssignment; agentId?: string; holderName: string; onDone: () => void }) {
  const [state, formAction] = useActionState(removeHeldAssignmentAction, null as FormState);
  return (
    <form action={formAction} className="mt-3 space-y-3 rounded-md border border-red-200 p-3 dark:border-red-900">
      <input type="hidden" name="assignmentId" value={a.id} />
      <input type="hidden" name="packageName" value={a.packageName} />
      {agentId ? <input type="hidden" name="agentId" value={agentId} /> : null}
      <p className="text-sm">
        Remove {a.packageName} from {holderName}? The access ends at once; getting it back takes a new request.
      </p>
      <Field label="Reason (optional)" name="justification" id={`remove-${a.id}-justification`}>
        {(c) => <Textarea {...c} rows={2} maxLength={4000} />}
      </Field>
      <FormError state={state} />
      <div className="flex flex-wrap gap-2">
        <SubmitButton size="sm" variant="danger" pendingLabel="Removing…">
          Confirm removal<span className="sr-only"> of {a.packageName}</span>
        </SubmitButton>
        <Button size="sm" variant="ghost" onClick={onDone}>
          Keep it
        </Button>
      </div>
      <FormToast state={state?.ok ? state : null} />
    </form>
  );
}

/** One held assignment: package, dates, and Extend / Remove where allowed (or why not). */
export function HeldAssignmentItem({ assignment: a, agentId, holderName, holder = agentId ? "agent" : "self" }: Props) {
  const [open, setOpen] = useState<"extend" | "remove" | null>(null);
  const [toast, setToast] = useState<FormState>(null);
  const close = () => setOpen(null);
  return (
    <li className="px-4 py-3">
      <div className="flex flex-wrap items-start justify-between gap-x-4 gap-y-2">
        <div className="min-w-0">
          <h3 className="font-medium break-words">{a.packageName}</h3>
          <p className="text-xs text-slate-600 dark:text-slate-400">
            {a.catalogName} · {a.policyName}
          </p>
          <p className="mt-1 flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
            <StateBadge state={a.state} />
            <span>
              Since <DateTime value={a.startDateTime} />
            </span>
            <span>
              {a.endDateTime ? (
                <>
                  Ends <DateTime value={a.endDateTime} />
                </>
              ) : (
                "No end date"
              )}
            </span>
            {a.openRequest ? (
              <Link href={`/access/requests/${a.openRequest.id}`} className="text-blue-700 hover:underline dark:text-blue-300">
                <Badge tone="amber">{a.openRequest.requestType.endsWith("Update") ? "Extension pending" : a.openRequest.requestType.endsWith("Remove") ? "Removal pending" : "Request open"}</Badge>
                <span className="sr-only"> — view the request</span>
              </Link>
            ) : null}
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          {a.extend.allowed ? (
            <Button size="sm" variant="secondary" aria-expanded={open === "extend"} onClick={() => setOpen(open === "extend" ? null : "extend")}>
              Extend<span className="sr-only"> {a.packageName}</span>
            </Button>
          ) : null}
          {a.remove.allowed ? (
            <Button size="sm" variant="secondary" aria-expanded={open === "remove"} onClick={() => setOpen(open === "remove" ? null : "remove")}>
              Remove<span className="sr-only"> {a.packageName}</span>
            </Button>
          ) : null}
        </div>
      </div>
      {!a.extend.allowed || !a.remove.allowed ? (
        <ul className="mt-2 space-y-1 text-xs text-slate-600 dark:text-slate-400">
          {!a.extend.allowed ? (
            <li>
              <span className="font-medium">Can&apos;t extend:</span> {a.extend.reason.code === "openRequestExists" ? "a request for this package is already open." : a.extend.reason.message}{" "}
              {whatWouldGrantIt(a.extend.reason.code, { action: "extend", holder })}
            </li>
          ) : null}
          {!a.remove.allowed && a.remove.reason.code !== "openRequestExists" ? (
            <li>
              <span className="font-medium">Can&apos;t remove:</span> {a.remove.reason.message} {whatWouldGrantIt(a.remove.reason.code, { action: "remove", holder })}
            </li>
          ) : null}
        </ul>
      ) : null}
      {open === "extend" ? (
        <ExtendForm
          assignment={a}
          agentId={agentId}
          onDone={close}
          onSuccess={(result) => {
            setToast(result);
            setOpen(null);
          }}
        />
      ) : open === "remove" ? (
        <RemoveForm assignment={a} agentId={agentId} holderName={holderName} onDone={close} />
      ) : null}
      <FormToast state={toast} />
    </li>
  );
}

export function HeldAssignmentList({ rows, agentId, holderName, holder, label }: Omit<Props, "assignment"> & { rows: HeldAssignment[]; label: string }) {
  return (
    <ul aria-label={label} className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-950">
      {rows.map((a) => (
        <HeldAssignmentItem key={a.id} assignment={a} agentId={agentId} holderName={holderName} holder={holder} />
      ))}
    </ul>
  );
}
