import { eq, sql } from "drizzle-orm";
import { accessPackages, assignmentPolicies, principals, type AccessPackage, type Principal } from "@/db/schema";
import type { DbOrTx } from "@/db";
import { perDatabase } from "@/db/prepared";
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

const principalById = perDatabase((db) => db.select().from(principals).where(eq(principals.id, sql.placeholder("id"))).prepare("steward_principal_by_id"));

export async function loadPrincipal(db: DbOrTx, id: string): Promise<Principal> {
  const [row] = isUuid(id) ? await principalById(db).execute({ id }) : [];
  if (!row) throw notFound(`No user, agent or service principal with id ${id}.`);
  return row;
}

export type PackageRoleSummary = { id: string; name: string; sp: boolean; user: boolean };

/** The roles a package delivers, as a JSON array of PackageRoleSummary (a scalar subquery on access_packages). */
export const packageRolesJson = () =>
  sql<unknown>`(select coalesce(json_agg(json_build_object('id', rr.id, 'name', rr.display_name, 'sp', rr.assignable_to_service_principals, 'user', rr.assignable_to_users)), '[]'::json)
        from resource_role_scopes s join resource_roles rr on rr.id = s.resource_role_id where s.access_package_id = ${accessPackages.id})`;

/** A JSON column as the drivers return it (PostgreSQL parses json; be ready for text too). */
export const jsonValue = <T>(raw: unknown): T => (typeof raw === "string" ? JSON.parse(raw) : raw) as T;
