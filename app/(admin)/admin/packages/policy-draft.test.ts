import { describe, expect, it } from "vitest";
import { policyInputSchema, type Policy, type SubjectSet } from "@/lib/policies/settings";
import { defaultPolicyDraft, draftFieldOf, draftToPolicyInput, policyToDraft, validatePolicyStep } from "@/components/packages/policy-draft";

const PKG = "00000000-0000-4000-8000-000000000001";
const PRIYA = "00000000-0000-4000-8000-000000000010";
const GROUP = "00000000-0000-4000-8000-000000000020";
const AGENT = "00000000-0000-4000-8000-000000000030";

function asPolicy(body: unknown): Policy {
  const p = policyInputSchema.parse(body);
  return { ...p, id: "00000000-0000-4000-8000-0000000000ff", description: p.description, createdAt: new Date(), modifiedAt: new Date() };
}

/** Subject sets without their free-text descriptions (the editor rewrites them from names). */
const bare = (v: unknown): unknown =>
  JSON.parse(JSON.stringify(v), (k, val) => (k === "description" && typeof val === "string" && val !== "" && typeof v === "object" ? undefined : val));

describe("policy editor drafts", () => {
  it("round-trips a rich stored policy through the editor without losing a setting (edit = replace)", () => {
    const rule: SubjectSet = { "@odata.type": "#microsoft.graph.attributeRuleMembers", membershipRule: 'user.department -eq "Finance"' };
    const stored = asPolicy({
      accessPackageId: PKG,
      displayName: "Two stages",
      allowedTargetScope: "specificDirectoryServicePrincipals",
      specificAllowedTargets: [{ "@odata.type": "#microsoft.graph.singleServicePrincipal", servicePrincipalId: AGENT }],
      requestorSettings: { enableTargetsToSelfAddAccess: true, enableTargetsToSelfUpdateAccess: true, enableOnBehalfRequestorsToAddAccess: true, enableOnBehalfRequestorsToUpdateAccess: true, enableOnBehalfRequestorsToRemoveAccess: true, allowCustomAssignmentSchedule: true, onBehalfRequestors: [{ "@odata.type": "#microsoft.graph.targetAgentIdentitySponsorsOrOwners" }, rule] },
      requestApprovalSettings: {
        isApprovalRequiredForAdd: true,
        isApprovalRequiredForUpdate: true,
        isRequestorJustificationRequired: true,
        stages: [
          { durationBeforeAutomaticDenial: "P7D", primaryApprovers: [{ "@odata.type": "#microsoft.graph.requestorManager", managerLevel: 1 }, { "@odata.type": "#microsoft.graph.groupMembers", groupId: GROUP }], fallbackPrimaryApprovers: [{ "@odata.type": "#microsoft.graph.singleUser", userId: PRIYA }] },
          { durationBeforeAutomaticDenial: "P3D", isApproverJustificationRequired: true, isEscalationEnabled: true, durationBeforeEscalation: "P1D", primaryApprovers: [{ "@odata.type": "#microsoft.graph.singleUser", userId: PRIYA }], escalationApprovers: [{ "@odata.type": "#microsoft.graph.groupMembers", groupId: GROUP }] },
        ],
      },
      expiration: { type: "afterDuration", duration: "PT8H" },
      questions: [
        { "@odata.type": "#microsoft.graph.accessPackageMultipleChoiceQuestion", id: "queue", text: "Which queue?", isRequired: true, sequence: 2, choices: [{ actualValue: "t2", text: "Tier 2" }, { actualValue: "billing", text: "Billing" }] },
        { "@odata.type": "#microsoft.graph.accessPackageTextInputQuestion", id: "why", text: "Why?", sequence: 1, isSingleLineQuestion: false, regexPattern: "^.{3,}$" },
      ],
    });
    const names = { [PRIYA]: { kind: "user" as const, displayName: "Priya Raman" }, [GROUP]: { kind: "group" as const, displayName: "Support Tier 2" }, [AGENT]: { kind: "agent" as const, displayName: "Ticket Triage Agent" } };
    const draft = policyToDraft(stored, names);
    expect(draft.specificTargets).toEqual([{ kind: "agent", id: AGENT, displayName: "Ticket Triage Agent" }]);
    expect(draft.onBehalfPeople.map((r) => r.kind)).toEqual(["other"]);
    for (const step of ["requests", "approval", "lifecycle", "questions"] as const) expect(validatePolicyStep(step, draft)).toEqual({});
    const again = policyInputSchema.parse({ ...draftToPolicyInput(draft), accessPackageId: PKG });
    const original = policyInputSchema.parse({ ...stored, id: undefined, createdAt: undefined, modifiedAt: undefined });
    expect(bare(again)).toEqual(bare({ ...original, questions: [...original.questions].sort((a, b) => a.sequence - b.sequence).map((q, i) => ({ ...q, sequence: i + 1 })) }));
  });

  it("turns the default draft into a valid one-stage policy once a stage has an approver", () => {
    const d = defaultPolicyDraft();
    expect(validatePolicyStep("approval", d)).toEqual({ "stages.0.approvers": ["Choose at least one approver for this stage."] });
    d.stages[0].approvers = [{ kind: "user", id: PRIYA, displayName: "Priya Raman" }];
    expect(validatePolicyStep("approval", d)).toEqual({});
    const body = policyInputSchema.parse({ ...draftToPolicyInput(d), accessPackageId: PKG });
    expect(body.requestApprovalSettings.stages).toHaveLength(1);
    expect(body.expiration).toEqual({ type: "afterDuration", duration: "P90D" });
  });

  it("refuses an escalation that comes after the denial, and a date in the past", () => {
    const d = defaultPolicyDraft();
    d.stages[0] = { ...d.stages[0], approvers: [{ kind: "user", id: PRIYA, displayName: "Priya" }], onTimeout: "escalate", timeoutDays: "3", escalationDays: "5", escalationApprovers: [] };
    expect(validatePolicyStep("approval", d)).toEqual({
      "stages.0.escalationDays": ["Escalate before the request is denied: fewer days than the timeout."],
      "stages.0.escalationApprovers": ["Choose at least one escalation approver."],
    });
    expect(validatePolicyStep("lifecycle", { ...d, expiration: "onDate", endDate: "2020-01-01" })).toEqual({ endDate: ["Choose a date in the future."] });
  });

  it("maps the domain's field paths to the editor's step and field", () => {
    expect(draftFieldOf("requestApprovalSettings.stages.1.primaryApprovers.0.userId")).toEqual({ step: "approval", field: "stages.1.approvers" });
    expect(draftFieldOf("requestApprovalSettings.stages.0.fallbackPrimaryApprovers.0.groupId")).toEqual({ step: "approval", field: "stages.0.fallback" });
    expect(draftFieldOf("specificAllowedTargets.0.servicePrincipalId")).toEqual({ step: "requests", field: "specificTargets" });
    expect(draftFieldOf("questions.2.choices")).toEqual({ step: "questions", field: "questions.2.choices" });
  });
});
