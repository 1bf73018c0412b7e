"use client";

import { useState } from "react";
import { TextField, TextareaField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { FormToast } from "@/components/ui/toast";
import { useFormAction } from "@/components/forms/use-form-action";
import { errorsFor, type FormState } from "@/components/forms/form-state";

export function PackageBasicsForm({ action, initial }: { action: (prev: FormState, formData: FormData) => Promise<FormState>; initial: { displayName: string; description: string; isHidden: boolean } }) {
  const [state, formProps] = useFormAction(action, null);
  const [hidden, setHidden] = useState(initial.isHidden);
  return (
    <form {...formProps} className="space-y-4" noValidate>
      <TextField label="Package name" name="displayName" required maxLength={256} autoComplete="off" defaultValue={initial.displayName} errors={errorsFor(state, "displayName")} />
      <TextareaField label="Description" name="description" rows={3} maxLength={2048} defaultValue={initial.description} errors={errorsFor(state, "description")} />
      <div className="flex items-start gap-2">
        <input id="field-isHidden" type="checkbox" name="isHidden" checked={hidden} onChange={(e) => setHidden(e.target.checked)} aria-describedby="field-isHidden-hint" className="mt-0.5 size-4 shrink-0 accent-blue-600" />
        <div>
          <label htmlFor="field-isHidden" className="text-sm font-medium">
            Hidden
          </label>
          <p id="field-isHidden-hint" className="text-xs text-slate-600 dark:text-slate-400">
            Not listed in My Access; people request it with a direct link.
          </p>
        </div>
      </div>
      <SubmitButton pendingLabel="Saving…">Save basics</SubmitButton>
      <FormToast state={state} />
    </form>
  );
}
