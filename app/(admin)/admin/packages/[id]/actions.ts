"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getCtx } from "@/lib/auth/session";
import { toActionResult, type ActionResult } from "@/lib/actions/result";
import { updateAccessPackage } from "@/lib/packages/update-access-package";
import { deleteAccessPackage } from "@/lib/packages/delete-access-package";
import { addResourceRoleScope, removeResourceRoleScope } from "@/lib/packages/resource-role-scopes";
import { addIncompatibleAccessPackage, addIncompatibleGroup, removeIncompatibleAccessPackage, removeIncompatibleGroup } from "@/lib/packages/incompatibles";
import { listPackageOptions } from "@/lib/packages/list-package-options";
import { deletePolicy } from "@/lib/policies/delete-policy";
import { searchPolicySubjects } from "@/lib/directory/search-policy-subjects";
import { formValues, text, type FormState } from "@/components/forms/form-state";
import type { PickOption } from "@/components/packages/search-add";

function refresh(packageId: string) {
  revalidatePath(`/admin/packages/${packageId}`);
  revalidatePath("/admin/packages");
}

/** The outcome without the verb's data: only what the browser shows. */
const plain = (r: ActionResult<unknown>): ActionResult => (r.ok ? { ok: true, message: r.message } : r);

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export async function updateBasicsAction(packageId: string, _prev: FormState, formData: FormData): Promise<FormState> {
  const ctx = await getCtx();
  const result = await toActionResult(
    () => updateAccessPackage({ ctx, input: { accessPackageId: packageId, displayName: text(formData, "displayName"), description: text(formData, "description"), isHidden: formData.get("isHidden") === "on" } }),
    "Saved.",
  );
  refresh(packageId);
  return { ...plain(result), values: formValues(formData) };
}

export async function addRoleAction(packageId: string, _prev: FormState, formData: FormData): Promise<FormState> {
  const ctx = await getCtx();
  const resourceRoleId = text(formData, "resourceRoleId");
  if (!resourceRoleId) return { ok: false, code: "invalid", message: "Choose a resource role to add.", fieldErrors: { resourceRoleId: ["Choose a resource role."] } };
  const result = await toActionResult(
    () => addResourceRoleScope({ ctx, input: { accessPackageId: packageId, resourceRoleId } }),
    (r) => `Added ${r.scope.resource.displayName}: ${r.scope.role.displayName}${r.assignmentsUpdated ? `; ${plural(r.assignmentsUpdated, "current assignment", "current assignments")} updated` : ""}.`,
  );
  refresh(packageId);
  return plain(result);
}

export async function removeRoleAction(packageId: string, resourceRoleScopeId: string): Promise<ActionResult> {
  const ctx = await getCtx();
  const result = await toActionResult(
    () => removeResourceRoleScope({ ctx, input: { accessPackageId: packageId, resourceRoleScopeId } }),
    (r) => `Removed ${r.scope.resource.displayName}: ${r.scope.role.displayName}${r.assignmentsUpdated ? `; ${plural(r.assignmentsUpdated, "current assignment", "current assignments")} updated` : ""}.`,
  );
  refresh(packageId);
  return plain(result);
}

export async function addIncompatiblePackageAction(packageId: string, otherId: string): Promise<ActionResult> {
  const ctx = await getCtx();
  const result = await toActionResult(() => addIncompatibleAccessPackage({ ctx, input: { accessPackageId: packageId, incompatibleAccessPackageId: otherId } }), (p) => `“${p.displayName}” is now incompatible with this package.`);
  refresh(packageId);
  return plain(result);
}

export async function removeIncompatiblePackageAction(packageId: string, otherId: string): Promise<ActionResult> {
  const ctx = await getCtx();
  const result = await toActionResult(() => removeIncompatibleAccessPackage({ ctx, input: { accessPackageId: packageId, incompatibleAccessPackageId: otherId } }), "Removed.");
  refresh(packageId);
  return plain(result);
}

export async function addIncompatibleGroupAction(packageId: string, groupId: string): Promise<ActionResult> {
  const ctx = await getCtx();
  const result = await toActionResult(() => addIncompatibleGroup({ ctx, input: { accessPackageId: packageId, groupId } }), (g) => `Members of “${g.displayName}” can no longer get this package.`);
  refresh(packageId);
  return plain(result);
}

export async function removeIncompatibleGroupAction(packageId: string, groupId: string): Promise<ActionResult> {
  const ctx = await getCtx();
  const result = await toActionResult(() => removeIncompatibleGroup({ ctx, input: { accessPackageId: packageId, groupId } }), "Removed.");
  refresh(packageId);
  return plain(result);
}

export async function deletePolicyAction(packageId: string, policyId: string): Promise<ActionResult> {
  const ctx = await getCtx();
  const result = await toActionResult(() => deletePolicy({ ctx, input: { policyId } }), "Policy deleted.");
  refresh(packageId);
  return plain(result);
}

export async function deletePackageAction(packageId: string): Promise<ActionResult> {
  const ctx = await getCtx();
  const result = await toActionResult(() => deleteAccessPackage({ ctx, input: { accessPackageId: packageId } }));
  if (!result.ok) return result;
  revalidatePath("/admin/packages");
  redirect("/admin/packages?deleted=1");
}

/** Packages to mark incompatible: those the actor can see, matching `q`, other than this one. */
export async function searchPackagesAction(packageId: string, q: unknown): Promise<PickOption[]> {
  const ctx = await getCtx();
  const needle = typeof q === "string" ? q.trim().toLowerCase() : "";
  const options = await listPackageOptions(ctx, "catalogs.read");
  return options
    .filter((p) => p.id !== packageId && (!needle || p.displayName.toLowerCase().includes(needle) || p.catalogName.toLowerCase().includes(needle)))
    .slice(0, 20)
    .map((p) => ({ id: p.id, displayName: p.displayName, detail: p.catalogName }));
}

/** Groups to mark incompatible, searched in the directory (requires policies.write on the package's catalog). */
export async function searchGroupsAction(catalogId: string, q: unknown): Promise<PickOption[]> {
  const ctx = await getCtx();
  const result = await toActionResult(() => searchPolicySubjects(ctx, { catalogId, q: typeof q === "string" ? q : "", kinds: ["group"] }));
  if (!result.ok) throw new Error(result.message);
  return (result.data ?? []).map((g) => ({ id: g.id, displayName: g.displayName, detail: g.detail }));
}
