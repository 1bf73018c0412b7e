"use client";

import { useActionState, useState } from "react";
import { Button } from "@/components/ui/button";
import { SubmitButton } from "@/components/ui/submit-button";
import { FormToast } from "@/components/ui/toast";
import type { FormState } from "@/components/forms/form-state";
import { cancelRequestAction } from "@/app/(portal)/access/requests/actions";

/** "Cancel request", then "Confirm": a canceled request cannot be reopened, so it asks once more in place. */
export function CancelRequestButton({ requestId, packageName, returnTo }: { requestId: string; packageName: string; returnTo?: string }) {
  const [state, formAction] = useActionState(cancelRequestAction, null as FormState);
  const [confirming, setConfirming] = useState(false);
  return (
    <form action={formAction} className="flex flex-wrap items-center justify-end gap-1">
      <input type="hidden" name="requestId" value={requestId} />
      {returnTo ? <input type="hidden" name="returnTo" value={returnTo} /> : null}
      {confirming ? (
        <>
          <SubmitButton variant="danger" size="sm" className="whitespace-nowrap" pendingLabel="Canceling…" autoFocus>
            Confirm cancel<span className="sr-only"> of the request for {packageName}</span>
          </SubmitButton>
          <Button variant="ghost" size="sm" className="whitespace-nowrap" onClick={() => setConfirming(false)}>
            Keep it<span className="sr-only"> (the request for {packageName})</span>
          </Button>
        </>
      ) : (
        <Button variant="secondary" size="sm" className="whitespace-nowrap" onClick={() => setConfirming(true)} title={`Cancel the request for ${packageName}`}>
          Cancel request<span className="sr-only"> for {packageName}</span>
        </Button>
      )}
      <FormToast state={state} />
    </form>
  );
}
