"use client";

import { useEffect, useRef, useState } from "react";
import { SubmitButton } from "@/components/ui/submit-button";
import { useFormAction } from "@/components/forms/use-form-action";
import { Field, Input, Select, Textarea } from "@/components/ui/field";
import { Badge } from "@/components/ui/badge";
import { errorsFor, type FormState } from "@/components/forms/form-state";
import type { Requestable, RequestablePackage } from "@/lib/requests/list-requestable";

export type RequestAccessFormProps = {
  action: (prev: FormState, formData: FormData) => Promise<FormState>;
  requestable: Requestable;
};

function policySummary(pkg: RequestablePackage): string[] {
  const p = pkg.policies;
  const lines: string[] = [];
  const approval = p.some((x) => x.approvalRequired);
  const noApproval = p.some((x) => !x.approvalRequired);
  lines.push(approval && noApproval ? "Approval depends on the policy that applies." : approval ? `Needs approval (${Math.max(...p.map((x) => x.approvalStages))} stage${Math.max(...p.map((x) => x.approvalStages)) === 1 ? "" : "s"}).` : "Granted at once, no approval.");
  const ends = [...new Set(p.map((x) => x.expiresAfter ?? "no end date"))];
  lines.push(`Access lasts: ${ends.join(" or ")}.`);
  if (p.some((x) => x.justificationRequired)) lines.push("A justification is required.");
  return lines;
}

export function RequestAccessForm({ action, requestable }: RequestAccessFormProps) {
  const [state, formProps, pending] = useFormAction(action, null);
  const [targetId, setTargetId] = useState("");
  const [packageId, setPackageId] = useState("");
  const formRef = useRef<HTMLFormElement>(null);
  // After a successful request, keep who and what (the person sees what they asked for) but clear the text fields.
  useEffect(() => {
    if (!state?.ok || !formRef.current) return;
    for (const el of Array.from(formRef.current.elements)) {
      if ((el instanceof HTMLTextAreaElement || el instanceof HTMLInputElement) && (el.name === "justification" || el.name.startsWith("answer:"))) el.value = "";
    }
  }, [state]);
  const target = requestable.targets.find((t) => (t.id ?? "") === targetId) ?? requestable.targets[0];
  const pkg = requestable.packages.find((p) => p.id === packageId);
  const catalogs = [...new Set(requestable.packages.map((p) => p.catalogName))];
  const questions = pkg
    ? [...new Map(pkg.policies.flatMap((p) => p.questions).map((q) => [q.id, q])).values()]
    : [];
  const mismatch = pkg && target ? (target.kind === "self" ? !pkg.forSelf : !pkg.forAgents) : false;

  return (
    <form ref={formRef} {...formProps} className="space-y-5" noValidate aria-busy={pending || undefined}>
      <Field label="Request for" name="targetId" errors={errorsFor(state, "targetId")} hint={requestable.targets.length > 1 ? "Yourself, or an agent you sponsor or own." : undefined}>
        {(c) => (
          <Select {...c} value={targetId} onChange={(e) => setTargetId(e.target.value)}>
            {requestable.targets.map((t) => (
              <option key={t.id ?? "me"} value={t.id ?? ""} disabled={!t.accountEnabled}>
                {t.kind === "agent" && !t.accountEnabled ? `${t.displayName} (disabled)` : t.displayName}
              </option>
            ))}
          </Select>
        )}
      </Field>
      {target?.kind === "agent" && target.blueprintName ? (
        <p className="-mt-3 text-xs text-slate-600 dark:text-slate-400">Agent from the blueprint {target.blueprintName}.</p>
      ) : null}

      <Field label="Access package" name="accessPackageId" required errors={errorsFor(state, "accessPackageId", "assignmentPolicyId")}>
        {(c) => (
          <Select {...c} value={packageId} onChange={(e) => setPackageId(e.target.value)}>
            <option value="">Choose an access package…</option>
            {catalogs.map((cat) => (
              <optgroup key={cat} label={cat}>
                {requestable.packages
                  .filter((p) => p.catalogName === cat)
                  .map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.displayName}
                    </option>
                  ))}
              </optgroup>
            ))}
          </Select>
        )}
      </Field>

      {pkg ? (
        <div className="rounded-md border border-slate-200 bg-slate-50 p-3 text-sm dark:border-slate-800 dark:bg-slate-900" aria-live="polite">
          <p className="flex flex-wrap items-center gap-2 font-medium">
            {pkg.displayName} <Badge tone="blue">{pkg.catalogName}</Badge>
            {pkg.forAgents ? <Badge tone="purple">For agents</Badge> : null}
            {pkg.forSelf ? <Badge tone="green">For people</Badge> : null}
          </p>
          {pkg.description ? <p className="mt-1 text-slate-700 dark:text-slate-300">{pkg.description}</p> : null}
          <ul className="mt-2 list-inside list-disc text-xs text-slate-600 dark:text-slate-400">
            {policySummary(pkg).map((l) => (
              <li key={l}>{l}</li>
            ))}
          </ul>
          {mismatch ? (
            <p className="mt-2 text-xs text-amber-800 dark:text-amber-300">
              {target?.kind === "self" ? "This package's policies look meant for agents; a request for yourself may be refused." : "This package's policies don't seem to take requests on an agent's behalf; the request may be refused."}
            </p>
          ) : null}
        </div>
      ) : null}

      {questions.map((q) => (
        <Field key={q.id} label={q.text} name={`answer:${q.id}`} id={`answer-${q.id}`} required={q.isRequired} errors={errorsFor(state, `answers.${q.id}`)}>
          {(c) => <Input {...c} autoComplete="off" />}
        </Field>
      ))}

      <Field
        label="Justification"
        name="justification"
        required={pkg?.policies.some((p) => p.justificationRequired)}
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

      <SubmitButton pendingLabel="Submitting…">Submit request</SubmitButton>
    </form>
  );
}
