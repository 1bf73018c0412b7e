import { stageApprovers } from "@/db/schema";
import type { DbOrTx } from "@/db";
import type { ApprovalStageSettings } from "@/lib/policies/settings";
import { resolveSubjectSets, type SubjectContext } from "@/lib/policies/subject-sets";

export type ResolvedStage = {
  primary: string[];
  primaryKind: "primary" | "fallbackPrimary";
  escalation: string[];
  escalationKind: "escalation" | "fallbackEscalation";
};

/**
 * Approvers of one stage for one request. Nobody approves a request they made, are the target of,
 * or made on an agent's behalf (`exclude`); when that empties a list its fallback list is used.
 * Null when nobody at all is left to approve.
 */
export async function resolveStageApprovers(db: DbOrTx, stage: ApprovalStageSettings, sc: SubjectContext, exclude: ReadonlySet<string>): Promise<ResolvedStage | null> {
  const eligible = async (sets: ApprovalStageSettings["primaryApprovers"]) => (await resolveSubjectSets(db, sets, sc)).filter((id) => !exclude.has(id));
  let primary = await eligible(stage.primaryApprovers);
  let primaryKind: ResolvedStage["primaryKind"] = "primary";
  if (primary.length === 0) {
    primary = await eligible(stage.fallbackPrimaryApprovers);
    primaryKind = "fallbackPrimary";
  }
  let escalation: string[] = [];
  let escalationKind: ResolvedStage["escalationKind"] = "escalation";
  if (stage.isEscalationEnabled) {
    escalation = await eligible(stage.escalationApprovers);
    if (escalation.length === 0) {
      escalation = await eligible(stage.fallbackEscalationApprovers);
      escalationKind = "fallbackEscalation";
    }
  }
  if (primary.length === 0 && escalation.length === 0) return null;
  return { primary, primaryKind, escalation, escalationKind };
}

/** Starts a stage: marks it pending and records who may decide it, so an inbox is one indexed query. */
export async function recordStageApprovers(tx: DbOrTx, stageId: string, resolved: ResolvedStage): Promise<void> {
  const rows = [
    ...resolved.primary.map((principalId) => ({ stageId, principalId, kind: resolved.primaryKind })),
    ...resolved.escalation.map((principalId) => ({ stageId, principalId, kind: resolved.escalationKind })),
  ];
  if (rows.length) await tx.insert(stageApprovers).values(rows).onConflictDoNothing();
}

