"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getCtx } from "@/lib/auth/session";
import { toActionResult } from "@/lib/actions/result";
import { createAccessPackage, createAccessPackageInput } from "@/lib/packages/create-access-package";
import { createPolicy } from "@/lib/policies/create-policy";
import { policyInputSchema, type SubjectSet } from "@/lib/policies/settings";
import type { FieldErrors } from "@/lib/errors";
import { formValues, text, type FormState } from "@/components/forms/form-state";
import { APPROVAL_OPTIONS, EXPIRATION_OPTIONS, TARGET_SCOPE_OPTIONS } from "@/components/packages/policy-options";

/** Stands in for the package id while the policy is validated before anything is written. */
const PLACEHOLDER_PACKAGE_ID = "00000000-0000-4000-8000-000000000000";

/** Where each part of the policy body is edited in the form. */
function policyField(path: PropertyKey[]): string {
  const p = path.map(String).join(".");
  if (p.startsWith("allowedTargetScope") || p.startsWith("specificAllowedTargets")) return "allowedTargetScope";
  if (p.startsWith("requestorSettings")) return "selfRequests";
  if (p.includes("fallbackPrimaryApprovers")) return "fallbackApprover";
  if (p.startsWith("requestApprovalSettings")) return "approval";
  if (p.startsWith("expiration")) return "expiration";
  return "_";
}

function push(errors: FieldErrors, key: string, message: string) {
  const list = (errors[key] ??= []);
  if (!list.includes(message)) list.push(message);
}

export async function createPackageAction(catalogId: string, _prev: FormState, formData: FormData): Promise<FormState> {
  const ctx = await getCtx();
  const values = formValues(formData);
  const errors: FieldErrors = {};

  const packageInput = {
    catalogId,
    displayName: text(formData, "displayName"),
    description: text(formData, "description"),
    resourceRoleIds: formData.getAll("resourceRoleIds").filter((v): v is string => typeof v === "string" && v !== ""),
  };
  const pkgCheck = createAccessPackageInput.safeParse(packageInput);
  if (!pkgCheck.success) for (const issue of pkgCheck.error.issues) push(errors, String(issue.path[0] ?? "_"), issue.message);

  const scope = text(formData, "allowedTargetScope");
  if (!TARGET_SCOPE_OPTIONS.some((o) => o.value === scope)) push(errors, "allowedTargetScope", "choose who can request");
  const selfRequests = formData.get("selfRequests") === "on";
  const onBehalfRequests = formData.get("onBehalfRequests") === "on";
  if (!selfRequests && !onBehalfRequests) push(errors, "selfRequests", "allow self-requests, requests on behalf of agents, or both");
  const approval = text(formData, "approval");
  if (!APPROVAL_OPTIONS.some((o) => o.value === approval)) push(errors, "approval", "choose how requests are approved");
  const approver = text(formData, "approver");
  const fallbackApprover = text(formData, "fallbackApprover");
  if (approval === "approver" && !approver) push(errors, "approver", "choose the approver");
  const expiration = text(formData, "expiration");
  if (!EXPIRATION_OPTIONS.some((o) => o.value === expiration)) push(errors, "expiration", "choose when access expires");

  const single = (userId: string): SubjectSet => ({ "@odata.type": "#microsoft.graph.singleUser", userId });
  const primaryApprovers: SubjectSet[] =
    approval === "approver" && approver
      ? [single(approver)]
      : approval === "sponsors"
        ? [{ "@odata.type": "#microsoft.graph.targetAgentIdentitySponsorsOrOwners", isBackup: false }]
        : approval === "manager"
          ? [{ "@odata.type": "#microsoft.graph.requestorManager", managerLevel: 1 }]
          : [];
  const needsApproval = approval !== "none";
  const scopeLabel = TARGET_SCOPE_OPTIONS.find((o) => o.value === scope)?.label ?? "Requests";
  const policyInput = {
    displayName: `${scopeLabel}, ${needsApproval ? "with approval" : "no approval"}`,
    description: "",
    allowedTargetScope: scope,
    requestorSettings: {
      enableTargetsToSelfAddAccess: selfRequests,
      enableTargetsToSelfUpdateAccess: selfRequests,
      enableOnBehalfRequestorsToAddAccess: onBehalfRequests,
      enableOnBehalfRequestorsToUpdateAccess: onBehalfRequests,
      onBehalfRequestors: onBehalfRequests ? [{ "@odata.type": "#microsoft.graph.targetAgentIdentitySponsorsOrOwners", isBackup: false }] : [],
    },
    requestApprovalSettings: {
      isApprovalRequiredForAdd: needsApproval,
      isApprovalRequiredForUpdate: needsApproval,
      isRequestorJustificationRequired: formData.get("justificationRequired") === "on",
      stages: needsApproval ? [{ primaryApprovers, fallbackPrimaryApprovers: fallbackApprover ? [single(fallbackApprover)] : [] }] : [],
    },
    expiration: expiration === "never" || !expiration ? { type: "noExpiration" } : { type: "afterDuration", duration: expiration },
  };
  // Validate the policy before the package exists, so a bad policy never leaves a package without one.
  const policyCheck = policyInputSchema.safeParse({ ...policyInput, accessPackageId: PLACEHOLDER_PACKAGE_ID });
  if (!policyCheck.success) {
    for (const issue of policyCheck.error.issues) {
      const field = policyField(issue.path);
      // A missing named approver is already reported on the Approver field.
      if (field === "approval" && issue.path.map(String).includes("primaryApprovers") && errors.approver) continue;
      push(errors, field, issue.message);
    }
  }

  if (Object.keys(errors).length) {
    return { ok: false, code: "invalid", message: "Check the highlighted fields; nothing was created.", fieldErrors: errors, values };
  }

  const created = await toActionResult(() => createAccessPackage({ ctx, input: packageInput }));
  if (!created.ok || !created.data) return { ...(created.ok ? { ok: false as const, code: "internal" as const, message: "The package could not be created." } : created), values };
  const pkg = created.data;
  const policy = await toActionResult(() => createPolicy({ ctx, input: { ...policyInput, accessPackageId: pkg.id } }));
  revalidatePath(`/admin/catalogs/${catalogId}`);
  revalidatePath("/admin/packages");
  if (!policy.ok) {
    return { ...policy, message: `The package "${pkg.displayName}" was created, but its policy was not: ${policy.message}`, values };
  }
  redirect(`/admin/catalogs/${catalogId}?created=${pkg.id}`);
}
