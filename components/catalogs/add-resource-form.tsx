"use client";

import { useActionState, useState } from "react";
import { SubmitButton } from "@/components/ui/submit-button";
import { FormToast } from "@/components/ui/toast";
import { PickedOption, SearchPicker, type PickerOption, type PickerPage } from "@/components/ui/search-picker";
import { errorsFor, type FormState } from "@/components/forms/form-state";
import { ORIGIN_SYSTEM_LABELS } from "./origin-system";

export type AddResourceFormProps = {
  action: (prev: FormState, formData: FormData) => Promise<FormState>;
  search: (q: string, page: number, type: string) => Promise<PickerPage>;
};

const TYPE_OPTIONS = Object.entries(ORIGIN_SYSTEM_LABELS).map(([value, label]) => ({ value, label }));

/** Search the directory for a group, application, API, directory role or site, choose it, and add it with its roles. */
export function AddResourceForm({ action, search }: AddResourceFormProps) {
  const [chosen, setChosen] = useState<PickerOption | null>(null);
  const [state, formAction] = useActionState(async (prev: FormState, fd: FormData) => {
    const result = await action(prev, fd);
    if (result?.ok) setChosen(null);
    return result;
  }, null);
  return (
    <form action={formAction} className="space-y-3">
      <SearchPicker
        id="resource-search"
        label="Find a resource"
        placeholder="Type a name: Support, Graph, Directory Readers…"
        hint="Groups, applications (app roles), API permissions, directory roles and sites. Each brings its roles."
        filter={{ label: "Type", allLabel: "All types", options: TYPE_OPTIONS }}
        search={search}
        onPick={setChosen}
        picked={chosen ? [chosen.value] : []}
        errors={errorsFor(state, "resource", "originId", "originSystem")}
      />
      {chosen ? <PickedOption name="resource" option={chosen} noun="resource" onClear={() => setChosen(null)} /> : null}
      <SubmitButton pendingLabel="Adding…" disabled={!chosen}>
        Add resource
      </SubmitButton>
      <FormToast state={state} />
    </form>
  );
}
