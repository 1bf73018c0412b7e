"use client";

import { Field, Select } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { FormToast } from "@/components/ui/toast";
import { useFormAction } from "@/components/forms/use-form-action";
import { errorsFor, type FormState } from "@/components/forms/form-state";

export type RoleChoice = { resource: string; privileged: boolean; roles: { id: string; displayName: string }[] };

/** Adds one of the catalog's resource roles to the package. */
export function AddRoleForm({ action, choices }: { action: (prev: FormState, formData: FormData) => Promise<FormState>; choices: RoleChoice[] }) {
  const [state, formProps] = useFormAction(action, null);
  if (choices.length === 0) return <p className="text-sm text-slate-600 dark:text-slate-400">Every role of the catalog&apos;s resources is already in this package.</p>;
  return (
    <form {...formProps} className="flex flex-wrap items-end gap-3" noValidate>
      <Field label="Resource role to add" name="resourceRoleId" errors={errorsFor(state, "resourceRoleId")} className="min-w-0 flex-1 basis-64">
        {(c) => (
          <Select {...c} defaultValue="">
            <option value="">Choose a role…</option>
            {choices.map((g) => (
              <optgroup key={g.resource} label={g.privileged ? `${g.resource} (privileged)` : g.resource}>
                {g.roles.map((r) => (
                  <option key={r.id} value={r.id}>
                    {g.resource}: {r.displayName}
                  </option>
                ))}
              </optgroup>
            ))}
          </Select>
        )}
      </Field>
      <SubmitButton pendingLabel="Adding…" variant="secondary">
        Add role
      </SubmitButton>
      <FormToast state={state} />
    </form>
  );
}
