"use server";

import { revalidatePath } from "next/cache";
import { getCtx } from "@/lib/auth/session";
import { toActionResult } from "@/lib/actions/result";
import { createCatalog } from "@/lib/catalogs/create-catalog";
import { addResourceToCatalog } from "@/lib/catalogs/add-resource";
import { formValues, text, type FormState } from "@/components/forms/form-state";

export async function createCatalogAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const ctx = await getCtx();
  const result = await toActionResult(
    () => createCatalog({ ctx, input: { displayName: text(formData, "displayName"), description: text(formData, "description") } }),
    (c) => `Catalog "${c.displayName}" created.`,
  );
  if (!result.ok) return { ...result, values: formValues(formData) };
  revalidatePath("/admin/catalogs");
  return { ok: true, message: result.message };
}

export async function addResourceAction(catalogId: string, _prev: FormState, formData: FormData): Promise<FormState> {
  const ctx = await getCtx();
  // The picker's value is "<originSystem>:<originId>".
  const [originSystem, originId] = text(formData, "resource").split(":");
  if (!originSystem || !originId) {
    return { ok: false, code: "invalid", message: "Choose a resource to add.", fieldErrors: { resource: ["choose a resource"] }, values: formValues(formData) };
  }
  const result = await toActionResult(
    () => addResourceToCatalog({ ctx, input: { catalogId, originSystem, originId } }),
    (r) => `${r.displayName} added with ${r.roles.length} role${r.roles.length === 1 ? "" : "s"}.`,
  );
  if (!result.ok) return { ...result, values: formValues(formData) };
  revalidatePath(`/admin/catalogs/${catalogId}`);
  revalidatePath("/admin/catalogs");
  return { ok: true, message: result.message };
}
