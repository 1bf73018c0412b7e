"use client";

import { useActionState } from "react";
import { SubmitButton } from "@/components/ui/submit-button";
import { FormToast } from "@/components/ui/toast";
import type { FormState } from "@/components/forms/form-state";
import { cancelRequestAction } from "@/app/(portal)/access/requests/actions";

export function CancelRequestButton({ requestId, packageName }: { requestId: string; packageName: string }) {
  const [state, formAction] = useActionState(cancelRequestAction, null as FormState);
  return (
    <form action={formAction}>
      <input type="hidden" name="requestId" value={requestId} />
      <SubmitButton variant="secondary" size="sm" className="whitespace-nowrap" pendingLabel="Canceling…" title={`Cancel the request for ${packageName}`}>
        Cancel request
      </SubmitButton>
      <FormToast state={state} />
    </form>
  );
}
