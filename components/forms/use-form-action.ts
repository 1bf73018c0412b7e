"use client";

import { startTransition, useActionState, type FormEvent } from "react";

/**
 * `useActionState` for forms whose fields must keep what the person entered after the action runs.
 * React resets a form after an `action={…}` submission, which also throws away controlled selects'
 * DOM values. Spread the returned props on the <form>: `action` keeps progressive enhancement (before
 * hydration the browser posts to the server action), and `onSubmit` prevents the default and dispatches
 * inside a transition, which React treats as a submission without reset (useFormStatus still sees it pending).
 */
export function useFormAction<S>(action: (prev: Awaited<S>, formData: FormData) => Promise<S>, initial: Awaited<S>) {
  const [state, formAction, pending] = useActionState(action, initial);
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const submitter = (e.nativeEvent as SubmitEvent).submitter;
    const formData = new FormData(e.currentTarget, submitter instanceof HTMLElement ? submitter : null);
    startTransition(() => formAction(formData));
  };
  return [state, { action: formAction, onSubmit }, pending] as const;
}
