"use client";

import { useActionState } from "react";
import { useFormStatus } from "react-dom";
import { Button } from "@/components/ui/button";
import { Field, Textarea } from "@/components/ui/field";
import { errorsFor, valueOf, type FormState } from "@/components/forms/form-state";
import { FormError } from "@/components/ui/toast";

function DecisionButtons() {
  const { pending, data } = useFormStatus();
  const deciding = pending ? data?.get("decision") : null;
  return (
    <div className="flex flex-wrap gap-2">
      <Button type="submit" name="decision" value="Approve" disabled={pending} aria-busy={deciding === "Approve" || undefined}>
        {deciding === "Approve" ? "Approving…" : "Approve"}
      </Button>
      <Button type="submit" name="decision" value="Deny" variant="danger" disabled={pending} aria-busy={deciding === "Deny" || undefined}>
        {deciding === "Deny" ? "Denying…" : "Deny"}
      </Button>
    </div>
  );
}

export type DecisionFormProps = {
  action: (prev: FormState, formData: FormData) => Promise<FormState>;
  requestId: string;
  stageId: string;
  justificationRequired: boolean;
};

export function DecisionForm({ action, requestId, stageId, justificationRequired }: DecisionFormProps) {
  const [state, formAction] = useActionState(action, null);
  const values = state && !state.ok ? state.values : undefined;
  return (
    <form action={formAction} className="space-y-3">
      <input type="hidden" name="requestId" value={requestId} />
      <input type="hidden" name="stageId" value={stageId} />
      <Field
        label="Justification"
        name="justification"
        id={`justification-${stageId}`}
        required={justificationRequired}
        errors={errorsFor(state, "justification")}
        hint={justificationRequired ? "Required for this decision." : "Optional; the requestor sees it."}
      >
        {(c) => <Textarea {...c} rows={2} maxLength={4000} defaultValue={valueOf(values, "justification")} />}
      </Field>
      <FormError state={state} />
      <DecisionButtons />
    </form>
  );
}
