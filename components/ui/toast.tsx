"use client";

import { useEffect, useState } from "react";

export type ToastState = { ok: boolean; message?: string } | null | undefined;

export type ToastProps = {
  tone: "success" | "error";
  message: string;
  onDismiss?: () => void;
};

/** One message box. Errors are alerts (announced at once); successes are polite status messages. */
export function Toast({ tone, message, onDismiss }: ToastProps) {
  const success = tone === "success";
  return (
    <div
      className={[
        "pointer-events-auto flex items-start gap-3 rounded-md border px-4 py-3 text-sm shadow-lg",
        success
          ? "border-green-300 bg-green-50 text-green-900 dark:border-green-700 dark:bg-green-950 dark:text-green-100"
          : "border-red-300 bg-red-50 text-red-900 dark:border-red-700 dark:bg-red-950 dark:text-red-100",
      ].join(" ")}
    >
      <p className="flex-1">{message}</p>
      {onDismiss ? (
        <button
          type="button"
          onClick={onDismiss}
          className="-m-1 rounded p-1 leading-none opacity-70 hover:opacity-100"
          aria-label="Dismiss message"
        >
          <span aria-hidden="true">×</span>
        </button>
      ) : null}
    </div>
  );
}

export type FormToastProps = {
  /** The `useActionState` result: `{ ok, message }`; nothing is shown without a message. */
  state: ToastState;
  /** Successes hide themselves after this many ms (errors stay until dismissed). 0 keeps them. */
  autoHideMs?: number;
};

/**
 * Shows the outcome of a form's server action. Each new result object is shown afresh, so the
 * same message after a second submission appears again. The live regions are always mounted so
 * screen readers announce what is put into them.
 */
export function FormToast({ state, autoHideMs = 6000 }: FormToastProps) {
  const [dismissed, setDismissed] = useState<ToastState>(null);
  const visible = state && state.message && dismissed !== state ? state : null;
  const message = visible?.message ?? "";

  useEffect(() => {
    if (!visible || !visible.ok || autoHideMs <= 0) return;
    const timer = setTimeout(() => setDismissed(visible), autoHideMs);
    return () => clearTimeout(timer);
  }, [visible, autoHideMs]);

  return (
    <div className="pointer-events-none fixed inset-x-0 bottom-0 z-50 flex flex-col items-center gap-2 p-4 sm:items-end">
      <div role="status" aria-live="polite" className="w-full max-w-sm empty:hidden">
        {visible?.ok ? <Toast tone="success" message={message} onDismiss={() => setDismissed(visible)} /> : null}
      </div>
      <div role="alert" className="w-full max-w-sm empty:hidden">
        {visible && !visible.ok ? (
          <Toast tone="error" message={message} onDismiss={() => setDismissed(visible)} />
        ) : null}
      </div>
    </div>
  );
}

/** A form's refusal shown inline, under its fields (an alert, announced at once); nothing otherwise. */
export function FormError({ state }: { state: ToastState }) {
  return state && !state.ok ? (
    <p role="alert" className="text-sm text-red-700 dark:text-red-400">
      {state.message}
    </p>
  ) : null;
}
