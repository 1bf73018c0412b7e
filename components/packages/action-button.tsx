"use client";

import { useEffect, useRef, useState, useTransition } from "react";
import { Button, type ButtonVariant } from "@/components/ui/button";
import { FormToast } from "@/components/ui/toast";
import type { ActionResult } from "@/lib/actions/result";

/**
 * A button that runs a server action, with a pending label and the outcome as a toast. With `confirm`, the first
 * press asks (inline, focus moved to the confirming button) and only the second one acts.
 */
export function ActionButton({
  action,
  label,
  pendingLabel = "Working…",
  ariaLabel,
  variant = "secondary",
  confirm,
}: {
  action: () => Promise<ActionResult>;
  label: string;
  pendingLabel?: string;
  ariaLabel?: string;
  variant?: ButtonVariant;
  confirm?: { prompt: string; confirmLabel: string };
}) {
  const [result, setResult] = useState<ActionResult | null>(null);
  const [asking, setAsking] = useState(false);
  const [pending, startTransition] = useTransition();
  const confirmRef = useRef<HTMLButtonElement>(null);
  const openerRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (asking) confirmRef.current?.focus();
  }, [asking]);

  const run = () =>
    startTransition(async () => {
      const r = await action();
      setResult(r);
      setAsking(false);
    });

  return (
    <>
      {asking && confirm ? (
        <span role="group" aria-label={confirm.prompt} className="inline-flex flex-wrap items-center gap-2 rounded-md bg-amber-50 px-2 py-1 text-sm text-amber-950 dark:bg-amber-950 dark:text-amber-100">
          <span>{confirm.prompt}</span>
          <Button ref={confirmRef} size="sm" variant="danger" onClick={run} disabled={pending} aria-busy={pending || undefined}>
            {pending ? pendingLabel : confirm.confirmLabel}
          </Button>
          <Button
            size="sm"
            variant="ghost"
            onClick={() => {
              setAsking(false);
              requestAnimationFrame(() => openerRef.current?.focus());
            }}
          >
            Cancel
          </Button>
        </span>
      ) : (
        <Button ref={openerRef} size="sm" variant={variant} onClick={confirm ? () => setAsking(true) : run} disabled={pending} aria-busy={pending || undefined} aria-label={ariaLabel}>
          {pending ? pendingLabel : label}
        </Button>
      )}
      <FormToast state={result} />
    </>
  );
}
