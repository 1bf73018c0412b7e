"use client";

import { useActionState } from "react";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextField, TextareaField } from "@/components/ui/field";
import { FormToast } from "@/components/ui/toast";
import { errorsFor, valueOf, type FormState } from "@/components/forms/form-state";

export type NewCatalogFormProps = { action: (prev: FormState, formData: FormData) => Promise<FormState> };

export function NewCatalogForm({ action }: NewCatalogFormProps) {
  const [state, formAction] = useActionState(action, null);
  const values = state && !state.ok ? state.values : undefined;
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <TextField
        label="Catalog name"
        name="displayName"
        id="catalog-displayName"
        required
        maxLength={256}
        autoComplete="off"
        defaultValue={valueOf(values, "displayName")}
        errors={errorsFor(state, "displayName")}
      />
      <TextareaField
        label="Description"
        name="description"
        id="catalog-description"
        maxLength={1024}
        rows={2}
        defaultValue={valueOf(values, "description")}
        errors={errorsFor(state, "description")}
        hint="What the catalog holds and who its packages are for."
      />
      <SubmitButton pendingLabel="Creating…">Create catalog</SubmitButton>
      <FormToast state={state} />
    </form>
  );
}
