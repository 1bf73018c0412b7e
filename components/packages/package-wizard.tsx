"use client";

import { useState, useTransition } from "react";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Input, TextField, TextareaField } from "@/components/ui/field";
import { FormToast } from "@/components/ui/toast";
import type { ActionResult } from "@/lib/actions/result";
import type { FieldErrors } from "@/lib/errors";
import { Checkbox, GroupErrors } from "./controls";
import { defaultPolicyDraft, validateBasics, validatePolicyStep, validateRoles, type PackageBasicsDraft, type PolicyDraft, type PolicyStepId } from "./policy-draft";
import { describePolicy } from "./describe-policy";
import { ApprovalStep, LifecycleStep, POLICY_STEP_LABELS, QuestionsStep, RequestsStep, ReviewSection } from "./policy-steps";
import type { SubjectSearch } from "./subject-picker";
import { hasErrors, useStepErrors, useWizardSteps, WizardFrame, type WizardStep } from "./wizard";

export type WizardResource = {
  id: string;
  displayName: string;
  typeLabel: string;
  privileged: boolean;
  roles: { id: string; displayName: string; description: string; forPeople: boolean; forAgents: boolean }[];
};

export type PackageStepId = "basics" | "roles" | PolicyStepId | "review";

const STEPS: readonly WizardStep<PackageStepId>[] = [
  { id: "basics", label: "Basics" },
  { id: "roles", label: "Resource roles" },
  { id: "requests", label: POLICY_STEP_LABELS.requests },
  { id: "approval", label: POLICY_STEP_LABELS.approval },
  { id: "lifecycle", label: POLICY_STEP_LABELS.lifecycle },
  { id: "questions", label: POLICY_STEP_LABELS.questions },
  { id: "review", label: "Review + create" },
];

const DESCRIPTIONS: Record<PackageStepId, string> = {
  basics: "Name the package and say what it is for: requestors and approvers read this.",
  roles: "The resource roles a person or agent gets with this package.",
  requests: "Who can get the package and who may ask for it. This is the package's first policy; add more on its page later.",
  approval: "Whether requests need approval, and by whom.",
  lifecycle: "How long access lasts and whether it can be extended.",
  questions: "What requestors are asked when they request.",
  review: "Check every choice. Nothing is created until you select Create.",
};

export type WizardInput = { basics: PackageBasicsDraft; policy: PolicyDraft };
/** Field errors come back keyed "<step>/<field>", e.g. "approval/stages.1.approvers". */
export type CreatePackageAction = (input: WizardInput) => Promise<ActionResult>;

export function PackageWizard({
  catalog,
  resources,
  search,
  create,
}: {
  catalog: { id: string; displayName: string; privileged: boolean };
  resources: WizardResource[];
  search: SubjectSearch;
  create: CreatePackageAction;
}) {
  const { index, current, furthest, go } = useWizardSteps(STEPS);
  const [basics, setBasics] = useState<PackageBasicsDraft>({ displayName: "", description: "", isHidden: false, resourceRoleIds: [] });
  const [policy, setPolicy] = useState<PolicyDraft>(defaultPolicyDraft);
  const [pending, startTransition] = useTransition();
  const [roleFilter, setRoleFilter] = useState("");
  const { errors, stepErrors, invalid, toast, setStepErrors, next: nextStep, checkAll, showRefusal } = useStepErrors(STEPS, { index, current, go });

  function validate(step: PackageStepId): FieldErrors {
    if (step === "basics") return validateBasics(basics);
    if (step === "roles") return validateRoles(basics);
    if (step === "review") return {};
    return validatePolicyStep(step, policy);
  }

  const updatePolicy = (patch: Partial<PolicyDraft>) => {
    setPolicy((p) => ({ ...p, ...patch }));
    // Errors of this step are re-checked as the person fixes them, once they have been shown.
    if (hasErrors(errors[current.id]) && current.id !== "basics" && current.id !== "roles" && current.id !== "review") {
      setStepErrors(current.id, validatePolicyStep(current.id, { ...policy, ...patch }));
    }
  };
  const updateBasics = (patch: Partial<PackageBasicsDraft>) => {
    const next = { ...basics, ...patch };
    setBasics(next);
    if (hasErrors(errors[current.id]) && (current.id === "basics" || current.id === "roles")) setStepErrors(current.id, current.id === "basics" ? validateBasics(next) : validateRoles(next));
  };

  const next = () => nextStep(validate);

  function submit() {
    if (!checkAll(validate, "nothing was created")) return;
    startTransition(async () => {
      const result = await create({ basics, policy });
      if (!result.ok) showRefusal(result);
    });
  }

  const roleIndex = new Map(resources.flatMap((r) => r.roles.map((role) => [role.id, { resource: r, role }] as const)));
  const f = roleFilter.trim().toLowerCase();
  const shownResources = resources
    .map((r) => ({ ...r, roles: r.roles.filter((role) => !f || r.displayName.toLowerCase().includes(f) || role.displayName.toLowerCase().includes(f) || r.typeLabel.toLowerCase().includes(f)) }))
    .filter((r) => r.roles.length > 0);
  const policyProps = { draft: policy, update: updatePolicy, errors: stepErrors, search };
  const policyRows = describePolicy(policy);

  let body: React.ReactNode;
  switch (current.id) {
    case "basics":
      body = (
        <div className="space-y-4">
          <TextField label="Package name" name="displayName" required maxLength={256} autoComplete="off" value={basics.displayName} onChange={(e) => updateBasics({ displayName: e.target.value })} errors={stepErrors.displayName} />
          <TextareaField label="Description" name="description" maxLength={2048} rows={3} value={basics.description} onChange={(e) => updateBasics({ description: e.target.value })} errors={stepErrors.description} hint="Say what the package grants and who it is for." />
          <div className="space-y-1">
            <p className="text-sm font-medium">Catalog</p>
            <p className="flex flex-wrap items-center gap-2 text-sm">
              {catalog.displayName}
              {catalog.privileged ? (
                <Badge tone="red" title="Holds API permissions or directory roles">
                  Privileged
                </Badge>
              ) : null}
              <Link href="/admin/packages/new" className="text-blue-700 underline hover:no-underline dark:text-blue-300">
                Choose another catalog
              </Link>
            </p>
          </div>
          <Checkbox id="is-hidden" label="Hidden" hint="Hidden packages are not listed in My Access; people request them with a direct link." checked={basics.isHidden} onChange={(isHidden) => updateBasics({ isHidden })} />
        </div>
      );
      break;
    case "roles":
      body = (
        <div className="space-y-4">
          {resources.length === 0 ? (
            <p className="text-sm">
              This catalog has no resources with roles yet.{" "}
              <Link href={`/admin/catalogs/${catalog.id}`} className="text-blue-700 underline hover:no-underline dark:text-blue-300">
                Add resources to the catalog
              </Link>{" "}
              first.
            </p>
          ) : (
            <>
              <div>
                <label htmlFor="role-filter" className="mb-1 block text-sm font-medium">
                  Search resources and roles
                </label>
                <Input id="role-filter" type="search" value={roleFilter} onChange={(e) => setRoleFilter(e.target.value)} placeholder="Name or type" className="sm:max-w-sm" autoComplete="off" />
              </div>
              <p className="text-sm text-slate-600 dark:text-slate-400" role="status">
                {basics.resourceRoleIds.length} {basics.resourceRoleIds.length === 1 ? "role" : "roles"} chosen
              </p>
              <fieldset className="space-y-4" aria-describedby={stepErrors.resourceRoleIds ? "roles-error" : undefined}>
                <legend className="sr-only">Resource roles</legend>
                {shownResources.length === 0 ? <p className="text-sm">No resource or role matches “{roleFilter}”.</p> : null}
                {shownResources.map((r) => (
                  <div key={r.id} className="rounded-md border border-slate-200 p-3 dark:border-slate-700">
                    <h3 className="flex flex-wrap items-center gap-2 text-sm font-semibold">
                      {r.displayName}
                      <Badge tone="purple">{r.typeLabel}</Badge>
                      {r.privileged ? (
                        <Badge tone="red" title="API permissions and directory roles are privileged">
                          Privileged
                        </Badge>
                      ) : null}
                    </h3>
                    <ul className="mt-2 grid gap-2 sm:grid-cols-2">
                      {r.roles.map((role) => (
                        <li key={role.id}>
                          <Checkbox
                            id={`role-${role.id}`}
                            label={`${r.displayName}: ${role.displayName}`}
                            hint={[role.forPeople ? "people" : null, role.forAgents ? "agents" : null].filter(Boolean).join(", ") + (role.description ? ` · ${role.description}` : "")}
                            checked={basics.resourceRoleIds.includes(role.id)}
                            describedBy={stepErrors.resourceRoleIds ? "roles-error" : undefined}
                            onChange={(on) => updateBasics({ resourceRoleIds: on ? [...basics.resourceRoleIds, role.id] : basics.resourceRoleIds.filter((x) => x !== role.id) })}
                          />
                        </li>
                      ))}
                    </ul>
                  </div>
                ))}
              </fieldset>
            </>
          )}
          <GroupErrors id="roles-error" errors={stepErrors.resourceRoleIds} />
        </div>
      );
      break;
    case "requests":
      body = <RequestsStep {...policyProps} />;
      break;
    case "approval":
      body = <ApprovalStep {...policyProps} />;
      break;
    case "lifecycle":
      body = <LifecycleStep {...policyProps} />;
      break;
    case "questions":
      body = <QuestionsStep {...policyProps} />;
      break;
    case "review":
      body = (
        <div className="space-y-4">
          <ReviewSection
            title="Basics"
            onEdit={() => go("basics")}
            rows={[
              ["Name", basics.displayName],
              ["Description", basics.description || "—"],
              ["Catalog", catalog.displayName + (catalog.privileged ? " (privileged)" : "")],
              ["Hidden", basics.isHidden ? "Yes" : "No"],
            ]}
          />
          <ReviewSection
            title="Resource roles"
            onEdit={() => go("roles")}
            rows={
              basics.resourceRoleIds.length
                ? basics.resourceRoleIds.map((id, i): [string, string] => {
                    const x = roleIndex.get(id);
                    return [`Role ${i + 1}`, x ? `${x.resource.displayName}: ${x.role.displayName}${x.resource.privileged ? " (privileged)" : ""}` : id];
                  })
                : [["Roles", "None"]]
            }
          />
          {(["requests", "approval", "lifecycle", "questions"] as const).map((s) => (
            <ReviewSection key={s} title={POLICY_STEP_LABELS[s]} rows={policyRows[s]} onEdit={() => go(s)} />
          ))}
        </div>
      );
      break;
  }

  return (
    <>
      <WizardFrame
        steps={STEPS}
        index={index}
        furthest={furthest}
        invalid={invalid}
        onGo={go}
        title={current.label}
        description={DESCRIPTIONS[current.id]}
        onBack={index > 0 ? () => go(STEPS[index - 1].id) : undefined}
        next={
          current.id === "review" ? (
            <Button onClick={submit} disabled={pending} aria-busy={pending || undefined}>
              {pending ? "Creating…" : "Create access package"}
            </Button>
          ) : (
            <Button onClick={next}>Next: {STEPS[index + 1].label}</Button>
          )
        }
      >
        {body}
      </WizardFrame>
      <FormToast state={toast} />
    </>
  );
}
