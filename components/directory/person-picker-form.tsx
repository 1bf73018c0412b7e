"use client";

import { useActionState, useState } from "react";
import { SubmitButton } from "@/components/ui/submit-button";
import { Button } from "@/components/ui/button";
import { FormToast } from "@/components/ui/toast";
import { SearchPicker, type PickerOption, type PickerPage } from "@/components/ui/search-picker";
import { errorsFor, type FormState } from "@/components/forms/form-state";

export type PersonPickerFormProps = {
  id: string;
  label: string;
  submitLabel: string;
  action: (prev: FormState, formData: FormData) => Promise<FormState>;
  search: (q: string, page: number, filter: string) => Promise<PickerPage>;
  /** People already in the list: shown as chosen, not offered again. */
  existing: string[];
};

/** Search for one person and add them (as a sponsor, an owner…). */
export function PersonPickerForm({ id, label, submitLabel, action, search, existing }: PersonPickerFormProps) {
  const [chosen, setChosen] = useState<PickerOption | null>(null);
  const [state, formAction] = useActionState(async (prev: FormState, fd: FormData) => {
    const result = await action(prev, fd);
    if (result?.ok) setChosen(null);
    return result;
  }, null);
  return (
    <form action={formAction} className="space-y-2">
      <SearchPicker id={id} label={label} placeholder="Search people by name or mail" search={search} onPick={setChosen} picked={[...existing, ...(chosen ? [chosen.value] : [])]} errors={errorsFor(state, "userId")} />
      <div className="flex flex-wrap items-center gap-2">
        {chosen ? (
          <>
            <input type="hidden" name="userId" value={chosen.value} />
            <span className="text-sm">
              Chosen: <strong>{chosen.label}</strong>
            </span>
            <Button variant="ghost" size="sm" onClick={() => setChosen(null)}>
              Clear<span className="sr-only"> {chosen.label}</span>
            </Button>
          </>
        ) : null}
        <SubmitButton size="sm" pendingLabel="Adding…" disabled={!chosen} className="ml-auto">
          {submitLabel}
        </SubmitButton>
      </div>
      <FormToast state={state} />
    </form>
  );
}
