import { and, eq, gt, inArray, isNull, or, sql, type Placeholder, type SQLWrapper } from "drizzle-orm";
import { assignmentRequests, assignments, catalogs, LIVE_ASSIGNMENT_STATES, OPEN_REQUEST_STATES, type AccessPackage, type Principal } from "@/db/schema";
import type { DbOrTx } from "@/db";
import { perDatabase } from "@/db/prepared";
import { separationOfDutiesMessage, separationOfDutiesSql } from "@/lib/requests/separation-of-duties";
import type { Policy } from "./settings";
import { isInSubjectSets } from "./subject-sets";
import { targetScopeRefusal } from "./target-scope";

export type RequestKind = "add" | "update" | "remove";

export type WhyNotCode =
  | "targetDisabled"
  | "openRequestExists"
  | "alreadyAssigned"
  | "separationOfDutiesConflict"
  | "outsideScope"
  | "selfRequestNotAllowed"
  | "onBehalfNotAllowed"
  | "notOnBehalfRequestor"
  | "notSponsorOrOwner"
  | "catalogUnpublished"
  | "noPolicy";

export type WhyNot = { code: WhyNotCode; message: string };

type Param = Placeholder | SQLWrapper | string;

/**
 * The columns packageRefusals decides on, as scalar subqueries for any query that selects the package's catalog
 * (`catalogs`): an open request, a live assignment and separation-of-duties conflicts of `target` for `pkg` at `now`.
 */
export function refusalFactColumns(db: DbOrTx, adding: boolean, p: { target: Param; pkg: Param; now: Param }) {
  const open = db
    .select({ one: sql`1` })
    .from(assignmentRequests)
    .where(and(eq(assignmentRequests.targetId, sql`${p.target}`), eq(assignmentRequests.accessPackageId, sql`${p.pkg}`), inArray(assignmentRequests.state, [...OPEN_REQUEST_STATES])));
  const held = db
    .select({ one: sql`1` })
    .from(assignments)
    .where(
      and(
        eq(assignments.targetId, sql`${p.target}`),
        eq(assignments.accessPackageId, sql`${p.pkg}`),
        inArray(assignments.state, [...LIVE_ASSIGNMENT_STATES]),
        or(isNull(assignments.endDateTime), gt(assignments.endDateTime, sql`${p.now}::timestamptz`)),
      ),
    );
  const sod = separationOfDutiesSql(p.target, p.pkg, p.now);
  return {
    catalogState: catalogs.state,
    catalogName: catalogs.displayName,
    open: sql<boolean>`exists (${open})`,
    held: adding ? sql<boolean>`exists (${held})` : sql<boolean>`false`,
    sodPkg: adding ? sod.pkg : sql<string | null>`null`,
    sodGroup: adding ? sod.group : sql<string | null>`null`,
  };
}

export type RefusalFacts = { catalogState: string | null; catalogName: string | null; open: unknown; held: unknown; sodPkg: string | null; sodGroup: string | null };

function refusalFacts(db: DbOrTx, adding: boolean) {
  return db
    .select(refusalFactColumns(db, adding, { target: sql.placeholder("target"), pkg: sql.placeholder("pkg"), now: sql.placeholder("now") }))
    .from(catalogs)
    .where(eq(catalogs.id, sql.placeholder("catalog")))
    .prepare(adding ? "steward_refusals_add" : "steward_refusals");
}
const refusalsAdd = perDatabase((db) => refusalFacts(db, true));
const refusalsOther = perDatabase((db) => refusalFacts(db, false));

/** Reasons that stop any policy of the package from applying to this target (checked in this order). One query. */
export async function packageRefusals(db: DbOrTx, pkg: AccessPackage, target: Principal, kind: RequestKind, now: Date, actorId: string): Promise<WhyNot[]> {
  const [row] = await (kind === "add" ? refusalsAdd : refusalsOther)(db).execute({ target: target.id, pkg: pkg.id, catalog: pkg.catalogId, now: now.toISOString() });
  return refusalsFrom(row, pkg, target, kind, actorId);
}

/** packageRefusals' decision on facts read with refusalFactColumns. */
export function refusalsFrom(row: RefusalFacts | undefined, pkg: AccessPackage, target: Principal, kind: RequestKind, actorId: string): WhyNot[] {
  const out: WhyNot[] = [];
  const who = target.id === actorId ? "You" : target.displayName;
  const adding = kind === "add";
  if (adding && row?.catalogState !== "published") out.push({ code: "catalogUnpublished", message: `The catalog "${row?.catalogName ?? ""}" is not published: its packages cannot be requested.` });
  if (!target.accountEnabled && kind !== "remove") out.push({ code: "targetDisabled", message: `${target.displayName} is disabled and cannot receive access.` });
  if (truthy(row?.open)) out.push({ code: "openRequestExists", message: `${who === "You" ? "You already have" : `${who} already has`} an open request for "${pkg.displayName}".` });
  if (adding) {
    if (truthy(row?.held)) out.push({ code: "alreadyAssigned", message: `${who === "You" ? "You already have" : `${who} already has`} "${pkg.displayName}"; request an extension instead.` });
    const conflict = row ? separationOfDutiesMessage({ pkg: row.sodPkg, group: row.sodGroup }) : null;
    if (conflict) out.push({ code: "separationOfDutiesConflict", message: conflict });
  }
  return out;
}

/** A boolean from a raw SQL expression: PostgreSQL drivers answer true/false; be strict about anything else. */
const truthy = (v: unknown) => v === true || v === "t" || v === "true";

/** Why `policy` does not let the actor make this kind of request for `target` (null: it does). */
export async function policyRefusal(db: DbOrTx, policy: Policy, kind: RequestKind, onBehalf: boolean, actorId: string, target: Principal): Promise<WhyNot | null> {
  const rs = policy.requestorSettings;
  const name = `"${policy.displayName}"`;
  if (!onBehalf) {
    const allowed = kind === "add" ? rs.enableTargetsToSelfAddAccess : kind === "update" ? rs.enableTargetsToSelfUpdateAccess : rs.enableTargetsToSelfRemoveAccess;
    if (!allowed) {
      return { code: "selfRequestNotAllowed", message: `${name} does not let ${kind === "add" ? "anyone request it for themselves" : `holders ${kind === "update" ? "extend" : "remove"} it themselves`}.` };
    }
  } else {
    const allowed = kind === "add" ? rs.enableOnBehalfRequestorsToAddAccess : kind === "update" ? rs.enableOnBehalfRequestorsToUpdateAccess : rs.enableOnBehalfRequestorsToRemoveAccess;
    if (!allowed) {
      // Graph has a switch per kind: a policy that takes requests on someone's behalf may still refuse to extend or
      // remove on their behalf, so the message names the kind that is refused.
      const what = kind === "add" ? "requests" : kind === "update" ? "extensions" : "removals";
      return { code: "onBehalfNotAllowed", message: `${name} does not allow ${what} on someone else's behalf.` };
    }
    if (!(await isInSubjectSets(db, rs.onBehalfRequestors, actorId, { requestorId: actorId, targetId: target.id }))) {
      return { code: "notOnBehalfRequestor", message: `${name} does not list you as someone who may request on ${target.displayName}'s behalf.` };
    }
  }
  if (kind === "add") {
    const scope = await targetScopeRefusal(db, policy, target, actorId);
    if (scope) return { code: "outsideScope", message: scope };
  }
  return null;
}
