"use client";

import { useActionState } from "react";
import { SubmitButton } from "@/components/ui/submit-button";
import { Field, Select } from "@/components/ui/field";
import { FormToast } from "@/components/ui/toast";
import { errorsFor, valueOf, type FormState } from "@/components/forms/form-state";
import type { ResourceCandidateGroup } from "@/lib/directory/list-resource-candidates";

export type AddResourceFormProps = {
  action: (prev: FormState, formData: FormData) => Promise<FormState>;
  groups: ResourceCandidateGroup[];
};

export function AddResourceForm({ action, groups }: AddResourceFormProps) {
  const [state, formAction] = useActionState(action, null);
  const values = state && !state.ok ? state.values : undefined;
  const available = groups.reduce((n, g) => n + g.candidates.filter((c) => !c.alreadyInCatalog).length, 0);
  return (
    <form action={formAction} className="flex flex-col gap-3 sm:flex-row sm:items-start">
      <Field
        label="Resource"
        name="resource"
        id="add-resource"
        className="min-w-0 flex-1"
        errors={errorsFor(state, "resource", "originId", "originSystem")}
        hint={available === 0 ? "Everything in the directory is already in this catalog." : "Groups, applications, API permissions, directory roles and sites. Each brings its roles."}
      >
        {(control) => (
          <Select {...control} defaultValue={valueOf(values, "resource")}>
            <option value="">Choose a resource…</option>
            {groups
              .filter((g) => g.candidates.length > 0)
              .map((g) => (
                <optgroup key={g.originSystem} label={g.label}>
                  {g.candidates.map((c) => (
                    <option key={`${c.originSystem}:${c.originId}`} value={`${c.originSystem}:${c.originId}`} disabled={c.alreadyInCatalog} title={c.description || undefined}>
                      {c.displayName}
                      {c.alreadyInCatalog ? " (already in catalog)" : ""}
                    </option>
                  ))}
                </optgroup>
              ))}
          </Select>
        )}
      </Field>
      <SubmitButton pendingLabel="Adding…" className="shrink-0 self-start sm:mt-6">
        Add resource
      </SubmitButton>
      <FormToast state={state} />
    </form>
  );
}
