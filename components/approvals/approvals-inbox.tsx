"use client";

import Link from "next/link";
import { useActionState, useState, type ReactNode } from "react";
import { useFormStatus } from "react-dom";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field, Textarea } from "@/components/ui/field";
import { Badge, StateBadge } from "@/components/ui/badge";
import { DateTime } from "@/components/date-time";
import { PrincipalTypeBadge } from "@/components/principal-type-badge";
import { AnswerList, JustificationText } from "@/components/requests/request-answers";
import { REQUEST_TYPE_LABELS } from "@/components/requests/request-labels";
import { errorsFor, type FormState } from "@/components/forms/form-state";
import type { InboxItem } from "@/lib/approvals/list-inbox";
import type { DecideManyResult } from "@/lib/approvals/decide-many";
import type { ActiveAssignmentSummary } from "@/lib/assignments/list-active-assignments";
import type { RequestType } from "@/db/schema";
import { DecisionForm } from "./decision-form";
import { FormError } from "@/components/ui/toast";

export type InboxEntry = InboxItem & { currentAccess: { items: ActiveAssignmentSummary[]; total: number } };

type DecideAction = (prev: FormState, formData: FormData) => Promise<FormState>;
type BulkAction = (prev: FormState<DecideManyResult>, formData: FormData) => Promise<FormState<DecideManyResult>>;

function Detail({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="grid gap-0.5 sm:grid-cols-[9rem_1fr] sm:gap-3">
      <dt className="text-sm font-medium text-slate-600 dark:text-slate-400">{term}</dt>
      <dd className="min-w-0 text-sm break-words">{children}</dd>
    </div>
  );
}

const keyOf = (i: Pick<InboxItem, "requestId" | "stageId">) => `${i.requestId}:${i.stageId}`;
const labelOf = (i: InboxItem) => `${i.packageName} for ${i.target.displayName}`;

function PendingCard({ item, selected, onSelect, decideAction }: { item: InboxEntry; selected: boolean; onSelect: (on: boolean) => void; decideAction: DecideAction }) {
  const t = item.target;
  const onBehalf = item.requestor.id !== null && item.requestor.id !== t.id;
  const isAgent = t.type === "agentIdentity" || t.type === "agentUser";
  const checkId = `select-${item.stageId}`;
  return (
    <Card
      headingLevel={3}
      title={item.packageName}
      description={`${item.catalogName} · ${item.policyName}`}
      actions={
        <>
          <Badge tone="amber">
            Stage {item.stageNumber} of {item.stageCount}
          </Badge>
          {item.escalated ? <StateBadge state="escalated" /> : null}
          {item.requestType.endsWith("Update") ? <Badge tone="blue">{REQUEST_TYPE_LABELS[item.requestType as RequestType] ?? "Extension"}</Badge> : null}
        </>
      }
    >
      <div className="mb-3 flex items-center gap-2">
        <input id={checkId} type="checkbox" form="bulk-decisions" name="item" value={keyOf(item)} checked={selected} onChange={(e) => onSelect(e.target.checked)} className="h-4 w-4" />
        <label htmlFor={checkId} className="text-sm">
          Select for a bulk decision<span className="sr-only">: {labelOf(item)}</span>
        </label>
      </div>
      <dl className="space-y-2">
        <Detail term="For">
          <span className="flex flex-wrap items-center gap-1.5">
            <span className="font-medium">{t.displayName}</span>
            <PrincipalTypeBadge type={t.type} />
          </span>
          {t.blueprintName ? <span className="block text-slate-600 dark:text-slate-400">Blueprint: {t.blueprintName}</span> : null}
          {isAgent ? <span className="block text-slate-600 dark:text-slate-400">Sponsors: {t.sponsors.length ? t.sponsors.join(", ") : "none"}</span> : null}
        </Detail>
        <Detail term="Holds now">
          {item.currentAccess.total === 0 ? (
            <span className="text-slate-600 dark:text-slate-400">No access packages</span>
          ) : (
            <ul aria-label={`Current access of ${t.displayName}`} className="space-y-0.5">
              {item.currentAccess.items.map((a) => (
                <li key={a.id}>
                  {a.packageName}{" "}
                  <span className="text-slate-600 dark:text-slate-400">
                    ({a.endDateTime ? <>until <DateTime value={a.endDateTime} /></> : "no end date"})
                  </span>
                </li>
              ))}
              {item.currentAccess.total > item.currentAccess.items.length ? (
                <li className="text-slate-600 dark:text-slate-400">and {item.currentAccess.total - item.currentAccess.items.length} more</li>
              ) : null}
            </ul>
          )}
        </Detail>
        <Detail term="Requested by">
          {item.requestor.displayName}
          {onBehalf ? <span className="text-slate-600 dark:text-slate-400"> (on the agent&apos;s behalf)</span> : t.id === item.requestor.id ? <span className="text-slate-600 dark:text-slate-400"> (for themselves)</span> : null}
        </Detail>
        <Detail term="Justification">
          <JustificationText text={item.justification} />
        </Detail>
        {item.answers.length ? (
          <Detail term="Answers">
            <AnswerList answers={item.answers} />
          </Detail>
        ) : null}
        <Detail term="Submitted">
          <DateTime value={item.createdAt} />
        </Detail>
        {item.schedule.startDateTime && new Date(item.schedule.startDateTime).getTime() > new Date(item.createdAt).getTime() + 60_000 ? (
          <Detail term="Starting">
            <DateTime value={item.schedule.startDateTime} />
          </Detail>
        ) : null}
        <Detail term="Access until">
          <DateTime value={item.schedule.endDateTime} empty="No end date (counted from delivery)" />
        </Detail>
        {item.packageDescription ? <Detail term="Package">{item.packageDescription}</Detail> : null}
      </dl>
      <div className="mt-4 border-t border-slate-200 pt-4 dark:border-slate-800">
        <DecisionForm action={decideAction} requestId={item.requestId} stageId={item.stageId} justificationRequired={item.isApproverJustificationRequired} />
      </div>
    </Card>
  );
}

function BulkButtons({ count }: { count: number }) {
  const { pending, data } = useFormStatus();
  const deciding = pending ? data?.get("decision") : null;
  const none = count === 0;
  return (
    <div className="flex flex-wrap gap-2">
      <Button type="submit" name="decision" value="Approve" disabled={pending || none} aria-busy={deciding === "Approve" || undefined}>
        {deciding === "Approve" ? "Approving…" : `Approve selected (${count})`}
      </Button>
      <Button type="submit" name="decision" value="Deny" variant="danger" disabled={pending || none} aria-busy={deciding === "Deny" || undefined}>
        {deciding === "Deny" ? "Denying…" : `Deny selected (${count})`}
      </Button>
    </div>
  );
}

/** The pending approvals of one page, each decidable on its own or, selected, together with one justification. */
export function ApprovalsInbox({ items, decideAction, bulkAction, empty }: { items: InboxEntry[]; decideAction: DecideAction; bulkAction: BulkAction; /** Shown when nothing waits (after the last bulk decision too, below its outcome). */ empty: ReactNode }) {
  const [state, formAction] = useActionState(bulkAction, null);
  const [selection, setSelection] = useState<Set<string>>(new Set());
  // Names of the requests as they were when submitted, so the outcome can name requests that have since left the page.
  const [labels, setLabels] = useState(new Map<string, string>());
  const keys = items.map(keyOf);
  const selected = keys.filter((k) => selection.has(k));
  const all = selected.length === keys.length && keys.length > 0;
  const data = state?.ok ? state.data : undefined;
  const failures = data ? data.results.filter((r) => !r.ok) : [];
  const justificationErrors = [...new Set(failures.flatMap((f) => (f.ok ? [] : (f.fieldErrors?.justification ?? []))))];
  const allFailed = !!data && data.succeeded === 0;

  const outcomeBox = data ? (
    <div
      role={allFailed ? "alert" : "status"}
      className={[
        "rounded-md border px-3 py-2 text-sm",
        allFailed
          ? "border-red-300 bg-red-50 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
          : "border-green-300 bg-green-50 text-green-900 dark:border-green-800 dark:bg-green-950 dark:text-green-100",
      ].join(" ")}
    >
      <p className="font-medium">
        {data.succeeded} {data.decision === "Approve" ? "approved" : "denied"}
        {failures.length ? `, ${failures.length} could not be` : ""}.
      </p>
      {failures.length ? (
        <ul aria-label="Requests not decided" className="mt-1 list-inside list-disc">
          {failures.map((f) => (
            <li key={f.requestId}>
              <Link href={`/access/requests/${f.requestId}`} className="underline">
                {labels.get(f.requestId) ?? f.requestId}
              </Link>
              : {f.ok ? "" : f.message}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  ) : null;
  if (items.length === 0) {
    return (
      <>
        {outcomeBox ? <div className="mb-4">{outcomeBox}</div> : null}
        {empty}
      </>
    );
  }

  return (
    <>
      <form
        id="bulk-decisions"
        action={formAction}
        onSubmit={() => setLabels(new Map(items.map((i) => [i.requestId, labelOf(i)])))}
        aria-label="Decide selected requests"
        className="space-y-3 rounded-lg border border-slate-200 bg-slate-50 p-4 dark:border-slate-800 dark:bg-slate-900"
      >
        <div className="flex flex-wrap items-center justify-between gap-2">
          <label className="inline-flex items-center gap-2 text-sm font-medium">
            <input
              type="checkbox"
              className="h-4 w-4"
              checked={all}
              ref={(el) => {
                if (el) el.indeterminate = selected.length > 0 && !all;
              }}
              onChange={(e) => setSelection(e.target.checked ? new Set(keys) : new Set())}
            />
            Select all on this page
          </label>
          <span className="text-sm text-slate-600 dark:text-slate-400" aria-live="polite">
            {selected.length} of {keys.length} selected
          </span>
        </div>
        <Field
          label="Justification for the selected requests"
          name="justification"
          id="bulk-justification"
          errors={justificationErrors.length ? justificationErrors : errorsFor(state, "justification")}
          hint="One justification for every selected request. Some policies require one."
        >
          {(c) => <Textarea {...c} rows={2} maxLength={4000} />}
        </Field>
        <FormError state={state} />
        <BulkButtons count={selected.length} />
        {outcomeBox}
      </form>
      <ul className="space-y-4">
        {items.map((item) => (
          <li key={item.stageId}>
            <PendingCard
              item={item}
              selected={selection.has(keyOf(item))}
              onSelect={(on) =>
                setSelection((prev) => {
                  const next = new Set(prev);
                  if (on) next.add(keyOf(item));
                  else next.delete(keyOf(item));
                  return next;
                })
              }
              decideAction={decideAction}
            />
          </li>
        ))}
      </ul>
    </>
  );
}
