"use client";

import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { SubmitButton } from "@/components/ui/submit-button";
import { Button } from "@/components/ui/button";
import { Field, Select, TextareaField, TextField } from "@/components/ui/field";
import { FormToast } from "@/components/ui/toast";
import { SearchPicker, type PickerOption, type PickerPage } from "@/components/ui/search-picker";
import { useFormAction } from "@/components/forms/use-form-action";
import { errorsFor, valueOf, type FormState } from "@/components/forms/form-state";
import type { DirectAssignOption } from "@/lib/assignments/direct-assign";
import type { DirectAssignData } from "@/app/(admin)/admin/assignments/actions";

export type DirectAssignFormProps = {
  action: (prev: FormState<DirectAssignData>, formData: FormData) => Promise<FormState<DirectAssignData>>;
  search: (q: string, page: number, filter: string) => Promise<PickerPage>;
  packages: DirectAssignOption[];
  /** Preselected package (from ?accessPackageId=). */
  initialPackageId?: string;
};

const SCOPE_LABELS: Record<string, string> = {
  allDirectoryAgentIdentities: "agents",
  allDirectoryServicePrincipals: "service principals and agents",
  specificDirectoryServicePrincipals: "specific service principals",
  allMemberUsers: "member users",
  allDirectoryUsers: "users",
  specificDirectoryUsers: "specific users",
  notSpecified: "administrators assign directly",
};

/** Choose principals, a package, its policy, a schedule and a justification; each principal gets its own adminAdd request. */
export function DirectAssignForm({ action, search, packages, initialPackageId }: DirectAssignFormProps) {
  const [state, formProps] = useFormAction(action, null);
  const [targets, setTargets] = useState<PickerOption[]>([]);
  const [packageId, setPackageId] = useState(initialPackageId && packages.some((p) => p.id === initialPackageId) ? initialPackageId : "");
  const pkg = packages.find((p) => p.id === packageId);
  const [policyId, setPolicyId] = useState("");
  const policy = pkg?.policies.find((p) => p.id === policyId) ?? (pkg?.policies.length === 1 ? pkg.policies[0] : undefined);
  const values = state && !state.ok ? state.values : undefined;
  const results = state?.ok ? state.data?.results : undefined;
  const resultPackageId = state?.ok ? state.data?.accessPackageId : undefined;
  // The times are entered in the browser's zone; the server turns them into instants with this offset.
  const tzRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (tzRef.current) tzRef.current.value = String(new Date().getTimezoneOffset());
  }, []);

  return (
    <form {...formProps} className="space-y-5" noValidate>
      <input type="hidden" name="tzOffset" ref={tzRef} defaultValue="0" />
      <div className="space-y-2">
        <SearchPicker
          id="assign-targets"
          label="People, agents or service principals"
          placeholder="Search by name, mail or description"
          required
          hint="Choose one or more; each gets its own request."
          filter={{
            label: "Kind",
            allLabel: "Everyone",
            options: [
              { value: "user", label: "People" },
              { value: "agentIdentity", label: "Agents" },
              { value: "servicePrincipal", label: "Service principals" },
            ],
          }}
          search={search}
          onPick={(o) => setTargets((t) => (t.some((x) => x.value === o.value) ? t : [...t, o]))}
          picked={targets.map((t) => t.value)}
          errors={errorsFor(state, "targetIds")}
        />
        {targets.length ? (
          <ul aria-label="Chosen targets" className="flex flex-wrap gap-2">
            {targets.map((t) => (
              <li key={t.value} className="inline-flex items-center gap-1 rounded-full border border-slate-300 bg-white py-0.5 pr-1 pl-3 text-sm dark:border-slate-600 dark:bg-slate-900">
                <input type="hidden" name="targetIds" value={t.value} />
                <span>{t.label}</span>
                <span className="text-xs text-slate-600 dark:text-slate-400">{t.detail?.split(" · ")[0]}</span>
                <button
                  type="button"
                  onClick={() => setTargets((all) => all.filter((x) => x.value !== t.value))}
                  className="rounded-full px-1.5 text-slate-600 hover:bg-slate-100 dark:text-slate-400 dark:hover:bg-slate-800"
                  aria-label={`Remove ${t.label}`}
                >
                  <span aria-hidden="true">×</span>
                </button>
              </li>
            ))}
          </ul>
        ) : null}
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Access package" name="accessPackageId" id="assign-package" required errors={errorsFor(state, "accessPackageId")}>
          {(c) => (
            <Select
              {...c}
              value={packageId}
              onChange={(e) => {
                setPackageId(e.target.value);
                setPolicyId("");
              }}
            >
              <option value="">Choose a package…</option>
              {packages.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.displayName} ({p.catalogName})
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field
          label="Policy"
          name="assignmentPolicyId"
          id="assign-policy"
          required
          errors={errorsFor(state, "assignmentPolicyId")}
          hint={policy ? `For ${SCOPE_LABELS[policy.allowedTargetScope] ?? policy.allowedTargetScope}; ${policy.expiration}.` : "The policy decides who may hold the package and for how long."}
        >
          {(c) => (
            <Select {...c} value={policy?.id ?? policyId} onChange={(e) => setPolicyId(e.target.value)} disabled={!pkg}>
              <option value="">{pkg ? "Choose a policy…" : "Choose a package first"}</option>
              {pkg?.policies.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.displayName}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <TextField
          label="Start (your time)"
          name="start"
          id="assign-start"
          type="datetime-local"
          defaultValue={valueOf(values, "start")}
          errors={errorsFor(state, "start", "schedule.startDateTime")}
          hint="Empty: at once."
        />
        <TextField
          label="End (your time)"
          name="end"
          id="assign-end"
          type="datetime-local"
          defaultValue={valueOf(values, "end")}
          errors={errorsFor(state, "end", "schedule.expiration", "schedule")}
          hint="Empty: as the policy says."
        />
      </div>
      <TextareaField label="Justification" name="justification" id="assign-justification" required rows={2} maxLength={4000} defaultValue={valueOf(values, "justification")} errors={errorsFor(state, "justification")} />
      <div className="flex flex-wrap gap-2">
        <SubmitButton pendingLabel="Assigning…">Assign</SubmitButton>
        {targets.length ? (
          <Button variant="ghost" onClick={() => setTargets([])}>
            Clear targets
          </Button>
        ) : null}
      </div>
      {results ? (
        <section aria-labelledby="assign-results-heading" className="rounded-md border border-slate-200 p-3 dark:border-slate-800">
          <h2 id="assign-results-heading" className="mb-2 text-sm font-semibold">
            Results
          </h2>
          <ul className="space-y-1 text-sm" aria-label="Direct assignment results">
            {results.map((r) => (
              <li key={r.targetId} className={r.ok ? "text-green-800 dark:text-green-300" : "text-red-800 dark:text-red-300"}>
                <strong>{r.displayName}</strong>:{" "}
                {r.ok ? (
                  <>
                    {r.state === "scheduled" ? "scheduled" : r.state === "delivered" ? "assigned" : r.state}.{" "}
                    <Link href={`/admin/requests/${r.requestId}`} className="underline">
                      View request<span className="sr-only"> for {r.displayName}</span>
                    </Link>
                  </>
                ) : (
                  <>refused — {r.message}</>
                )}
              </li>
            ))}
          </ul>
          <p className="mt-2 text-sm">
            <Link href={`/admin/assignments?accessPackageId=${resultPackageId ?? ""}`} className="text-blue-700 underline dark:text-blue-300">
              See this package&apos;s assignments
            </Link>
          </p>
        </section>
      ) : null}
      <FormToast state={state} />
    </form>
  );
}
