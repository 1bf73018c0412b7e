import type { DbOrTx } from "@/db";
import type { Principal } from "@/db/schema";
import type { Policy } from "./settings";
import { isInSubjectSets } from "./subject-sets";

/** Whether `target` is someone this policy lets get the package; null when it is, else the reason it is not. */
export async function targetScopeRefusal(db: DbOrTx, policy: Policy, target: Principal, requestorId: string | null): Promise<string | null> {
  const isUser = target.type === "user" || target.type === "agentUser";
  const isSp = target.type === "servicePrincipal" || target.type === "agentIdentity";
  const sc = { requestorId, targetId: target.id };
  const out = (what: string) => `"${policy.displayName}" is for ${what}; ${target.displayName} is not one.`;
  switch (policy.allowedTargetScope) {
    case "notSpecified":
      return `"${policy.displayName}" takes no requests: administrators assign it directly.`;
    case "allDirectoryAgentIdentities":
      return target.type === "agentIdentity" ? null : out("agent identities");
    case "allDirectoryServicePrincipals":
      return isSp ? null : out("service principals and agents");
    case "allMemberUsers":
      return target.type === "user" && target.userType !== "guest" ? null : out("member users");
    case "allDirectoryUsers":
      return isUser ? null : out("users in the directory");
    case "allExternalUsers":
    case "allConfiguredConnectedOrganizationUsers":
    case "specificConnectedOrganizationUsers":
      return target.type === "user" && target.userType === "guest" ? null : out("external users");
    case "specificDirectoryUsers":
      if (!isUser) return out("specific users");
      return (await isInSubjectSets(db, policy.specificAllowedTargets, target.id, sc)) ? null : out("specific users");
    case "specificDirectoryServicePrincipals":
      if (!isSp) return out("specific service principals");
      return (await isInSubjectSets(db, policy.specificAllowedTargets, target.id, sc)) ? null : out("specific service principals");
  }
}
