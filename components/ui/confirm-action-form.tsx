"use client";

import { useActionState, useState, type ReactNode } from "react";
import { Button } from "./button";
import { SubmitButton } from "./submit-button";
import { FormToast } from "./toast";
import type { FormState } from "@/components/forms/form-state";

export type ConfirmActionFormProps = {
  action: (prev: FormState, formData: FormData) => Promise<FormState>;
  /** Hidden fields sent with the form. */
  fields: Record<string, string>;
  /** The visible verb: "Remove", "Revoke". */
  label: string;
  /** What it acts on, read out after the verb ("Support Tier 2 from Agent Platform"). */
  what: string;
  pendingLabel?: string;
};

/** A destructive action asked once more in place: "Remove", then "Confirm" or "Keep". The outcome is a toast. */
export function ConfirmActionForm({ action, ...rest }: ConfirmActionFormProps) {
  const [state, formAction] = useActionState(action, null);
  return <ConfirmActionButtons formAction={formAction} {...rest} toast={<FormToast state={state} />} />;
}

export type ConfirmActionButtonsProps = Omit<ConfirmActionFormProps, "action"> & {
  /** A `useActionState` dispatcher owned by the caller (e.g. one per list, so the outcome outlives the row). */
  formAction: (formData: FormData) => void;
  toast?: ReactNode;
};

/** The form of ConfirmActionForm around a caller's action state: for rows that disappear when the action succeeds. */
export function ConfirmActionButtons({ formAction, fields, label, what, pendingLabel = "Working…", toast }: ConfirmActionButtonsProps) {
  const [confirming, setConfirming] = useState(false);
  return (
    <form action={formAction} className="flex flex-wrap items-center justify-end gap-1">
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {confirming ? (
        <>
          <SubmitButton variant="danger" size="sm" className="whitespace-nowrap" pendingLabel={pendingLabel} autoFocus>
            Confirm<span className="sr-only">
              {" "}
              {label.toLowerCase()} {what}
            </span>
          </SubmitButton>
          <Button variant="ghost" size="sm" onClick={() => setConfirming(false)}>
            Keep<span className="sr-only"> {what}</span>
          </Button>
        </>
      ) : (
        <Button variant="secondary" size="sm" onClick={() => setConfirming(true)}>
          {label}
          <span className="sr-only"> {what}</span>
        </Button>
      )}
      {toast}
    </form>
  );
}
