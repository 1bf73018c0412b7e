"use client";

import { useEffect, useMemo, useRef, useState, useTransition } from "react";
import { SubmitButton } from "@/components/ui/submit-button";
import { useFormAction } from "@/components/forms/use-form-action";
import { Field, Input, Select, Textarea } from "@/components/ui/field";
import { Badge } from "@/components/ui/badge";
import { errorsFor, type FormState } from "@/components/forms/form-state";
import type { Requestable, RequestablePackage, RequestablePolicy, RequestableQuestion, RequestTarget } from "@/lib/requests/list-requestable";
import type { PackageOption } from "@/lib/requests/list-request-options";
import { explainWhyNot } from "./why-not";
import { LocalDateTimeField } from "./local-date-time-field";

export type RequestOptionsLoader = (targetId: string | null, accessPackageIds: string[]) => Promise<{ ok: true; options: PackageOption[] } | { ok: false; message: string }>;

export type RequestAccessFormProps = {
  action: (prev: FormState, formData: FormData) => Promise<FormState>;
  loadOptions: RequestOptionsLoader;
  requestable: Requestable;
  /** Eligibility of every package for `initialTargetId` (computed by the page). */
  initialOptions: PackageOption[];
  initialTargetId?: string;
  initialPackageId?: string;
};

const DAY = 24 * 60 * 60 * 1000;

/** The longest a policy grants access for, from `start` (null: no limit), for the end-date picker's bound. */
function maxEnd(policy: RequestablePolicy, start: Date): Date | null {
  const e = policy.expiration;
  if (e.type === "afterDateTime" && e.endDateTime) return new Date(e.endDateTime);
  if (e.type !== "afterDuration" || !e.duration) return null;
  const m = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?)?$/.exec(e.duration);
  if (!m) return null;
  const n = (i: number) => Number(m[i] ?? 0);
  const d = new Date(start.getTime());
  d.setUTCMonth(d.getUTCMonth() + n(1) * 12 + n(2));
  return new Date(d.getTime() + (n(3) * 7 + n(4)) * DAY + (n(5) * 60 + n(6)) * 60_000);
}

function policyLines(p: RequestablePolicy): string[] {
  return [
    p.approvalRequired ? `Needs approval (${p.approvalStages} stage${p.approvalStages === 1 ? "" : "s"}).` : "Granted at once, no approval.",
    `Access lasts: ${p.expiresAfter ?? "no end date"}${p.allowCustomAssignmentSchedule ? "; you may choose the dates within that" : ""}.`,
    ...(p.justificationRequired ? ["A justification is required."] : []),
  ];
}

function QuestionField({ q, errors }: { q: RequestableQuestion; errors?: string[] }) {
  const name = `answer:${q.id}`;
  const id = `answer-${q.id}`;
  if (q.kind === "multipleChoice" && q.allowsMultipleSelection) {
    const errorId = errors?.length ? `${id}-error` : undefined;
    return (
      <fieldset className="space-y-1" aria-describedby={errorId} aria-invalid={errors?.length ? true : undefined}>
        <input type="hidden" name={`multi:${q.id}`} value="1" />
        <legend className="text-sm font-medium">
          {q.text}
          {q.isRequired ? (
            <span className="ml-0.5 text-red-700 dark:text-red-400" aria-hidden="true">
              *
            </span>
          ) : null}
          {q.isRequired ? <span className="sr-only"> (required)</span> : null}
        </legend>
        <div className="flex flex-wrap gap-x-4 gap-y-1">
          {q.choices.map((c) => (
            <label key={c.value} className="inline-flex items-center gap-2 text-sm">
              <input type="checkbox" name={name} value={c.value} className="h-4 w-4" />
              {c.text}
            </label>
          ))}
        </div>
        {errors?.length ? (
          <div id={errorId} className="text-sm text-red-700 dark:text-red-400">
            {errors.map((m) => (
              <p key={m}>{m}</p>
            ))}
          </div>
        ) : null}
      </fieldset>
    );
  }
  return (
    <Field label={q.text} name={name} id={id} required={q.isRequired} errors={errors}>
      {(c) =>
        q.kind === "multipleChoice" ? (
          <Select {...c} defaultValue="">
            <option value="">Choose…</option>
            {q.choices.map((ch) => (
              <option key={ch.value} value={ch.value}>
                {ch.text}
              </option>
            ))}
          </Select>
        ) : q.isSingleLine ? (
          <Input {...c} autoComplete="off" />
        ) : (
          <Textarea {...c} rows={3} />
        )
      }
    </Field>
  );
}

/** A "Request for" option: the name, and whether it is a service principal or disabled. */
function targetLabel(t: RequestTarget): string {
  const notes = [t.kind === "servicePrincipal" ? "service principal" : null, t.kind !== "self" && !t.accountEnabled ? "disabled" : null].filter(Boolean);
  return notes.length ? `${t.displayName} (${notes.join(", ")})` : t.displayName;
}

export function RequestAccessForm({ action, loadOptions, requestable, initialOptions, initialTargetId = "", initialPackageId = "" }: RequestAccessFormProps) {
  const [targetId, setTargetId] = useState(initialTargetId);
  const [packageId, setPackageId] = useState(initialPackageId);
  const [policyChoice, setPolicyChoice] = useState("");
  const [search, setSearch] = useState("");
  const [options, setOptions] = useState<{ targetId: string; byPackage: Map<string, PackageOption> } | null>({
    targetId: initialTargetId,
    byPackage: new Map(initialOptions.map((o) => [o.accessPackageId, o])),
  });
  const [optionsError, setOptionsError] = useState<string | null>(null);
  const [loading, startLoading] = useTransition();
  const formRef = useRef<HTMLFormElement>(null);
  const allIds = useMemo(() => requestable.packages.map((p) => p.id), [requestable.packages]);
  const [state, formProps, pending] = useFormAction(action, null);

  // After a successful request, keep who and what (the person sees what they asked for) but clear the text fields.
  useEffect(() => {
    if (!state?.ok || !formRef.current) return;
    for (const el of Array.from(formRef.current.elements)) {
      if ((el instanceof HTMLTextAreaElement || el instanceof HTMLInputElement) && el.type !== "hidden" && (el.name === "justification" || el.name.startsWith("answer:"))) {
        if (el instanceof HTMLInputElement && el.type === "checkbox") el.checked = false;
        else el.value = "";
      }
    }
  }, [state]);

  function changeTarget(next: string) {
    setTargetId(next);
    setPolicyChoice("");
    setOptions(null);
    setOptionsError(null);
    startLoading(async () => {
      const r = await loadOptions(next || null, allIds);
      if (r.ok) setOptions({ targetId: next, byPackage: new Map(r.options.map((o) => [o.accessPackageId, o])) });
      else setOptionsError(r.message);
    });
  }

  // A successful request changes what can be requested (an open request now exists), so eligibility is asked again.
  useEffect(() => {
    if (!state?.ok) return;
    startLoading(async () => {
      const r = await loadOptions(targetId || null, allIds);
      if (r.ok) setOptions({ targetId, byPackage: new Map(r.options.map((o) => [o.accessPackageId, o])) });
    });
    // Only a new result asks again; a change of target asks by itself.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state]);

  const target = requestable.targets.find((t) => (t.id ?? "") === targetId) ?? requestable.targets[0];
  const known = options && options.targetId === targetId ? options.byPackage : null;
  const needle = search.trim().toLowerCase();
  const visible = requestable.packages.filter(
    (p) => !needle || p.id === packageId || [p.displayName, p.description, p.catalogName].some((s) => s.toLowerCase().includes(needle)),
  );
  const catalogs = [...new Set(visible.map((p) => p.catalogName))];
  const pkg: RequestablePackage | undefined = requestable.packages.find((p) => p.id === packageId);
  const option = pkg && known ? known.get(pkg.id) : undefined;
  const applicable = pkg ? pkg.policies.filter((p) => !option || option.applicablePolicyIds.includes(p.id)) : [];
  const policy = applicable.find((p) => p.id === policyChoice) ?? (applicable.length === 1 ? applicable[0] : undefined);
  const blocked = !!option && option.applicablePolicyIds.length === 0;
  const whoName = target?.kind === "self" ? "you" : (target?.displayName ?? "");
  const reasons = blocked && option ? explainWhyNot(option.whyNot, { action: "request", holder: target?.kind ?? "self" }) : [];
  const start = new Date();

  return (
    <form ref={formRef} {...formProps} className="space-y-5" noValidate aria-busy={pending || undefined}>
      <Field label="Request for" name="targetId" errors={errorsFor(state, "targetId")} hint={requestable.targets.length > 1 ? (requestable.targets.some((t) => t.kind === "servicePrincipal") ? "Yourself, an agent you sponsor or own, or a service principal you own." : "Yourself, or an agent you sponsor or own.") : undefined}>
        {(c) => (
          <Select {...c} value={targetId} onChange={(e) => changeTarget(e.target.value)}>
            {requestable.targets.map((t) => (
              <option key={t.id ?? "me"} value={t.id ?? ""}>
                {targetLabel(t)}
              </option>
            ))}
          </Select>
        )}
      </Field>
      {target?.kind === "agent" && target.blueprintName ? (
        <p className="-mt-3 text-xs text-slate-600 dark:text-slate-400">Agent from the blueprint {target.blueprintName}.</p>
      ) : null}

      <div className="space-y-2">
        <Field label="Search packages" name="packageSearch" hint={`${visible.length} of ${requestable.packages.length} packages match.`}>
          {(c) => <Input {...c} name={undefined} type="search" value={search} onChange={(e) => setSearch(e.target.value)} autoComplete="off" placeholder="Name, description or catalog" />}
        </Field>
        <Field label="Access package" name="accessPackageId" required errors={errorsFor(state, "accessPackageId")}>
          {(c) => (
            <Select
              {...c}
              value={packageId}
              onChange={(e) => {
                setPackageId(e.target.value);
                setPolicyChoice("");
              }}
            >
              <option value="">{visible.length ? "Choose an access package…" : "No package matches the search"}</option>
              {catalogs.map((cat) => (
                <optgroup key={cat} label={cat}>
                  {visible
                    .filter((p) => p.catalogName === cat)
                    .map((p) => {
                      const o = known?.get(p.id);
                      return (
                        <option key={p.id} value={p.id}>
                          {o && o.applicablePolicyIds.length === 0 ? `${p.displayName} (not available)` : p.displayName}
                        </option>
                      );
                    })}
                </optgroup>
              ))}
            </Select>
          )}
        </Field>
        <p className="text-xs text-slate-600 dark:text-slate-400" aria-live="polite">
          {loading ? `Checking what ${whoName} can request…` : optionsError ? `Could not check eligibility: ${optionsError}` : null}
        </p>
      </div>

      {pkg ? (
        <div className="rounded-md border border-slate-200 bg-slate-50 p-3 text-sm dark:border-slate-800 dark:bg-slate-900">
          <p className="flex flex-wrap items-center gap-2 font-medium">
            {pkg.displayName} <Badge tone="blue">{pkg.catalogName}</Badge>
            {pkg.forAgents ? <Badge tone="purple">For agents</Badge> : null}
            {pkg.forSelf ? <Badge tone="green">For people</Badge> : null}
          </p>
          {pkg.description ? <p className="mt-1 text-slate-700 dark:text-slate-300">{pkg.description}</p> : null}
          {policy ? (
            <ul className="mt-2 list-inside list-disc text-xs text-slate-600 dark:text-slate-400">
              {policyLines(policy).map((l) => (
                <li key={l}>{l}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}

      {blocked ? (
        <section aria-labelledby="why-not-heading" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100">
          <h2 id="why-not-heading" className="font-semibold">
            Why {whoName} can&apos;t get {pkg?.displayName}
          </h2>
          <ul className="mt-2 space-y-2">
            {reasons.map((r) => (
              <li key={`${r.code}-${r.message}`}>
                <p>{r.message}</p>
                <p className="text-amber-900 dark:text-amber-200">
                  <span className="font-medium">What would allow it:</span> {r.fix}
                </p>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {pkg && !blocked && applicable.length > 1 ? (
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium">
            Policy<span className="ml-0.5 text-red-700 dark:text-red-400" aria-hidden="true">*</span>
          </legend>
          <p className="text-xs text-slate-600 dark:text-slate-400">Several policies of this package apply; each has its own approval and duration.</p>
          {applicable.map((p) => (
            <label key={p.id} className="flex items-start gap-2 rounded-md border border-slate-200 p-2 text-sm dark:border-slate-700">
              <input type="radio" name="assignmentPolicyId" value={p.id} checked={policy?.id === p.id} onChange={() => setPolicyChoice(p.id)} className="mt-1 h-4 w-4" />
              <span>
                <span className="font-medium">{p.displayName}</span>
                {p.description ? <span className="block text-slate-600 dark:text-slate-400">{p.description}</span> : null}
                <span className="block text-xs text-slate-600 dark:text-slate-400">{policyLines(p).join(" ")}</span>
              </span>
            </label>
          ))}
          {errorsFor(state, "assignmentPolicyId") ? <p className="text-sm text-red-700 dark:text-red-400">{errorsFor(state, "assignmentPolicyId")?.join(" ")}</p> : null}
        </fieldset>
      ) : policy ? (
        <input type="hidden" name="assignmentPolicyId" value={policy.id} />
      ) : null}

      {policy && !blocked
        ? policy.questions.map((q) => <QuestionField key={`${policy.id}-${q.id}`} q={q} errors={errorsFor(state, `answers.${q.id}`)} />)
        : null}

      {policy && !blocked && policy.allowCustomAssignmentSchedule ? (
        <fieldset className="space-y-3 rounded-md border border-slate-200 p-3 dark:border-slate-700">
          <legend className="px-1 text-sm font-medium">Schedule (optional)</legend>
          <p className="text-xs text-slate-600 dark:text-slate-400">
            Leave empty to start on approval for {policy.expiresAfter ?? "an unlimited time"}. Times are in your time zone.
          </p>
          {errorsFor(state, "schedule") ? <p className="text-sm text-red-700 dark:text-red-400">{errorsFor(state, "schedule")?.filter((m) => m).join(" ")}</p> : null}
          <div className="grid gap-3 sm:grid-cols-2">
            <LocalDateTimeField label="Starts" name="scheduleStart" id="schedule-start" min={start} errors={errorsFor(state, "schedule.startDateTime")} />
            <LocalDateTimeField
              label="Ends"
              name="scheduleEnd"
              id="schedule-end"
              min={start}
              max={maxEnd(policy, start)}
              hint={policy.expiresAfter ? `At most ${policy.expiresAfter} after the start.` : undefined}
              errors={errorsFor(state, "schedule.expiration")}
            />
          </div>
        </fieldset>
      ) : null}

      <Field
        label="Justification"
        name="justification"
        required={policy ? policy.justificationRequired : pkg?.policies.some((p) => p.justificationRequired)}
        errors={errorsFor(state, "justification")}
        hint="Approvers see this. Say what the access is for and for how long it is needed."
      >
        {(c) => <Textarea {...c} rows={3} maxLength={4000} />}
      </Field>

      {state && !state.ok ? (
        <p role="alert" className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100">
          {state.message}
        </p>
      ) : state?.ok ? (
        <p role="status" className="rounded-md border border-green-300 bg-green-50 px-3 py-2 text-sm text-green-900 dark:border-green-800 dark:bg-green-950 dark:text-green-100">
          {state.message}
        </p>
      ) : null}

      <SubmitButton pendingLabel="Submitting…" disabled={blocked} aria-describedby={blocked ? "why-not-heading" : undefined}>
        Submit request
      </SubmitButton>
    </form>
  );
}
