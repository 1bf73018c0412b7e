"use client";

import { useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { useSearchParams } from "next/navigation";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/actions/result";
import type { FieldErrors } from "@/lib/errors";

export type WizardStep<Id extends string> = { id: Id; label: string };

/**
 * The current step lives in the URL (`?step=`), written with history.pushState so the browser's Back and
 * Forward move between steps without a server round trip (Next keeps useSearchParams in sync). A step
 * further than the furthest one reached (say a reload on ?step=review, which loses the draft) shows the
 * furthest reached instead.
 */
export function useWizardSteps<Id extends string>(steps: readonly WizardStep<Id>[], { allReachable = false } = {}) {
  const params = useSearchParams();
  const ids = steps.map((s) => s.id);
  // Editing something that already exists: every step holds valid values, so any can be opened at once.
  const [furthest, setFurthest] = useState(allReachable ? steps.length - 1 : 0);
  const asked = ids.indexOf(params.get("step") as Id);
  const index = asked < 0 ? 0 : Math.min(asked, furthest);

  useEffect(() => {
    // Keep the address honest when it asked for a step not reached yet.
    if (asked > furthest) {
      const p = new URLSearchParams(window.location.search);
      p.set("step", ids[index]);
      window.history.replaceState(null, "", `?${p.toString()}`);
    }
  }, [asked, furthest, index, ids]);

  function go(id: Id) {
    const i = ids.indexOf(id);
    setFurthest((f) => Math.max(f, i));
    const p = new URLSearchParams(window.location.search);
    p.set("step", id);
    window.history.pushState(null, "", `?${p.toString()}`);
  }
  return { index, current: steps[index], furthest, go };
}

/**
 * The errors and message of a stepped form: each step's field errors (shown once a person tries to leave the step),
 * the steps that have errors (for the step list), and the one toast. `validate` is passed per call, since it reads
 * the form's current draft.
 */
export function useStepErrors<Id extends string>(steps: readonly WizardStep<Id>[], wizard: { index: number; current: WizardStep<Id>; go: (id: Id) => void }) {
  const [errors, setErrors] = useState<Partial<Record<Id, FieldErrors>>>({});
  const [toast, setToast] = useState<ActionResult | null>(null);
  const invalid = useMemo(() => new Set((Object.keys(errors) as Id[]).filter((k) => hasErrors(errors[k]))), [errors]);
  const { index, current, go } = wizard;

  /** Records a step's errors; once the step is fixed, its error toast has said its piece (and must not cover the buttons). */
  function setStepErrors(step: Id, e: FieldErrors) {
    setErrors((all) => ({ ...all, [step]: e }));
    if (!hasErrors(e)) setToast((t) => (t && !t.ok ? null : t));
  }

  /** Goes to the next step when the current one is valid; otherwise shows what to fix there. */
  function next(validate: (step: Id) => FieldErrors) {
    const e = validate(current.id);
    setStepErrors(current.id, e);
    if (hasErrors(e)) {
      setToast({ ok: false, code: "invalid", message: `Fix the highlighted fields of “${current.label}” to go on.` });
      focusFirstInvalid();
      return;
    }
    setToast(null);
    go(steps[index + 1].id);
  }

  /** Validates every step before saving: false (with the first bad step opened) when one needs attention. */
  function checkAll(validate: (step: Id) => FieldErrors, nothingDone: string): boolean {
    const all = Object.fromEntries(steps.map((s) => [s.id, validate(s.id)])) as Record<Id, FieldErrors>;
    setErrors(all);
    const firstBad = steps.find((s) => hasErrors(all[s.id]));
    if (!firstBad) return true;
    setToast({ ok: false, code: "invalid", message: `“${firstBad.label}” needs attention; ${nothingDone}.` });
    go(firstBad.id);
    return false;
  }

  /** Shows a save the server refused: field errors keyed "<step>/<field>" go to their steps, the first of them opened. */
  function showRefusal(result: ActionResult) {
    const byStep: Partial<Record<Id, FieldErrors>> = {};
    for (const [key, messages] of Object.entries(result.ok ? {} : (result.fieldErrors ?? {}))) {
      const [step, field] = key.split("/") as [Id, string];
      if (!steps.some((s) => s.id === step)) continue;
      const fields: FieldErrors = (byStep[step] ??= {});
      (fields[field] ??= []).push(...messages);
    }
    setErrors(byStep);
    setToast(result);
    const bad = steps.find((s) => hasErrors(byStep[s.id]));
    if (bad) go(bad.id);
  }

  return { errors, stepErrors: errors[current.id] ?? {}, invalid, toast, setStepErrors, next, checkAll, showRefusal };
}

/** The list of steps: a navigable progress indicator; the current one carries aria-current="step". */
export function StepList<Id extends string>({ steps, index, furthest, invalid, onGo }: { steps: readonly WizardStep<Id>[]; index: number; furthest: number; invalid: ReadonlySet<Id>; onGo: (id: Id) => void }) {
  return (
    <nav aria-label="Steps">
      <ol className="flex flex-wrap gap-1.5 lg:flex-col">
        {steps.map((s, i) => {
          const current = i === index;
          const reachable = i <= furthest;
          const bad = invalid.has(s.id);
          const cls = [
            "flex w-full items-center gap-2 rounded-md px-2.5 py-1.5 text-left text-sm",
            current ? "bg-blue-600 font-semibold text-white dark:bg-blue-500 dark:text-slate-950" : reachable ? "text-slate-800 hover:bg-slate-100 dark:text-slate-200 dark:hover:bg-slate-800" : "text-slate-500 dark:text-slate-400",
          ].join(" ");
          const content = (
            <>
              <span aria-hidden="true" className={["inline-flex size-5 shrink-0 items-center justify-center rounded-full text-xs", current ? "bg-white/20" : "border border-current"].join(" ")}>
                {i + 1}
              </span>
              <span>{s.label}</span>
              {bad ? <span className="sr-only">(needs attention)</span> : null}
              {bad ? (
                <span aria-hidden="true" className={current ? "" : "text-red-700 dark:text-red-400"}>
                  !
                </span>
              ) : null}
            </>
          );
          return (
            <li key={s.id} className="lg:w-full">
              {reachable ? (
                <button type="button" className={cls} aria-current={current ? "step" : undefined} onClick={() => onGo(s.id)}>
                  {content}
                </button>
              ) : (
                <span className={cls} aria-disabled="true">
                  {content}
                </span>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}

/**
 * The frame of a wizard: steps on the side (on top on small screens), the step's heading (focused when the step
 * changes, so screen readers announce it), its content and the Back / Next (or final) buttons.
 */
export function WizardFrame<Id extends string>({
  steps,
  index,
  furthest,
  invalid,
  onGo,
  title,
  description,
  children,
  onBack,
  next,
}: {
  steps: readonly WizardStep<Id>[];
  index: number;
  furthest: number;
  invalid: ReadonlySet<Id>;
  onGo: (id: Id) => void;
  title: string;
  description?: ReactNode;
  children: ReactNode;
  onBack?: () => void;
  next: ReactNode;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    heading.current?.focus();
  }, [index]);
  return (
    <div className="grid gap-6 lg:grid-cols-[13rem_minmax(0,1fr)]">
      <StepList steps={steps} index={index} furthest={furthest} invalid={invalid} onGo={onGo} />
      <section aria-labelledby="wizard-step-heading" className="min-w-0 rounded-lg border border-slate-200 bg-white shadow-sm dark:border-slate-800 dark:bg-slate-900">
        <div className="border-b border-slate-200 px-4 py-3 dark:border-slate-800">
          <p className="text-xs text-slate-600 dark:text-slate-400">
            Step {index + 1} of {steps.length}
          </p>
          <h2 id="wizard-step-heading" ref={heading} tabIndex={-1} className="text-lg font-semibold outline-none">
            {title}
          </h2>
          {description ? <p className="mt-0.5 text-sm text-slate-600 dark:text-slate-400">{description}</p> : null}
        </div>
        <div className="p-4">{children}</div>
        <div className="flex flex-wrap items-center justify-between gap-3 border-t border-slate-200 px-4 py-3 dark:border-slate-800">
          {onBack ? (
            <Button variant="secondary" onClick={onBack}>
              Back
            </Button>
          ) : (
            <span />
          )}
          {next}
        </div>
      </section>
    </div>
  );
}

/** Moves focus to the first invalid control after a failed "Next" (once React has drawn the errors). */
export function focusFirstInvalid() {
  requestAnimationFrame(() => {
    const el = document.querySelector<HTMLElement>('main [aria-invalid="true"]');
    if (!el) return;
    if (el.tagName === "FIELDSET") el.querySelector<HTMLElement>("input, select, textarea, button")?.focus();
    else el.focus();
  });
}

export const hasErrors = (e: FieldErrors | undefined) => !!e && Object.keys(e).length > 0;
