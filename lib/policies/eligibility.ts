import { and, eq, inArray } from "drizzle-orm";
import { assignmentRequests, assignments, catalogs, OPEN_REQUEST_STATES, type AccessPackage, type Principal } from "@/db/schema";
import type { DbOrTx } from "@/db";
import { assignmentIsActive } from "@/lib/assignments/active";
import { separationOfDutiesConflict } from "@/lib/requests/separation-of-duties";
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

/** Reasons that stop any policy of the package from applying to this target (checked in this order). */
export async function packageRefusals(db: DbOrTx, pkg: AccessPackage, target: Principal, kind: RequestKind, now: Date, actorId: string): Promise<WhyNot[]> {
  const out: WhyNot[] = [];
  const who = target.id === actorId ? "You" : target.displayName;
  const [catalog] = await db.select({ state: catalogs.state, name: catalogs.displayName }).from(catalogs).where(eq(catalogs.id, pkg.catalogId));
  if (kind === "add" && catalog?.state !== "published") out.push({ code: "catalogUnpublished", message: `The catalog "${catalog?.name ?? ""}" is not published: its packages cannot be requested.` });
  if (!target.accountEnabled && kind !== "remove") out.push({ code: "targetDisabled", message: `${target.displayName} is disabled and cannot receive access.` });
  const [open] = await db
    .select({ id: assignmentRequests.id })
    .from(assignmentRequests)
    .where(and(eq(assignmentRequests.targetId, target.id), eq(assignmentRequests.accessPackageId, pkg.id), inArray(assignmentRequests.state, [...OPEN_REQUEST_STATES])))
    .limit(1);
  if (open) out.push({ code: "openRequestExists", message: `${who === "You" ? "You already have" : `${who} already has`} an open request for "${pkg.displayName}".` });
  if (kind === "add") {
    const [held] = await db.select({ id: assignments.id }).from(assignments).where(and(eq(assignments.targetId, target.id), eq(assignments.accessPackageId, pkg.id), assignmentIsActive(now))).limit(1);
    if (held) out.push({ code: "alreadyAssigned", message: `${who === "You" ? "You already have" : `${who} already has`} "${pkg.displayName}"; request an extension instead.` });
    const sod = await separationOfDutiesConflict(db, target.id, pkg.id, now);
    if (sod) out.push({ code: "separationOfDutiesConflict", message: sod });
  }
  return out;
}

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
    if (!allowed) return { code: "onBehalfNotAllowed", message: `${name} does not allow requests on someone else's behalf.` };
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
