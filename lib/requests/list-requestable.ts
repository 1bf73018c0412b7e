import { and, asc, eq, inArray, or } from "drizzle-orm";
import { accessPackages, agentBlueprints, agentSponsors, assignmentPolicies, catalogs, principalOwners, principals } from "@/db/schema";
import type { Ctx } from "@/lib/auth/actor";
import { policyFromRow, type Policy } from "@/lib/policies/settings";
import { describeDuration } from "@/lib/time/duration";

export type RequestTarget = {
  /** null for "Me" (the request targets the caller). */
  id: string | null;
  displayName: string;
  /** "servicePrincipal": a service principal the actor owns (owners request for those; sponsors are for agents only). */
  kind: "self" | "agent" | "servicePrincipal";
  blueprintName: string | null;
  accountEnabled: boolean;
};

export type RequestablePolicy = {
  id: string;
  displayName: string;
  description: string;
  allowedTargetScope: Policy["allowedTargetScope"];
  /** Whether a target may request it for themselves / on-behalf requestors may request it. */
  selfAdd: boolean;
  onBehalfAdd: boolean;
  approvalRequired: boolean;
  approvalStages: number;
  justificationRequired: boolean;
  /** "90 days", "8 hours", or null for no end. */
  expiresAfter: string | null;
  /** The requestor may choose start and end dates, bounded by the policy's expiration. */
  allowCustomAssignmentSchedule: boolean;
  /** The policy's expiration, for bounding a custom schedule (ISO duration or fixed end). */
  expiration: { type: Policy["expiration"]["type"]; duration: string | null; endDateTime: string | null };
  questions: RequestableQuestion[];
};

export type RequestableQuestion = {
  id: string;
  text: string;
  isRequired: boolean;
  kind: "text" | "multipleChoice";
  /** Text questions: one line (input) or several (textarea). */
  isSingleLine: boolean;
  /** Multiple choice: the choices and whether several may be picked. */
  choices: { value: string; text: string }[];
  allowsMultipleSelection: boolean;
};

export type RequestablePackage = {
  id: string;
  displayName: string;
  description: string;
  catalogName: string;
  /** Likely requestable for the caller themselves / for an agent (the verb decides). */
  forSelf: boolean;
  forAgents: boolean;
  policies: RequestablePolicy[];
};

export type Requestable = { targets: RequestTarget[]; packages: RequestablePackage[] };

const PEOPLE_SCOPES = new Set<Policy["allowedTargetScope"]>(["allMemberUsers", "allDirectoryUsers", "specificDirectoryUsers", "allExternalUsers", "allConfiguredConnectedOrganizationUsers", "specificConnectedOrganizationUsers"]);
const AGENT_SCOPES = new Set<Policy["allowedTargetScope"]>(["allDirectoryAgentIdentities", "allDirectoryServicePrincipals", "specificDirectoryServicePrincipals"]);

function expiresAfter(p: Policy): string | null {
  const e = p.expiration;
  if (e.type === "afterDuration" && e.duration) return describeDuration(e.duration);
  if (e.type === "afterDateTime" && e.endDateTime) return `until ${e.endDateTime.toISOString()}`;
  return null;
}

/**
 * What the actor can ask for in My Access: "Me" plus each agent identity they sponsor or own and each service
 * principal they own, and the
 * access packages that are not hidden, in published catalogs, with a policy that takes requests.
 * Which policy applies (requestor settings, target scope, on-behalf requestors) is decided by submitRequest.
 */
export async function listRequestable(ctx: Ctx): Promise<Requestable> {
  const actorId = ctx.actor.id;
  if (!actorId) return { targets: [], packages: [] };

  const agents = await ctx.db
    .selectDistinct({ id: principals.id, type: principals.type, displayName: principals.displayName, accountEnabled: principals.accountEnabled, blueprintName: agentBlueprints.displayName })
    .from(principals)
    .leftJoin(agentBlueprints, eq(agentBlueprints.id, principals.blueprintId))
    .leftJoin(agentSponsors, and(eq(agentSponsors.agentId, principals.id), eq(agentSponsors.sponsorId, actorId)))
    .leftJoin(principalOwners, and(eq(principalOwners.principalId, principals.id), eq(principalOwners.ownerId, actorId)))
    .where(
      or(
        and(eq(principals.type, "agentIdentity"), or(eq(agentSponsors.sponsorId, actorId), eq(principalOwners.ownerId, actorId))),
        and(eq(principals.type, "servicePrincipal"), eq(principalOwners.ownerId, actorId)),
      ),
    )
    .orderBy(asc(principals.displayName));

  const pkgRows = await ctx.db
    .select({ id: accessPackages.id, displayName: accessPackages.displayName, description: accessPackages.description, catalogName: catalogs.displayName })
    .from(accessPackages)
    .innerJoin(catalogs, eq(catalogs.id, accessPackages.catalogId))
    .where(and(eq(accessPackages.isHidden, false), eq(catalogs.state, "published")))
    .orderBy(asc(accessPackages.displayName), asc(accessPackages.id));
  const policyRows = pkgRows.length
    ? await ctx.db
        .select()
        .from(assignmentPolicies)
        .where(inArray(assignmentPolicies.accessPackageId, pkgRows.map((p) => p.id)))
        .orderBy(asc(assignmentPolicies.createdAt))
    : [];
  const policies = policyRows.map(policyFromRow).filter((p) => p.allowedTargetScope !== "notSpecified");

  const packages: RequestablePackage[] = [];
  for (const pkg of pkgRows) {
    const mine = policies.filter((p) => p.accessPackageId === pkg.id);
    if (mine.length === 0) continue;
    const rp: RequestablePolicy[] = mine.map((p) => ({
      id: p.id,
      displayName: p.displayName,
      description: p.description,
      allowedTargetScope: p.allowedTargetScope,
      selfAdd: p.requestorSettings.enableTargetsToSelfAddAccess,
      onBehalfAdd: p.requestorSettings.enableOnBehalfRequestorsToAddAccess,
      approvalRequired: p.requestApprovalSettings.isApprovalRequiredForAdd,
      approvalStages: p.requestApprovalSettings.isApprovalRequiredForAdd ? p.requestApprovalSettings.stages.length : 0,
      justificationRequired: p.requestApprovalSettings.isRequestorJustificationRequired,
      expiresAfter: expiresAfter(p),
      allowCustomAssignmentSchedule: p.requestorSettings.allowCustomAssignmentSchedule,
      expiration: { type: p.expiration.type, duration: p.expiration.duration ?? null, endDateTime: p.expiration.endDateTime?.toISOString() ?? null },
      questions: [...p.questions]
        .sort((a, b) => a.sequence - b.sequence)
        .map((q): RequestableQuestion =>
          q["@odata.type"] === "#microsoft.graph.accessPackageMultipleChoiceQuestion"
            ? { id: q.id, text: q.text, isRequired: q.isRequired, kind: "multipleChoice", isSingleLine: true, choices: q.choices.map((c) => ({ value: c.actualValue, text: c.text })), allowsMultipleSelection: q.allowsMultipleSelection }
            : { id: q.id, text: q.text, isRequired: q.isRequired, kind: "text", isSingleLine: q.isSingleLineQuestion, choices: [], allowsMultipleSelection: false },
        ),
    }));
    packages.push({
      ...pkg,
      forSelf: rp.some((p) => p.selfAdd && PEOPLE_SCOPES.has(p.allowedTargetScope)),
      forAgents: rp.some((p) => p.onBehalfAdd && AGENT_SCOPES.has(p.allowedTargetScope)),
      policies: rp,
    });
  }

  return {
    targets: [
      { id: null, displayName: "Me", kind: "self", blueprintName: null, accountEnabled: true },
      ...agents.map((a) => ({ id: a.id, displayName: a.displayName, kind: a.type === "servicePrincipal" ? ("servicePrincipal" as const) : ("agent" as const), blueprintName: a.blueprintName, accountEnabled: a.accountEnabled })),
    ],
    packages,
  };
}
