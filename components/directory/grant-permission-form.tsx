"use client";

import { useActionState } from "react";
import { SubmitButton } from "@/components/ui/submit-button";
import { SelectField } from "@/components/ui/field";
import { FormToast } from "@/components/ui/toast";
import { errorsFor, type FormState } from "@/components/forms/form-state";

/** Grant an EntitlementManagement application permission to a service principal. */
export function GrantPermissionForm({ action, permissions }: { action: (prev: FormState, formData: FormData) => Promise<FormState>; permissions: { value: string; label: string; disabled?: boolean }[] }) {
  const [state, formAction] = useActionState(action, null);
  const available = permissions.filter((p) => !p.disabled);
  return (
    <form action={formAction} className="flex flex-col gap-2 sm:flex-row sm:items-end">
      <SelectField
        label="Application permission"
        name="permission"
        id="grant-permission"
        className="min-w-0 flex-1"
        options={permissions}
        defaultValue={available[0]?.value}
        errors={errorsFor(state, "permission")}
      />
      <SubmitButton pendingLabel="Granting…" disabled={available.length === 0}>
        Grant permission
      </SubmitButton>
      <FormToast state={state} />
    </form>
  );
}
