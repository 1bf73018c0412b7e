"use client";

import { useActionState, useState } from "react";
import { SubmitButton } from "@/components/ui/submit-button";
import { SelectField } from "@/components/ui/field";
import { FormToast } from "@/components/ui/toast";
import { PickedOption, SearchPicker, type PickerOption, type PickerPage } from "@/components/ui/search-picker";
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
      {chosen ? <PickedOption name="principalId" option={chosen} noun="person" onClear={() => setChosen(null)} /> : null}
      <SubmitButton pendingLabel="Adding…" disabled={!chosen}>
        Add role
      </SubmitButton>
      <FormToast state={state} />
    </form>
  );
}
