"use client";

import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { FormToast } from "@/components/ui/toast";
import type { ActionResult } from "@/lib/actions/result";
import { describePolicy } from "./describe-policy";
import { validatePolicyStep, type PolicyDraft, type PolicyStepId } from "./policy-draft";
import { ApprovalStep, LifecycleStep, POLICY_STEP_LABELS, QuestionsStep, RequestsStep, ReviewSection } from "./policy-steps";
import type { SubjectSearch } from "./subject-picker";
import { hasErrors, useStepErrors, useWizardSteps, WizardFrame, type WizardStep } from "./wizard";

type StepId = PolicyStepId | "review";

const STEPS: readonly WizardStep<StepId>[] = [
  { id: "requests", label: POLICY_STEP_LABELS.requests },
  { id: "approval", label: POLICY_STEP_LABELS.approval },
  { id: "lifecycle", label: POLICY_STEP_LABELS.lifecycle },
  { id: "questions", label: POLICY_STEP_LABELS.questions },
  { id: "review", label: "Review + save" },
];

/** Field errors come back keyed "<step>/<field>", as the package wizard's do. */
export type SavePolicyAction = (draft: PolicyDraft) => Promise<ActionResult>;

/** The policy steps of the package wizard, on their own: adds a policy to a package, or edits one (saved as a replacement). */
export function PolicyEditor({ initial, search, save, saveLabel, editing = false }: { initial: PolicyDraft; search: SubjectSearch; save: SavePolicyAction; saveLabel: string; editing?: boolean }) {
  const { index, current, furthest, go } = useWizardSteps(STEPS, { allReachable: editing });
  const [draft, setDraft] = useState(initial);
  const [pending, startTransition] = useTransition();
  const { errors, stepErrors, invalid, toast, setStepErrors, next: nextStep, checkAll, showRefusal } = useStepErrors(STEPS, { index, current, go });
  const validate = (s: StepId, d: PolicyDraft) => (s === "review" ? {} : validatePolicyStep(s, d));

  const update = (patch: Partial<PolicyDraft>) => {
    const next = { ...draft, ...patch };
    setDraft(next);
    if (hasErrors(errors[current.id])) setStepErrors(current.id, validate(current.id, next));
  };

  const next = () => nextStep((s) => validate(s, draft));

  function submit() {
    if (!checkAll((s) => validate(s, draft), "nothing was saved")) return;
    startTransition(async () => {
      const result = await save(draft);
      if (!result.ok) showRefusal(result);
    });
  }

  const props = { draft, update, errors: stepErrors, search };
  const rows = describePolicy(draft);
  return (
    <>
      <WizardFrame
        steps={STEPS}
        index={index}
        furthest={furthest}
        invalid={invalid}
        onGo={go}
        title={current.label}
        onBack={index > 0 ? () => go(STEPS[index - 1].id) : undefined}
        next={
          current.id === "review" ? (
            <Button onClick={submit} disabled={pending} aria-busy={pending || undefined}>
              {pending ? "Saving…" : saveLabel}
            </Button>
          ) : (
            <Button onClick={next}>Next: {STEPS[index + 1].label}</Button>
          )
        }
      >
        {current.id === "requests" ? <RequestsStep {...props} /> : null}
        {current.id === "approval" ? <ApprovalStep {...props} /> : null}
        {current.id === "lifecycle" ? <LifecycleStep {...props} /> : null}
        {current.id === "questions" ? <QuestionsStep {...props} /> : null}
        {current.id === "review" ? (
          <div className="space-y-4">
            {(["requests", "approval", "lifecycle", "questions"] as const).map((s) => (
              <ReviewSection key={s} title={POLICY_STEP_LABELS[s]} rows={rows[s]} onEdit={() => go(s)} />
            ))}
          </div>
        ) : null}
      </WizardFrame>
      <FormToast state={toast} />
    </>
  );
}
