"use server";

import { revalidatePath } from "next/cache";
import { getCtx } from "@/lib/auth/session";
import { toActionResult } from "@/lib/actions/result";
import { createCatalog } from "@/lib/catalogs/create-catalog";
import { updateCatalog } from "@/lib/catalogs/update-catalog";
import { addResourceToCatalog } from "@/lib/catalogs/add-resource";
import { removeResourceFromCatalog } from "@/lib/catalogs/remove-resource";
import { addCatalogRole, removeCatalogRole } from "@/lib/catalogs/catalog-roles";
import { RESOURCE_TYPE_LABELS, searchResourceCandidates } from "@/lib/directory/list-resource-candidates";
import { formValues, text, type FormState } from "@/components/forms/form-state";
import type { PickerPage } from "@/components/ui/search-picker";
import type { ResourceOriginSystem } from "@/db/schema";

function catalogFields(formData: FormData) {
  return {
    displayName: text(formData, "displayName"),
    description: text(formData, "description"),
    state: text(formData, "state") || undefined,
    isExternallyVisible: formData.get("isExternallyVisible") === "on",
  };
}

export async function createCatalogAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const ctx = await getCtx();
  const result = await toActionResult(() => createCatalog({ ctx, input: catalogFields(formData) }), (c) => `Catalog "${c.displayName}" created.`);
  if (!result.ok) return { ...result, values: formValues(formData) };
  revalidatePath("/admin/catalogs");
  return { ok: true, message: result.message };
}

export async function updateCatalogAction(catalogId: string, _prev: FormState, formData: FormData): Promise<FormState> {
  const ctx = await getCtx();
  const result = await toActionResult(() => updateCatalog({ ctx, input: { catalogId, ...catalogFields(formData) } }), (c) => `Catalog "${c.displayName}" saved.`);
  if (!result.ok) return { ...result, values: formValues(formData) };
  revalidatePath(`/admin/catalogs/${catalogId}`, "layout");
  revalidatePath("/admin/catalogs");
  return { ok: true, message: result.message };
}

export async function addResourceAction(catalogId: string, _prev: FormState, formData: FormData): Promise<FormState> {
  const ctx = await getCtx();
  // The picker's value is "<originSystem>:<originId>".
  const [originSystem, originId] = text(formData, "resource").split(":");
  if (!originSystem || !originId) {
    return { ok: false, code: "invalid", message: "Choose a resource to add.", fieldErrors: { resource: ["search for a resource and choose one"] }, values: formValues(formData) };
  }
  const result = await toActionResult(
    () => addResourceToCatalog({ ctx, input: { catalogId, originSystem, originId } }),
    (r) => `${r.displayName} added with ${r.roles.length} role${r.roles.length === 1 ? "" : "s"}.`,
  );
  if (!result.ok) return { ...result, values: formValues(formData) };
  revalidatePath(`/admin/catalogs/${catalogId}`, "layout");
  revalidatePath("/admin/catalogs");
  return { ok: true, message: result.message };
}

export async function removeResourceAction(catalogId: string, _prev: FormState, formData: FormData): Promise<FormState> {
  const ctx = await getCtx();
  const result = await toActionResult(() => removeResourceFromCatalog({ ctx, input: { catalogId, resourceId: text(formData, "resourceId") } }), (r) => `${r.displayName} removed from the catalog.`);
  if (!result.ok) return result;
  revalidatePath(`/admin/catalogs/${catalogId}`, "layout");
  revalidatePath("/admin/catalogs");
  return { ok: true, message: result.message };
}

export async function addCatalogRoleAction(catalogId: string, _prev: FormState, formData: FormData): Promise<FormState> {
  const ctx = await getCtx();
  const result = await toActionResult(
    () => addCatalogRole({ ctx, input: { catalogId, principalId: text(formData, "principalId"), role: text(formData, "role") } }),
    (m) => `${m.displayName} added.`,
  );
  if (!result.ok) return { ...result, values: formValues(formData) };
  revalidatePath(`/admin/catalogs/${catalogId}`, "layout");
  return { ok: true, message: result.message };
}

export async function removeCatalogRoleAction(catalogId: string, _prev: FormState, formData: FormData): Promise<FormState> {
  const ctx = await getCtx();
  const result = await toActionResult(() => removeCatalogRole({ ctx, input: { catalogId, principalId: text(formData, "principalId"), role: text(formData, "role") } }), "Role removed.");
  if (!result.ok) return result;
  revalidatePath(`/admin/catalogs/${catalogId}`, "layout");
  return { ok: true, message: result.message };
}

/** The add-resource picker's server search. */
export async function searchResourcesAction(catalogId: string, q: string, page: number, type: string): Promise<PickerPage> {
  const ctx = await getCtx();
  const r = await searchResourceCandidates(ctx, { catalogId, q: String(q ?? ""), page: Number(page) || 1, pageSize: 8, type: (type || undefined) as ResourceOriginSystem | undefined });
  return {
    options: r.rows.map((c) => ({
      value: `${c.originSystem}:${c.originId}`,
      label: c.displayName,
      detail: `${RESOURCE_TYPE_LABELS[c.originSystem]} · ${c.roleCount} role${c.roleCount === 1 ? "" : "s"}${c.description ? ` · ${c.description}` : ""}`,
      flag: c.privileged ? "Privileged" : undefined,
      disabled: c.alreadyInCatalog,
      disabledReason: c.alreadyInCatalog ? "already in this catalog" : undefined,
    })),
    total: r.total,
    page: r.page,
    pageSize: r.pageSize,
  };
}
