"use client";

import { useState } from "react";
import { SubmitButton } from "@/components/ui/submit-button";
import { useFormAction } from "@/components/forms/use-form-action";
import { Field, Select, TextField, TextareaField } from "@/components/ui/field";
import { FormToast } from "@/components/ui/toast";
import { ButtonLink } from "@/components/ui/button";
import { errorsFor, type FormState } from "@/components/forms/form-state";
import { APPROVAL_OPTIONS, EXPIRATION_OPTIONS, TARGET_SCOPE_OPTIONS } from "./policy-options";

export type PackageFormResource = {
  id: string;
  displayName: string;
  typeLabel: string;
  roles: { id: string; displayName: string; forPeople: boolean; forAgents: boolean }[];
};

export type NewPackageFormProps = {
  action: (prev: FormState, formData: FormData) => Promise<FormState>;
  catalogId: string;
  resources: PackageFormResource[];
  users: { id: string; displayName: string; jobTitle: string | null }[];
};

function Check({ name, label, hint, defaultChecked }: { name: string; label: string; hint?: string; defaultChecked?: boolean }) {
  const id = `field-${name}`;
  return (
    <div className="flex items-start gap-2">
      <input id={id} type="checkbox" name={name} defaultChecked={defaultChecked} aria-describedby={hint ? `${id}-hint` : undefined} className="mt-0.5 size-4 shrink-0 rounded border-slate-300 accent-blue-600" />
      <div>
        <label htmlFor={id} className="text-sm font-medium">
          {label}
        </label>
        {hint ? (
          <p id={`${id}-hint`} className="text-xs text-slate-600 dark:text-slate-400">
            {hint}
          </p>
        ) : null}
      </div>
    </div>
  );
}

export function NewPackageForm({ action, catalogId, resources, users }: NewPackageFormProps) {
  const [state, formProps, pending] = useFormAction(action, null);
  const [approval, setApproval] = useState("approver");
  const roleErrors = errorsFor(state, "resourceRoleIds");

  return (
    <form {...formProps} className="space-y-8" noValidate aria-busy={pending || undefined}>
      <section className="space-y-4">
        <h2 id="basics-heading" className="text-lg font-semibold">
          Basics
        </h2>
        <TextField label="Package name" name="displayName" required maxLength={256} autoComplete="off" errors={errorsFor(state, "displayName")} />
        <TextareaField
          label="Description"
          name="description"
          maxLength={2048}
          rows={3}
          errors={errorsFor(state, "description")}
          hint="Requestors and approvers see this: say what the package grants and who it is for."
        />
      </section>

      <fieldset className="space-y-3" aria-describedby={roleErrors ? "roles-error" : undefined}>
        <legend className="text-lg font-semibold">Resource roles</legend>
        {resources.length === 0 ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">This catalog has no resources yet. Add resources to the catalog first.</p>
        ) : (
          <div className="space-y-4">
            {resources.map((r) => (
              <div key={r.id}>
                <p className="text-sm font-medium">
                  {r.displayName} <span className="font-normal text-slate-500 dark:text-slate-400">· {r.typeLabel}</span>
                </p>
                <ul className="mt-1 grid gap-1 sm:grid-cols-2">
                  {r.roles.map((role) => (
                    <li key={role.id} className="flex items-start gap-2">
                      <input
                        id={`role-${role.id}`}
                        type="checkbox"
                        name="resourceRoleIds"
                        value={role.id}
                        className="mt-0.5 size-4 shrink-0 accent-blue-600"
                      />
                      <label htmlFor={`role-${role.id}`} className="min-w-0 text-sm break-words">
                        {r.displayName}: {role.displayName}
                        <span className="ml-1 text-xs text-slate-500 dark:text-slate-400">
                          ({[role.forPeople ? "people" : null, role.forAgents ? "agents" : null].filter(Boolean).join(", ")})
                        </span>
                      </label>
                    </li>
                  ))}
                </ul>
              </div>
            ))}
          </div>
        )}
        {roleErrors ? (
          <div id="roles-error" className="text-sm text-red-700 dark:text-red-400">
            {roleErrors.map((m) => (
              <p key={m}>{m}</p>
            ))}
          </div>
        ) : null}
      </fieldset>

      <section className="space-y-4">
        <h2 id="requests-heading" className="text-lg font-semibold">
          Requests
        </h2>
        <Field label="Who can request" name="allowedTargetScope" errors={errorsFor(state, "allowedTargetScope")}>
          {(c) => (
            <Select {...c} defaultValue="allDirectoryAgentIdentities">
              {TARGET_SCOPE_OPTIONS.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <div className="space-y-2">
          <Check name="selfRequests" label="Allow self-requests" hint="Targets request for themselves (agents through the API, people in My Access)." defaultChecked />
          <Check
            name="onBehalfRequests"
            label="Allow sponsors and owners to request on behalf of their agents"
            hint="A sponsor or owner requests in My Access for an agent they are accountable for."
            defaultChecked
          />
          <Check name="justificationRequired" label="Require justification" defaultChecked />
          {errorsFor(state, "selfRequests") ? (
            <div className="text-sm text-red-700 dark:text-red-400">
              {errorsFor(state, "selfRequests")!.map((m) => (
                <p key={m}>{m}</p>
              ))}
            </div>
          ) : null}
        </div>
      </section>

      <section className="space-y-4">
        <h2 id="approval-heading" className="text-lg font-semibold">
          Approval and expiry
        </h2>
        <Field label="Approval" name="approval" errors={errorsFor(state, "approval")} hint="Nobody approves their own request: a sponsor who requests for an agent is skipped, and the fallback approver is used.">
          {(c) => (
            <Select {...c} value={approval} onChange={(e) => setApproval(e.target.value)}>
              {APPROVAL_OPTIONS.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label="Approver" name="approver" errors={errorsFor(state, "approver")} hint={approval === "approver" ? undefined : "Only for “a named approver”."}>
            {(c) => (
              <Select {...c} disabled={approval !== "approver"}>
                <option value="">Choose a person…</option>
                {users.map((u) => (
                  <option key={u.id} value={u.id} title={u.jobTitle ?? undefined}>
                    {u.displayName}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          <Field label="Fallback approver" name="fallbackApprover" errors={errorsFor(state, "fallbackApprover")} hint="Used when nobody else may approve. Optional.">
            {(c) => (
              <Select {...c} disabled={approval === "none"}>
                <option value="">None</option>
                {users.map((u) => (
                  <option key={u.id} value={u.id} title={u.jobTitle ?? undefined}>
                    {u.displayName}
                  </option>
                ))}
              </Select>
            )}
          </Field>
        </div>
        <Field label="Expiration" name="expiration" errors={errorsFor(state, "expiration")} hint="Access ends this long after it is delivered.">
          {(c) => (
            <Select {...c} defaultValue="P90D" className="sm:max-w-xs">
              {EXPIRATION_OPTIONS.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </Select>
          )}
        </Field>
      </section>

      <div className="flex flex-wrap items-center gap-3 border-t border-slate-200 pt-6 dark:border-slate-800">
        <SubmitButton pendingLabel="Creating…">Create access package</SubmitButton>
        <ButtonLink href={`/admin/catalogs/${catalogId}`} variant="ghost">
          Cancel
        </ButtonLink>
      </div>
      <FormToast state={state} />
    </form>
  );
}
