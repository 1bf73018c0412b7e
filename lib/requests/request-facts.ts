import { asc, eq, sql } from "drizzle-orm";
import { accessPackages, assignmentPolicies, catalogs, principals, type AccessPackage, type Principal } from "@/db/schema";
import type { DbOrTx } from "@/db";
import { perDatabase } from "@/db/prepared";
import { notFound } from "@/lib/errors";
import { isUuid, jsonValue, packageRolesJson, type PackageRoleSummary } from "@/lib/packages/load";
import { policyFromRow, type Policy } from "@/lib/policies/settings";
import { refusalFactColumns, type RefusalFacts, type RequestKind } from "@/lib/policies/eligibility";

function build(db: DbOrTx, adding: boolean) {
  return db
    .select({
      pkg: accessPackages,
      policy: assignmentPolicies,
      target: principals,
      roles: packageRolesJson(),
      ...refusalFactColumns(db, adding, { target: sql.placeholder("target"), pkg: accessPackages.id, now: sql.placeholder("now") }),
    })
    .from(accessPackages)
    .innerJoin(catalogs, eq(catalogs.id, accessPackages.catalogId))
    .leftJoin(principals, eq(principals.id, sql.placeholder("target")))
    .leftJoin(assignmentPolicies, eq(assignmentPolicies.accessPackageId, accessPackages.id))
    .where(eq(accessPackages.id, sql.placeholder("pkg")))
    .orderBy(asc(assignmentPolicies.createdAt))
    .prepare(adding ? "steward_request_facts_add" : "steward_request_facts");
}
const forAdd = perDatabase((db) => build(db, true));
const forOther = perDatabase((db) => build(db, false));

export type RequestFacts = { pkg: AccessPackage; policies: Policy[]; roles: PackageRoleSummary[]; target: Principal | null; refusals: RefusalFacts };

/**
 * Everything submitting a request reads before it decides, in one query: the package, its policies (oldest first)
 * and roles, the target (null when there is no such principal: the caller reports that only after its permission
 * checks, so nothing about the target leaks) and the facts packageRefusals decides on. Throws not found for an
 * unknown package.
 */
export async function loadRequestFacts(db: DbOrTx, accessPackageId: string, targetId: string, kind: RequestKind, now: Date): Promise<RequestFacts> {
  // Built only when thrown: an Error captures a stack trace, which costs more than the query's planning here.
  const missing = () => notFound(`No access package with id ${accessPackageId}.`);
  if (!isUuid(accessPackageId)) throw missing();
  // An id that is not a UUID names no principal; ask for the nil UUID instead so the query stays valid.
  const target = isUuid(targetId) ? targetId : "00000000-0000-0000-0000-000000000000";
  const rows = await (kind === "add" ? forAdd : forOther)(db).execute({ pkg: accessPackageId, target, now: now.toISOString() });
  if (!rows.length) throw missing();
  const first = rows[0];
  return {
    pkg: first.pkg,
    policies: rows.flatMap((r) => (r.policy ? [policyFromRow(r.policy)] : [])),
    roles: jsonValue<PackageRoleSummary[]>(first.roles),
    target: isUuid(targetId) ? first.target : null,
    refusals: first,
  };
}
