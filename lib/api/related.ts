import { inArray } from "drizzle-orm";
import { accessPackages, assignmentPolicies, assignments, principals, type Assignment, type Principal } from "@/db/schema";
import type { DbOrTx } from "@/db";
import { toGraphAccessPackageSummary } from "./catalogs";

/** Graph's accessPackageSubject for a principal. Agents are service principals to Graph; `type` keeps Steward's kind. */
export function toGraphSubject(p: Pick<Principal, "id" | "type" | "displayName" | "mail" | "userPrincipalName">) {
  return {
    id: p.id,
    objectId: p.id,
    displayName: p.displayName,
    email: p.mail ?? null,
    principalName: p.userPrincipalName ?? null,
    subjectType: p.type === "user" || p.type === "agentUser" ? "user" : "servicePrincipal",
    type: p.type,
  };
}

export function toGraphPolicySummary(p: typeof assignmentPolicies.$inferSelect) {
  return {
    id: p.id,
    displayName: p.displayName,
    description: p.description,
    allowedTargetScope: p.allowedTargetScope,
    createdDateTime: p.createdAt.toISOString(),
    modifiedDateTime: p.modifiedAt.toISOString(),
  };
}

const uniq = (ids: (string | null | undefined)[]) => [...new Set(ids.filter((x): x is string => !!x))];

/** Loads the principals, packages, policies and assignments a page refers to, in one query each, for $expand. */
export async function loadRelated(db: DbOrTx, want: { principals?: (string | null)[]; packages?: string[]; policies?: string[]; assignments?: (string | null)[] }) {
  const [ps, pkgs, pols, asgs] = await Promise.all([
    uniq(want.principals ?? []).length ? db.select().from(principals).where(inArray(principals.id, uniq(want.principals ?? []))) : [],
    uniq(want.packages ?? []).length ? db.select().from(accessPackages).where(inArray(accessPackages.id, uniq(want.packages ?? []))) : [],
    uniq(want.policies ?? []).length ? db.select().from(assignmentPolicies).where(inArray(assignmentPolicies.id, uniq(want.policies ?? []))) : [],
    uniq(want.assignments ?? []).length ? db.select().from(assignments).where(inArray(assignments.id, uniq(want.assignments ?? []))) : [],
  ]);
  const byId = <T extends { id: string }>(rows: T[]) => new Map(rows.map((r) => [r.id, r]));
  const P = byId(ps);
  const K = byId(pkgs);
  const L = byId(pols);
  const A = byId(asgs as Assignment[]);
  return {
    subject: (id: string | null) => (id && P.get(id) ? toGraphSubject(P.get(id)!) : null),
    accessPackage: (id: string) => (K.get(id) ? toGraphAccessPackageSummary(K.get(id)!) : { id }),
    policy: (id: string) => (L.get(id) ? toGraphPolicySummary(L.get(id)!) : { id }),
    assignment: (id: string | null) => (id ? (A.get(id) ?? null) : null),
  };
}
