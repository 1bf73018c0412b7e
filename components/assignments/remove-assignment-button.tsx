"use client";

import { useActionState, useState } from "react";
import { useSearchParams } from "next/navigation";
import { Button } from "@/components/ui/button";
import { SubmitButton } from "@/components/ui/submit-button";
import { FormToast } from "@/components/ui/toast";
import type { FormState } from "@/components/forms/form-state";
import { removeAssignmentAction } from "@/app/(admin)/admin/assignments/actions";

/** "Remove", then "Confirm": removing access takes effect at once, so it asks once more in place. */
export function RemoveAssignmentButton({ assignmentId, targetName, packageName }: { assignmentId: string; targetName: string; packageName: string }) {
  const [state, formAction] = useActionState(removeAssignmentAction, null as FormState);
  const [confirming, setConfirming] = useState(false);
  const searchParams = useSearchParams();
  const returnQuery = new URLSearchParams(searchParams.toString());
  returnQuery.delete("removed");
  const what = `${packageName} from ${targetName}`;
  return (
    <form action={formAction} className="flex flex-col items-end gap-1">
      <input type="hidden" name="assignmentId" value={assignmentId} />
      <input type="hidden" name="returnQuery" value={returnQuery.toString()} />
      {confirming ? (
        <>
          <SubmitButton variant="danger" size="sm" className="whitespace-nowrap" pendingLabel="Removing…" autoFocus>
            Confirm<span className="sr-only"> removal of {what}</span>
          </SubmitButton>
          <Button variant="ghost" size="sm" onClick={() => setConfirming(false)}>
            Keep<span className="sr-only"> {what}</span>
          </Button>
        </>
      ) : (
        <Button variant="secondary" size="sm" onClick={() => setConfirming(true)}>
          Remove<span className="sr-only"> {what}</span>
        </Button>
      )}
      <FormToast state={state} />
    </form>
  );
}
