"use server";

import { getCtx } from "@/lib/auth/session";
import { searchPrincipals, PICKABLE_TYPES, type PickableType } from "@/lib/directory/list-principal-candidates";
import type { PickerPage } from "@/components/ui/search-picker";

const TYPE_LABELS: Record<PickableType, string> = { user: "Person", agentIdentity: "Agent", servicePrincipal: "Service principal" };

/** The people/principal pickers' server search. `types` limits what can be found; `filter` narrows it further. */
export async function searchPrincipalsAction(types: PickableType[], q: string, page: number, filter: string): Promise<PickerPage> {
  const ctx = await getCtx();
  const allowed = types.filter((t) => (PICKABLE_TYPES as readonly string[]).includes(t));
  const narrowed = filter && (allowed as string[]).includes(filter) ? [filter as PickableType] : allowed;
  const r = await searchPrincipals(ctx, { q: String(q ?? "").slice(0, 200), types: narrowed, page: Number(page) || 1, pageSize: 8 });
  return {
    options: r.rows.map((p) => ({ value: p.id, label: p.displayName, detail: [TYPE_LABELS[p.type as PickableType], p.detail].filter(Boolean).join(" · ") })),
    total: r.total,
    page: r.page,
    pageSize: r.pageSize,
  };
}
