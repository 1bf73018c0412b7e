"use client";

import { useActionState } from "react";
import { SubmitButton } from "@/components/ui/submit-button";
import { SelectField, TextField, TextareaField } from "@/components/ui/field";
import { FormToast } from "@/components/ui/toast";
import { errorsFor, valueOf, type FormState } from "@/components/forms/form-state";

export type CatalogFormValues = { displayName: string; description: string; state: "published" | "unpublished"; isExternallyVisible: boolean };

export type CatalogFormProps = {
  action: (prev: FormState, formData: FormData) => Promise<FormState>;
  /** The catalog as it is (edit); a new catalog starts published and internal. */
  initial?: CatalogFormValues;
  /** Distinguishes the ids of two forms on one page. */
  idPrefix?: string;
  submitLabel: string;
  pendingLabel: string;
};

/** Name, description, state and external visibility of a catalog: the create form and the edit form. */
export function CatalogForm({ action, initial, idPrefix = "catalog", submitLabel, pendingLabel }: CatalogFormProps) {
  const [state, formAction] = useActionState(action, null);
  const failed = state && !state.ok ? state.values : undefined;
  const value = (name: keyof CatalogFormValues, fallback: string) => (failed ? valueOf(failed, name, "") : fallback);
  const visible = failed ? failed.isExternallyVisible === "on" : (initial?.isExternallyVisible ?? false);
  // Remount after a save so the fields show what was stored.
  const key = state?.ok ? JSON.stringify(initial) : "form";
  return (
    <form key={key} action={formAction} className="space-y-4" noValidate>
      <TextField
        label="Catalog name"
        name="displayName"
        id={`${idPrefix}-displayName`}
        required
        maxLength={256}
        autoComplete="off"
        defaultValue={value("displayName", initial?.displayName ?? "")}
        errors={errorsFor(state, "displayName")}
      />
      <TextareaField
        label="Description"
        name="description"
        id={`${idPrefix}-description`}
        maxLength={1024}
        rows={2}
        defaultValue={value("description", initial?.description ?? "")}
        errors={errorsFor(state, "description")}
        hint="What the catalog holds and who its packages are for."
      />
      <SelectField
        label="State"
        name="state"
        id={`${idPrefix}-state`}
        defaultValue={value("state", initial?.state ?? "published")}
        errors={errorsFor(state, "state")}
        hint="People can request packages only from published catalogs."
        options={[
          { value: "published", label: "Published" },
          { value: "unpublished", label: "Unpublished" },
        ]}
      />
      <div className="flex items-start gap-2">
        <input
          type="checkbox"
          id={`${idPrefix}-external`}
          name="isExternallyVisible"
          defaultChecked={visible}
          aria-describedby={`${idPrefix}-external-hint`}
          className="mt-0.5 size-4 rounded border-slate-300 dark:border-slate-600"
        />
        <div>
          <label htmlFor={`${idPrefix}-external`} className="text-sm font-medium">
            Visible to external users
          </label>
          <p id={`${idPrefix}-external-hint`} className="text-xs text-slate-600 dark:text-slate-400">
            Users from connected organizations can see and request its packages.
          </p>
        </div>
      </div>
      <SubmitButton pendingLabel={pendingLabel}>{submitLabel}</SubmitButton>
      <FormToast state={state} />
    </form>
  );
}
