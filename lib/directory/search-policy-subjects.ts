import { and, asc, eq, ilike, inArray, isNull, or, type SQL } from "drizzle-orm";
import { groups, principals } from "@/db/schema";
import type { Ctx } from "@/lib/auth/actor";
import { requirePermission } from "@/lib/auth/permissions";
import { notFound } from "@/lib/errors";
import { isUuid } from "@/lib/packages/load";
import { containsPattern } from "@/lib/text/search";

/** What a policy can name: a person, a group (its members), a service principal or an agent identity. */
export type SubjectKind = "user" | "group" | "servicePrincipal" | "agent";

export type SubjectOption = { kind: SubjectKind; id: string; displayName: string; detail: string | null };

const PRINCIPAL_TYPE = { user: "user", servicePrincipal: "servicePrincipal", agent: "agentIdentity" } as const;

/**
 * The people picker of the policy editor and the incompatible-groups picker: up to `limit` directory objects of
 * the given kinds whose name (or mail, for people) contains `q`. Disabled and departed accounts are left out.
 * Requires policies.write on the catalog, like the form that uses it.
 */
export async function searchPolicySubjects(
  ctx: Ctx,
  params: { catalogId: string; q?: string; kinds: SubjectKind[]; limit?: number },
): Promise<SubjectOption[]> {
  if (!isUuid(params.catalogId)) throw notFound(`No catalog with id ${params.catalogId}.`);
  await requirePermission(ctx, "policies.write", { catalogId: params.catalogId });
  const limit = Math.min(Math.max(params.limit ?? 20, 1), 50);
  const q = params.q?.trim().slice(0, 200) ?? "";
  const out: SubjectOption[] = [];
  const principalKinds = params.kinds.filter((k): k is keyof typeof PRINCIPAL_TYPE => k !== "group");
  if (principalKinds.length) {
    const conds: SQL[] = [inArray(principals.type, principalKinds.map((k) => PRINCIPAL_TYPE[k])), eq(principals.accountEnabled, true), isNull(principals.leftAt)];
    if (q) conds.push(or(ilike(principals.displayName, containsPattern(q)), ilike(principals.mail, containsPattern(q)))!);
    const rows = await ctx.db
      .select({ id: principals.id, type: principals.type, displayName: principals.displayName, jobTitle: principals.jobTitle, mail: principals.mail })
      .from(principals)
      .where(and(...conds))
      .orderBy(asc(principals.displayName), asc(principals.id))
      .limit(limit);
    for (const r of rows) {
      const kind: SubjectKind = r.type === "agentIdentity" ? "agent" : r.type === "servicePrincipal" ? "servicePrincipal" : "user";
      out.push({ kind, id: r.id, displayName: r.displayName, detail: r.jobTitle ?? r.mail ?? null });
    }
  }
  if (params.kinds.includes("group")) {
    const rows = await ctx.db
      .select({ id: groups.id, displayName: groups.displayName, description: groups.description })
      .from(groups)
      .where(q ? ilike(groups.displayName, containsPattern(q)) : undefined)
      .orderBy(asc(groups.displayName), asc(groups.id))
      .limit(limit);
    for (const r of rows) out.push({ kind: "group", id: r.id, displayName: r.displayName, detail: r.description });
  }
  return out.sort((a, b) => a.displayName.localeCompare(b.displayName)).slice(0, limit);
}

/** Names of the principals and groups a stored policy refers to, for showing it (any state: a departed approver still has a name). */
export async function subjectNames(ctx: Ctx, ids: string[]): Promise<Record<string, { kind: SubjectKind; displayName: string }>> {
  const valid = [...new Set(ids.filter(isUuid))];
  if (!valid.length) return {};
  const [p, g] = await Promise.all([
    ctx.db.select({ id: principals.id, type: principals.type, displayName: principals.displayName }).from(principals).where(inArray(principals.id, valid)),
    ctx.db.select({ id: groups.id, displayName: groups.displayName }).from(groups).where(inArray(groups.id, valid)),
  ]);
  const out: Record<string, { kind: SubjectKind; displayName: string }> = {};
  for (const r of p) out[r.id] = { kind: r.type === "agentIdentity" ? "agent" : r.type === "servicePrincipal" ? "servicePrincipal" : "user", displayName: r.displayName };
  for (const r of g) out[r.id] = { kind: "group", displayName: r.displayName };
  return out;
}
