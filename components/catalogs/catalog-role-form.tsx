"use client";

import { useActionState, useState } from "react";
import { SubmitButton } from "@/components/ui/submit-button";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/field";
import { FormToast } from "@/components/ui/toast";
import { SearchPicker, type PickerOption, type PickerPage } from "@/components/ui/search-picker";
import { errorsFor, valueOf, type FormState } from "@/components/forms/form-state";

export type CatalogRoleFormProps = {
  action: (prev: FormState, formData: FormData) => Promise<FormState>;
  search: (q: string, page: number, filter: string) => Promise<PickerPage>;
  roles: { value: string; label: string }[];
};

/** Choose a person (or service principal) with the people picker and give them a catalog role. */
export function CatalogRoleForm({ action, search, roles }: CatalogRoleFormProps) {
  const [chosen, setChosen] = useState<PickerOption | null>(null);
  const [state, formAction] = useActionState(async (prev: FormState, fd: FormData) => {
    const result = await action(prev, fd);
    if (result?.ok) setChosen(null);
    return result;
  }, null);
  const values = state && !state.ok ? state.values : undefined;
  return (
    <form action={formAction} className="space-y-3">
      <SelectField label="Role" name="role" id="catalog-role" required defaultValue={valueOf(values, "role", roles[0]?.value)} options={roles} errors={errorsFor(state, "role")} />
      <SearchPicker
        id="catalog-role-person"
        label="Person or service principal"
        placeholder="Search by name or mail"
        required
        search={search}
        filter={{
          label: "Kind",
          allLabel: "People and service principals",
          options: [
            { value: "user", label: "People" },
            { value: "servicePrincipal", label: "Service principals" },
          ],
        }}
        onPick={setChosen}
        picked={chosen ? [chosen.value] : []}
        errors={errorsFor(state, "principalId")}
      />
      {chosen ? (
        <div className="flex flex-wrap items-center gap-2 rounded-md border border-blue-200 bg-blue-50 px-3 py-2 text-sm dark:border-blue-900 dark:bg-blue-950">
          <input type="hidden" name="principalId" value={chosen.value} />
          <span>
            Chosen: <strong>{chosen.label}</strong>
          </span>
          <span className="text-xs text-slate-600 dark:text-slate-400">{chosen.detail}</span>
          <Button variant="ghost" size="sm" className="ml-auto" onClick={() => setChosen(null)}>
            Clear<span className="sr-only"> the chosen person</span>
          </Button>
        </div>
      ) : null}
      <SubmitButton pendingLabel="Adding…" disabled={!chosen}>
        Add role
      </SubmitButton>
      <FormToast state={state} />
    </form>
  );
}
