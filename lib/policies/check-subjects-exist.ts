import { inArray } from "drizzle-orm";
import { groups, principals } from "@/db/schema";
import type { DbOrTx } from "@/db";
import { invalid, type FieldErrors } from "@/lib/errors";
import type { PolicyInput, SubjectSet } from "./settings";

/** Refuses a policy that names users, groups or service principals that are not in the directory. */
export async function checkSubjectsExist(db: DbOrTx, p: PolicyInput): Promise<void> {
  const named: { path: string; set: SubjectSet }[] = [];
  p.specificAllowedTargets.forEach((set, i) => named.push({ path: `specificAllowedTargets.${i}`, set }));
  p.requestorSettings.onBehalfRequestors.forEach((set, i) => named.push({ path: `requestorSettings.onBehalfRequestors.${i}`, set }));
  p.requestApprovalSettings.stages.forEach((st, s) =>
    (["primaryApprovers", "fallbackPrimaryApprovers", "escalationApprovers", "fallbackEscalationApprovers"] as const).forEach((k) =>
      st[k].forEach((set, i) => named.push({ path: `requestApprovalSettings.stages.${s}.${k}.${i}`, set })),
    ),
  );
  const principalIds = new Set<string>();
  const groupIds = new Set<string>();
  for (const { set } of named) {
    if (set["@odata.type"] === "#microsoft.graph.singleUser") principalIds.add(set.userId);
    if (set["@odata.type"] === "#microsoft.graph.singleServicePrincipal") principalIds.add(set.servicePrincipalId);
    if (set["@odata.type"] === "#microsoft.graph.groupMembers") groupIds.add(set.groupId);
  }
  const foundP = principalIds.size ? new Set((await db.select({ id: principals.id }).from(principals).where(inArray(principals.id, [...principalIds]))).map((r) => r.id)) : new Set<string>();
  const foundG = groupIds.size ? new Set((await db.select({ id: groups.id }).from(groups).where(inArray(groups.id, [...groupIds]))).map((r) => r.id)) : new Set<string>();
  const errors: FieldErrors = {};
  for (const { path, set } of named) {
    if (set["@odata.type"] === "#microsoft.graph.singleUser" && !foundP.has(set.userId)) errors[`${path}.userId`] = ["no such user in the directory"];
    if (set["@odata.type"] === "#microsoft.graph.singleServicePrincipal" && !foundP.has(set.servicePrincipalId)) errors[`${path}.servicePrincipalId`] = ["no such service principal in the directory"];
    if (set["@odata.type"] === "#microsoft.graph.groupMembers" && !foundG.has(set.groupId)) errors[`${path}.groupId`] = ["no such group in the directory"];
  }
  const keys = Object.keys(errors);
  if (keys.length) throw invalid(`The policy names someone who is not in the directory (${keys[0]}).`, errors);
}
