"use client";

import { Button } from "@/components/ui/button";
import { Field, Select, TextField, TextareaField } from "@/components/ui/field";
import type { FieldErrors } from "@/lib/errors";
import { Checkbox, GroupErrors, RadioGroup } from "./controls";
import { SubjectPicker, type SubjectSearch } from "./subject-picker";
import {
  APPROVER_DYNAMICS,
  DYNAMIC_SUBJECTS,
  newStage,
  ON_BEHALF_DYNAMICS,
  TARGET_SCOPES,
  type DynamicSubject,
  type PolicyDraft,
  type PolicyStepId,
  type QuestionDraft,
  type StageDraft,
} from "./policy-draft";

export type PolicyStepProps = {
  draft: PolicyDraft;
  update: (patch: Partial<PolicyDraft>) => void;
  errors: FieldErrors;
  search: SubjectSearch;
};

export const POLICY_STEP_LABELS: Record<PolicyStepId, string> = {
  requests: "Who can request",
  approval: "Approval",
  lifecycle: "Lifecycle",
  questions: "Questions",
};

function toggle(list: DynamicSubject[], key: DynamicSubject, on: boolean): DynamicSubject[] {
  return on ? [...new Set([...list, key])] : list.filter((k) => k !== key);
}

export function RequestsStep({ draft, update, errors, search }: PolicyStepProps) {
  const picks = TARGET_SCOPES.find((s) => s.value === draft.scope)?.picks;
  const requestable = draft.scope !== "notSpecified";
  return (
    <div className="space-y-6">
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label="Policy name" name="policyDisplayName" required maxLength={256} autoComplete="off" value={draft.displayName} onChange={(e) => update({ displayName: e.target.value })} errors={errors.displayName} hint="Requestors see it when a package has several policies." />
        <TextField label="Policy description" name="policyDescription" maxLength={1024} autoComplete="off" value={draft.description} onChange={(e) => update({ description: e.target.value })} errors={errors.description} />
      </div>
      <RadioGroup name="scope" legend="Who can get this package" options={TARGET_SCOPES.map((s) => ({ value: s.value, label: s.label, hint: s.hint }))} value={draft.scope} onChange={(scope) => update({ scope, specificTargets: [] })} errors={errors.scope} />
      {picks ? (
        <SubjectPicker
          id="specific-targets"
          label={picks === "users" ? "Users and groups who can request" : "Agents and service principals that can get it"}
          kinds={picks === "users" ? ["user", "group"] : ["agent", "servicePrincipal"]}
          value={draft.specificTargets}
          onChange={(specificTargets) => update({ specificTargets })}
          errors={errors.specificTargets}
          search={search}
        />
      ) : null}
      {requestable ? (
        <>
          <fieldset className="space-y-2" aria-describedby={errors.selfAdd ? "selfAdd-error" : undefined}>
            <legend className="mb-1 text-sm font-medium">Requests by the targets themselves</legend>
            <Checkbox id="self-add" label="Targets can request it for themselves" hint="People in My Access; agents and service principals through the API." checked={draft.selfAdd} onChange={(selfAdd) => update({ selfAdd })} />
            <Checkbox id="self-remove" label="Targets can give up their own access" checked={draft.selfRemove} onChange={(selfRemove) => update({ selfRemove })} />
            <GroupErrors id="selfAdd-error" errors={errors.selfAdd} />
          </fieldset>
          <fieldset className="space-y-2" aria-describedby={errors.onBehalfDynamic ? "onBehalfDynamic-error" : undefined}>
            <legend className="mb-1 text-sm font-medium">Requests on behalf of others</legend>
            <Checkbox id="on-behalf" label="Others can request it on behalf of a target" hint="For example a sponsor for the agent they are accountable for." checked={draft.onBehalf} onChange={(onBehalf) => update({ onBehalf })} />
            {draft.onBehalf ? (
              <div className="ml-6 space-y-2">
                {ON_BEHALF_DYNAMICS.map((k) => (
                  <Checkbox key={k} id={`on-behalf-${k}`} label={DYNAMIC_SUBJECTS[k].label} hint={DYNAMIC_SUBJECTS[k].hint} checked={draft.onBehalfDynamic.includes(k)} onChange={(on) => update({ onBehalfDynamic: toggle(draft.onBehalfDynamic, k, on) })} />
                ))}
                <SubjectPicker id="on-behalf-people" label="Specific people who may request on behalf of targets" kinds={["user", "group"]} value={draft.onBehalfPeople} onChange={(onBehalfPeople) => update({ onBehalfPeople })} search={search} />
                <Checkbox id="on-behalf-remove" label="They can also remove a target's access" checked={draft.onBehalfRemove} onChange={(onBehalfRemove) => update({ onBehalfRemove })} />
              </div>
            ) : null}
            <GroupErrors id="onBehalfDynamic-error" errors={errors.onBehalfDynamic} />
          </fieldset>
        </>
      ) : null}
    </div>
  );
}

function StageEditor({ index, stage, count, onChange, onRemove, errors, search }: { index: number; stage: StageDraft; count: number; onChange: (s: StageDraft) => void; onRemove: () => void; errors: FieldErrors; search: SubjectSearch }) {
  const key = (f: string) => errors[`stages.${index}.${f}`];
  const set = (patch: Partial<StageDraft>) => onChange({ ...stage, ...patch });
  const approverErrorId = key("approvers") ? `stage-${index}-approvers-error` : undefined;
  return (
    <section aria-labelledby={`stage-${index}-heading`} className="space-y-4 rounded-md border border-slate-200 p-4 dark:border-slate-700">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 id={`stage-${index}-heading`} className="text-base font-semibold">
          Stage {index + 1} of {count}
        </h3>
        {count > 1 ? (
          <Button size="sm" variant="ghost" onClick={onRemove}>
            Remove stage {index + 1}
          </Button>
        ) : null}
      </div>
      <fieldset className="space-y-2" aria-describedby={approverErrorId}>
        <legend className="mb-1 text-sm font-medium">Approvers of stage {index + 1}</legend>
        {APPROVER_DYNAMICS.map((k) => (
          <Checkbox key={k} id={`stage-${index}-${k}`} label={DYNAMIC_SUBJECTS[k].label} hint={DYNAMIC_SUBJECTS[k].hint} checked={stage.dynamic.includes(k)} onChange={(on) => set({ dynamic: toggle(stage.dynamic, k, on) })} />
        ))}
        <SubjectPicker id={`stage-${index}-approvers`} label={`Specific approvers of stage ${index + 1}`} kinds={["user", "group"]} value={stage.approvers} onChange={(approvers) => set({ approvers })} search={search} errors={key("approvers")} />
      </fieldset>
      <SubjectPicker
        id={`stage-${index}-fallback`}
        label={`Fallback approvers of stage ${index + 1}`}
        hint="Decide when none of the approvers above may: nobody approves their own request. Optional."
        kinds={["user", "group"]}
        value={stage.fallback}
        onChange={(fallback) => set({ fallback })}
        search={search}
        errors={key("fallback")}
      />
      <TextField
        label="Days to decide"
        name={`stage-${index}-timeoutDays`}
        type="number"
        inputMode="numeric"
        min={1}
        max={365}
        required
        value={stage.timeoutDays}
        onChange={(e) => set({ timeoutDays: e.target.value })}
        errors={key("timeoutDays")}
        className="sm:max-w-48"
      />
      <RadioGroup
        name={`stage-${index}-onTimeout`}
        legend="If nobody decides in time"
        inline
        options={[
          { value: "deny", label: "Deny the request" },
          { value: "escalate", label: "Escalate first, then deny" },
        ]}
        value={stage.onTimeout}
        onChange={(onTimeout) => set({ onTimeout })}
      />
      {stage.onTimeout === "escalate" ? (
        <div className="space-y-4 border-l-2 border-slate-200 pl-4 dark:border-slate-700">
          <TextField label="Escalate after (days)" name={`stage-${index}-escalationDays`} type="number" inputMode="numeric" min={1} max={365} required value={stage.escalationDays} onChange={(e) => set({ escalationDays: e.target.value })} errors={key("escalationDays")} className="sm:max-w-48" />
          <SubjectPicker id={`stage-${index}-escalation`} label={`Escalation approvers of stage ${index + 1}`} kinds={["user", "group"]} value={stage.escalationApprovers} onChange={(escalationApprovers) => set({ escalationApprovers })} search={search} errors={key("escalationApprovers")} />
        </div>
      ) : null}
      <Checkbox id={`stage-${index}-justification`} label="Approvers must give a justification" checked={stage.approverJustification} onChange={(approverJustification) => set({ approverJustification })} />
    </section>
  );
}

export function ApprovalStep({ draft, update, errors, search }: PolicyStepProps) {
  if (draft.scope === "notSpecified") {
    return <p className="text-sm text-slate-600 dark:text-slate-400">Nobody can request under this policy (administrators assign it), so there is nothing to approve.</p>;
  }
  const setStage = (i: number, s: StageDraft) => update({ stages: draft.stages.map((x, j) => (j === i ? s : x)) });
  return (
    <div className="space-y-6">
      <RadioGroup
        name="approvalRequired"
        legend="Approval"
        options={[
          { value: "no", label: "No approval", hint: "Access is granted as soon as the request is made." },
          { value: "yes", label: "Approval required", hint: "One to three stages; each is decided by the first approver who answers." },
        ]}
        value={draft.approvalRequired ? "yes" : "no"}
        onChange={(v) => update({ approvalRequired: v === "yes", stages: v === "yes" && draft.stages.length === 0 ? [newStage()] : draft.stages })}
      />
      <Checkbox id="requestor-justification" label="Requestors must give a justification" checked={draft.requestorJustification} onChange={(requestorJustification) => update({ requestorJustification })} />
      {draft.approvalRequired ? (
        <div className="space-y-4">
          {draft.stages.map((s, i) => (
            <StageEditor key={i} index={i} stage={s} count={draft.stages.length} onChange={(x) => setStage(i, x)} onRemove={() => update({ stages: draft.stages.filter((_, j) => j !== i) })} errors={errors} search={search} />
          ))}
          <GroupErrors id="stages-error" errors={errors.stages} />
          {draft.stages.length < 3 ? (
            <Button variant="secondary" onClick={() => update({ stages: [...draft.stages, newStage()] })}>
              Add stage {draft.stages.length + 1}
            </Button>
          ) : (
            <p className="text-xs text-slate-600 dark:text-slate-400">Three stages is the most a policy can have.</p>
          )}
        </div>
      ) : null}
    </div>
  );
}

export function LifecycleStep({ draft, update, errors }: PolicyStepProps) {
  return (
    <div className="space-y-6">
      <RadioGroup
        name="expiration"
        legend="When access ends"
        options={[
          { value: "never", label: "Never" },
          { value: "onDate", label: "On a date" },
          { value: "afterDuration", label: "After a duration", hint: "Counted from the moment access is delivered." },
        ]}
        value={draft.expiration}
        onChange={(expiration) => update({ expiration })}
      />
      {draft.expiration === "onDate" ? <TextField label="Access ends on" name="endDate" type="date" required value={draft.endDate} onChange={(e) => update({ endDate: e.target.value })} errors={errors.endDate} className="sm:max-w-56" hint="At the end of that day (UTC)." /> : null}
      {draft.expiration === "afterDuration" ? (
        <div className="flex flex-wrap items-start gap-3">
          <TextField label="Duration" name="durationValue" type="number" inputMode="numeric" min={1} required value={draft.durationValue} onChange={(e) => update({ durationValue: e.target.value })} errors={errors.durationValue} className="w-40" />
          <Field label="Unit" name="durationUnit" className="w-40">
            {(c) => (
              <Select {...c} value={draft.durationUnit} onChange={(e) => update({ durationUnit: e.target.value === "hours" ? "hours" : "days" })}>
                <option value="days">Days</option>
                <option value="hours">Hours</option>
              </Select>
            )}
          </Field>
        </div>
      ) : null}
      <fieldset className="space-y-2">
        <legend className="mb-1 text-sm font-medium">Extensions and schedules</legend>
        <Checkbox id="extension-allowed" label="Access can be extended" hint="Targets (and those who may request for them) ask for more time before access ends." checked={draft.extensionAllowed} onChange={(extensionAllowed) => update({ extensionAllowed })} />
        <Checkbox
          id="extension-approval"
          label="Extensions need approval"
          hint={draft.approvalRequired ? "Through the same stages as a new request." : "Only applies when the policy requires approval."}
          checked={draft.extensionAllowed && draft.approvalRequired && draft.extensionNeedsApproval}
          disabled={!draft.extensionAllowed || !draft.approvalRequired}
          onChange={(extensionNeedsApproval) => update({ extensionNeedsApproval })}
        />
        <Checkbox id="custom-schedule" label="Requestors may choose when access starts and ends" hint="Within the limit above." checked={draft.customSchedule} onChange={(customSchedule) => update({ customSchedule })} />
      </fieldset>
    </div>
  );
}

function newQuestion(existing: QuestionDraft[]): QuestionDraft {
  let n = existing.length + 1;
  while (existing.some((q) => q.key === `q${n}`)) n++;
  return { key: `q${n}`, kind: "text", text: "", required: true, multiline: false, choices: "", multiple: false };
}

export function QuestionsStep({ draft, update, errors }: PolicyStepProps) {
  const qs = draft.questions;
  const set = (i: number, patch: Partial<QuestionDraft>) => update({ questions: qs.map((q, j) => (j === i ? { ...q, ...patch } : q)) });
  const move = (i: number, by: -1 | 1) => {
    const next = [...qs];
    [next[i], next[i + by]] = [next[i + by], next[i]];
    update({ questions: next });
  };
  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-600 dark:text-slate-400">Requestors answer these when they ask; approvers see the answers. Optional.</p>
      {qs.length === 0 ? <p className="text-sm">No questions.</p> : null}
      <ol className="space-y-4">
        {qs.map((q, i) => (
          <li key={q.key}>
            <section aria-labelledby={`question-${i}-heading`} className="space-y-3 rounded-md border border-slate-200 p-4 dark:border-slate-700">
              <div className="flex flex-wrap items-center justify-between gap-2">
                <h3 id={`question-${i}-heading`} className="text-sm font-semibold">
                  Question {i + 1}
                </h3>
                <div className="flex flex-wrap gap-1">
                  <Button size="sm" variant="ghost" disabled={i === 0} onClick={() => move(i, -1)} aria-label={`Move question ${i + 1} up`}>
                    Up
                  </Button>
                  <Button size="sm" variant="ghost" disabled={i === qs.length - 1} onClick={() => move(i, 1)} aria-label={`Move question ${i + 1} down`}>
                    Down
                  </Button>
                  <Button size="sm" variant="ghost" onClick={() => update({ questions: qs.filter((_, j) => j !== i) })} aria-label={`Remove question ${i + 1}`}>
                    Remove
                  </Button>
                </div>
              </div>
              <TextareaField label={`Question ${i + 1} text`} name={`question-${i}-text`} required rows={2} maxLength={1000} value={q.text} onChange={(e) => set(i, { text: e.target.value })} errors={errors[`questions.${i}.text`]} />
              <RadioGroup
                name={`question-${i}-kind`}
                legend="Answer"
                inline
                options={[
                  { value: "text", label: "Text" },
                  { value: "choice", label: "Multiple choice" },
                ]}
                value={q.kind}
                onChange={(kind) => set(i, { kind })}
              />
              <Checkbox id={`question-${i}-required`} label="An answer is required" checked={q.required} onChange={(required) => set(i, { required })} />
              {q.kind === "text" ? (
                <Checkbox id={`question-${i}-multiline`} label="Allow several lines" checked={q.multiline} onChange={(multiline) => set(i, { multiline })} />
              ) : (
                <>
                  <TextareaField label={`Choices of question ${i + 1}`} name={`question-${i}-choices`} required rows={3} hint="One choice per line." value={q.choices} onChange={(e) => set(i, { choices: e.target.value })} errors={errors[`questions.${i}.choices`]} />
                  <Checkbox id={`question-${i}-multiple`} label="Several choices may be picked" checked={q.multiple} onChange={(multiple) => set(i, { multiple })} />
                </>
              )}
            </section>
          </li>
        ))}
      </ol>
      <GroupErrors id="questions-error" errors={errors.questions} />
      {qs.length < 20 ? (
        <Button variant="secondary" onClick={() => update({ questions: [...qs, newQuestion(qs)] })}>
          Add a question
        </Button>
      ) : null}
    </div>
  );
}

/** One review section: its rows and an Edit button back to its step. */
export function ReviewSection({ title, rows, onEdit }: { title: string; rows: [string, string][]; onEdit: () => void }) {
  return (
    <section aria-label={title} className="rounded-md border border-slate-200 dark:border-slate-700">
      <div className="flex items-center justify-between gap-2 border-b border-slate-200 px-4 py-2 dark:border-slate-700">
        <h3 className="text-sm font-semibold">{title}</h3>
        <Button size="sm" variant="ghost" onClick={onEdit} aria-label={`Edit ${title.toLowerCase()}`}>
          Edit
        </Button>
      </div>
      <dl className="divide-y divide-slate-200 text-sm dark:divide-slate-800">
        {rows.map(([k, v], i) => (
          <div key={`${k}-${i}`} className="grid gap-1 px-4 py-2 sm:grid-cols-3">
            <dt className="font-medium text-slate-700 dark:text-slate-300">{k}</dt>
            <dd className="break-words sm:col-span-2">{v}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
