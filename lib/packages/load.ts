import { eq } from "drizzle-orm";
import { accessPackages, assignmentPolicies, principals, type AccessPackage, type Principal } from "@/db/schema";
import type { DbOrTx } from "@/db";
import { notFound } from "@/lib/errors";
import { policyFromRow, type Policy } from "@/lib/policies/settings";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (s: unknown): s is string => typeof s === "string" && UUID.test(s);

export async function loadPackage(db: DbOrTx, id: string): Promise<AccessPackage> {
  const [row] = isUuid(id) ? await db.select().from(accessPackages).where(eq(accessPackages.id, id)) : [];
  if (!row) throw notFound(`No access package with id ${id}.`);
  return row;
}

export async function loadPolicy(db: DbOrTx, id: string): Promise<Policy> {
  const [row] = isUuid(id) ? await db.select().from(assignmentPolicies).where(eq(assignmentPolicies.id, id)) : [];
  if (!row) throw notFound(`No assignment policy with id ${id}.`);
  return policyFromRow(row);
}

export async function loadPolicies(db: DbOrTx, accessPackageId: string): Promise<Policy[]> {
  const rows = await db.select().from(assignmentPolicies).where(eq(assignmentPolicies.accessPackageId, accessPackageId)).orderBy(assignmentPolicies.createdAt);
  return rows.map(policyFromRow);
}

export async function loadPrincipal(db: DbOrTx, id: string): Promise<Principal> {
  const [row] = isUuid(id) ? await db.select().from(principals).where(eq(principals.id, id)) : [];
  if (!row) throw notFound(`No user, agent or service principal with id ${id}.`);
  return row;
}
