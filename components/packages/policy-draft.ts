/**
 * The access package wizard's and policy editor's form model: what the steps edit, how each step is checked
 * (in the browser before "Next" and again on the server before anything is written), and how a draft becomes
 * the Graph-shaped body createPolicy / replacePolicy take (and back, for editing a stored policy).
 * Plain TypeScript, shared by client components and server actions.
 */
import { z } from "zod";
import type { AllowedTargetScope } from "@/db/schema";
import type { FieldErrors } from "@/lib/errors";
import { subjectSetSchema, type Policy, type Question, type SubjectSet } from "@/lib/policies/settings";

export type SubjectRef =
  | { kind: "user" | "group" | "servicePrincipal" | "agent"; id: string; displayName: string }
  /** A subject set the editor has no control for (an attribute rule, a connected organization…): kept as is. */
  | { kind: "other"; id: string; displayName: string; set: SubjectSet };

/** Subject sets that depend on the request rather than naming someone. */
export const DYNAMIC_SUBJECTS = {
  requestorManager: { label: "Requestor's manager", hint: "The manager of the person who asks.", set: { "@odata.type": "#microsoft.graph.requestorManager", managerLevel: 1 } },
  targetManager: { label: "Target's manager", hint: "The manager of the person who would get access.", set: { "@odata.type": "#microsoft.graph.targetManager", managerLevel: 1 } },
  sponsorsOrOwners: {
    label: "The agent's sponsors and owners",
    hint: "The people accountable for the agent that would get access.",
    set: { "@odata.type": "#microsoft.graph.targetAgentIdentitySponsorsOrOwners", isBackup: false },
  },
  sponsors: { label: "The agent's sponsors", hint: "Sponsors only, not owners.", set: { "@odata.type": "#microsoft.graph.targetUserSponsors" } },
  appOwners: { label: "Owners of the service principal or application", hint: "For requests that target a service principal.", set: { "@odata.type": "#microsoft.graph.targetApplicationOwners" } },
} as const satisfies Record<string, { label: string; hint: string; set: SubjectSet }>;
export type DynamicSubject = keyof typeof DYNAMIC_SUBJECTS;

export const APPROVER_DYNAMICS: DynamicSubject[] = ["requestorManager", "targetManager", "sponsorsOrOwners", "sponsors", "appOwners"];
export const ON_BEHALF_DYNAMICS: DynamicSubject[] = ["sponsorsOrOwners", "sponsors", "appOwners"];

export const TARGET_SCOPES: { value: AllowedTargetScope; label: string; hint: string; picks?: "users" | "servicePrincipals" }[] = [
  { value: "allMemberUsers", label: "Member users in the directory", hint: "Every member (not guest) user." },
  { value: "allDirectoryUsers", label: "All users in the directory", hint: "Members and guests." },
  { value: "specificDirectoryUsers", label: "Specific users and groups", hint: "Only the people and group members you choose.", picks: "users" },
  { value: "allDirectoryServicePrincipals", label: "All service principals", hint: "Applications' service principals and agents." },
  { value: "allDirectoryAgentIdentities", label: "All agents", hint: "Every agent identity, through its sponsors or the API." },
  { value: "specificDirectoryServicePrincipals", label: "Specific agents and service principals", hint: "Only the agents and service principals you choose.", picks: "servicePrincipals" },
  { value: "notSpecified", label: "None (administrators assign directly)", hint: "Nobody can request; administrators assign it." },
];

export type StageDraft = {
  dynamic: DynamicSubject[];
  approvers: SubjectRef[];
  fallback: SubjectRef[];
  timeoutDays: string;
  onTimeout: "deny" | "escalate";
  escalationDays: string;
  escalationApprovers: SubjectRef[];
  approverJustification: boolean;
};

export type QuestionDraft = {
  /** Stable id of the question (Graph's question id). */
  key: string;
  kind: "text" | "choice";
  text: string;
  required: boolean;
  multiline: boolean;
  regexPattern?: string;
  /** One choice per line. */
  choices: string;
  /** Stored values of choices whose text is unchanged (kept on edit). */
  choiceValues?: Record<string, string>;
  multiple: boolean;
};

export type PolicyDraft = {
  displayName: string;
  description: string;
  scope: AllowedTargetScope;
  specificTargets: SubjectRef[];
  selfAdd: boolean;
  selfRemove: boolean;
  onBehalf: boolean;
  onBehalfRemove: boolean;
  onBehalfDynamic: DynamicSubject[];
  onBehalfPeople: SubjectRef[];
  approvalRequired: boolean;
  requestorJustification: boolean;
  stages: StageDraft[];
  expiration: "never" | "onDate" | "afterDuration";
  endDate: string;
  durationValue: string;
  durationUnit: "hours" | "days";
  extensionAllowed: boolean;
  extensionNeedsApproval: boolean;
  customSchedule: boolean;
  questions: QuestionDraft[];
};

export type PackageBasicsDraft = { displayName: string; description: string; isHidden: boolean; resourceRoleIds: string[] };

export function newStage(): StageDraft {
  return { dynamic: [], approvers: [], fallback: [], timeoutDays: "14", onTimeout: "deny", escalationDays: "7", escalationApprovers: [], approverJustification: false };
}

export function defaultPolicyDraft(): PolicyDraft {
  return {
    displayName: "Initial policy",
    description: "",
    scope: "allDirectoryAgentIdentities",
    specificTargets: [],
    selfAdd: true,
    selfRemove: false,
    onBehalf: true,
    onBehalfRemove: false,
    onBehalfDynamic: ["sponsorsOrOwners"],
    onBehalfPeople: [],
    approvalRequired: true,
    requestorJustification: true,
    stages: [newStage()],
    expiration: "afterDuration",
    endDate: "",
    durationValue: "90",
    durationUnit: "days",
    extensionAllowed: true,
    extensionNeedsApproval: true,
    customSchedule: false,
    questions: [],
  };
}

export type PolicyStepId = "requests" | "approval" | "lifecycle" | "questions";

const positiveInt = (s: string, max: number) => /^\d+$/.test(s.trim()) && Number(s) >= 1 && Number(s) <= max;

function add(errors: FieldErrors, key: string, message: string) {
  (errors[key] ??= []).push(message);
}

/** Field errors of one policy step, keyed by the draft's field paths (e.g. "stages.0.approvers"). */
export function validatePolicyStep(step: PolicyStepId, d: PolicyDraft, today = new Date()): FieldErrors {
  const e: FieldErrors = {};
  if (step === "requests") {
    if (!d.displayName.trim()) add(e, "displayName", "Give the policy a name.");
    if (d.displayName.trim().length > 256) add(e, "displayName", "At most 256 characters.");
    if (!TARGET_SCOPES.some((s) => s.value === d.scope)) add(e, "scope", "Choose who can request.");
    const picks = TARGET_SCOPES.find((s) => s.value === d.scope)?.picks;
    if (picks && d.specificTargets.length === 0) add(e, "specificTargets", picks === "users" ? "Choose at least one user or group." : "Choose at least one agent or service principal.");
    if (d.scope !== "notSpecified") {
      if (!d.selfAdd && !d.onBehalf) add(e, "selfAdd", "Let targets request for themselves, let others request on their behalf, or both.");
      if (d.onBehalf && d.onBehalfDynamic.length === 0 && d.onBehalfPeople.length === 0) add(e, "onBehalfDynamic", "Choose who may request on behalf of others.");
    }
  }
  if (step === "approval" && d.approvalRequired && d.scope !== "notSpecified") {
    if (d.stages.length < 1) add(e, "stages", "Add at least one approval stage.");
    if (d.stages.length > 3) add(e, "stages", "At most 3 approval stages.");
    d.stages.forEach((s, i) => {
      if (s.dynamic.length === 0 && s.approvers.length === 0) add(e, `stages.${i}.approvers`, "Choose at least one approver for this stage.");
      if (!positiveInt(s.timeoutDays, 365)) add(e, `stages.${i}.timeoutDays`, "Enter a whole number of days from 1 to 365.");
      if (s.onTimeout === "escalate") {
        if (!positiveInt(s.escalationDays, 365)) add(e, `stages.${i}.escalationDays`, "Enter a whole number of days from 1 to 365.");
        else if (positiveInt(s.timeoutDays, 365) && Number(s.escalationDays) >= Number(s.timeoutDays)) add(e, `stages.${i}.escalationDays`, "Escalate before the request is denied: fewer days than the timeout.");
        if (s.escalationApprovers.length === 0) add(e, `stages.${i}.escalationApprovers`, "Choose at least one escalation approver.");
      }
    });
  }
  if (step === "lifecycle") {
    if (d.expiration === "onDate") {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(d.endDate)) add(e, "endDate", "Choose the date access ends.");
      else if (new Date(`${d.endDate}T23:59:59Z`).getTime() <= today.getTime()) add(e, "endDate", "Choose a date in the future.");
    }
    if (d.expiration === "afterDuration" && !positiveInt(d.durationValue, d.durationUnit === "hours" ? 8760 : 3650)) {
      add(e, "durationValue", d.durationUnit === "hours" ? "Enter a whole number of hours from 1 to 8760." : "Enter a whole number of days from 1 to 3650.");
    }
  }
  if (step === "questions") {
    if (d.questions.length > 20) add(e, "questions", "At most 20 questions.");
    d.questions.forEach((q, i) => {
      if (!q.text.trim()) add(e, `questions.${i}.text`, "Write the question.");
      if (q.text.trim().length > 1000) add(e, `questions.${i}.text`, "At most 1000 characters.");
      if (q.kind === "choice") {
        const lines = choiceLines(q.choices);
        if (lines.length === 0) add(e, `questions.${i}.choices`, "Give at least one choice, one per line.");
        if (new Set(lines).size !== lines.length) add(e, `questions.${i}.choices`, "Each choice must be different.");
        if (lines.some((l) => l.length > 200)) add(e, `questions.${i}.choices`, "At most 200 characters per choice.");
      }
    });
  }
  return e;
}

export const POLICY_STEPS: PolicyStepId[] = ["requests", "approval", "lifecycle", "questions"];

export function validatePolicyDraft(d: PolicyDraft): FieldErrors {
  return Object.assign({}, ...POLICY_STEPS.map((s) => validatePolicyStep(s, d)));
}

export function validateBasics(b: PackageBasicsDraft): FieldErrors {
  const e: FieldErrors = {};
  if (!b.displayName.trim()) add(e, "displayName", "Give the package a name.");
  if (b.displayName.trim().length > 256) add(e, "displayName", "At most 256 characters.");
  if (b.description.trim().length > 2048) add(e, "description", "At most 2048 characters.");
  return e;
}

export function validateRoles(b: PackageBasicsDraft): FieldErrors {
  return b.resourceRoleIds.length ? {} : { resourceRoleIds: ["Choose at least one resource role: a package with no roles grants nothing."] };
}

function choiceLines(text: string): string[] {
  return text
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
}

function subjectSet(r: SubjectRef): SubjectSet {
  switch (r.kind) {
    case "user":
      return { "@odata.type": "#microsoft.graph.singleUser", userId: r.id, description: r.displayName };
    case "group":
      return { "@odata.type": "#microsoft.graph.groupMembers", groupId: r.id, description: r.displayName };
    case "servicePrincipal":
    case "agent":
      return { "@odata.type": "#microsoft.graph.singleServicePrincipal", servicePrincipalId: r.id, description: r.displayName };
    case "other":
      return r.set;
  }
}

const dynamicSets = (keys: DynamicSubject[]): SubjectSet[] => keys.map((k) => DYNAMIC_SUBJECTS[k].set as SubjectSet);

/** The Graph-shaped policy body (without accessPackageId) for createPolicy / replacePolicy. */
export function draftToPolicyInput(d: PolicyDraft) {
  const picks = TARGET_SCOPES.find((s) => s.value === d.scope)?.picks;
  const requestable = d.scope !== "notSpecified";
  const selfAdd = requestable && d.selfAdd;
  const onBehalf = requestable && d.onBehalf;
  const approval = requestable && d.approvalRequired;
  const days = (n: string) => `P${Number(n)}D`;
  return {
    displayName: d.displayName.trim(),
    description: d.description.trim(),
    allowedTargetScope: d.scope,
    specificAllowedTargets: picks ? d.specificTargets.map(subjectSet) : [],
    requestorSettings: {
      enableTargetsToSelfAddAccess: selfAdd,
      enableTargetsToSelfUpdateAccess: selfAdd && d.extensionAllowed,
      enableTargetsToSelfRemoveAccess: requestable && d.selfRemove,
      allowCustomAssignmentSchedule: requestable && d.customSchedule,
      enableOnBehalfRequestorsToAddAccess: onBehalf,
      enableOnBehalfRequestorsToUpdateAccess: onBehalf && d.extensionAllowed,
      enableOnBehalfRequestorsToRemoveAccess: onBehalf && d.onBehalfRemove,
      onBehalfRequestors: onBehalf ? [...dynamicSets(d.onBehalfDynamic), ...d.onBehalfPeople.map(subjectSet)] : [],
    },
    requestApprovalSettings: {
      isApprovalRequiredForAdd: approval,
      isApprovalRequiredForUpdate: approval && d.extensionNeedsApproval,
      isRequestorJustificationRequired: requestable && d.requestorJustification,
      stages: approval
        ? d.stages.map((s) => ({
            durationBeforeAutomaticDenial: days(s.timeoutDays),
            isApproverJustificationRequired: s.approverJustification,
            isEscalationEnabled: s.onTimeout === "escalate",
            ...(s.onTimeout === "escalate" ? { durationBeforeEscalation: days(s.escalationDays) } : {}),
            primaryApprovers: [...dynamicSets(s.dynamic), ...s.approvers.map(subjectSet)],
            fallbackPrimaryApprovers: s.fallback.map(subjectSet),
            escalationApprovers: s.onTimeout === "escalate" ? s.escalationApprovers.map(subjectSet) : [],
            fallbackEscalationApprovers: [],
          }))
        : [],
    },
    expiration:
      d.expiration === "onDate"
        ? { type: "afterDateTime", endDateTime: `${d.endDate}T23:59:59.000Z` }
        : d.expiration === "afterDuration"
          ? { type: "afterDuration", duration: d.durationUnit === "hours" ? `PT${Number(d.durationValue)}H` : `P${Number(d.durationValue)}D` }
          : { type: "noExpiration" },
    questions: d.questions.map((q, i) => {
      const base = { id: q.key, text: q.text.trim(), isRequired: q.required, sequence: i + 1 };
      if (q.kind === "text") {
        return { "@odata.type": "#microsoft.graph.accessPackageTextInputQuestion", ...base, isSingleLineQuestion: !q.multiline, ...(q.regexPattern ? { regexPattern: q.regexPattern } : {}) };
      }
      return {
        "@odata.type": "#microsoft.graph.accessPackageMultipleChoiceQuestion",
        ...base,
        allowsMultipleSelection: q.multiple,
        choices: choiceLines(q.choices).map((text) => ({ actualValue: q.choiceValues?.[text] ?? text.slice(0, 200), text })),
      };
    }),
  };
}

type Names = Record<string, { kind: "user" | "group" | "servicePrincipal" | "agent"; displayName: string }>;

/** Every principal or group id a policy names, to look their names up for policyToDraft. */
export function policySubjectIds(p: Policy): string[] {
  const sets: SubjectSet[] = [
    ...p.specificAllowedTargets,
    ...p.requestorSettings.onBehalfRequestors,
    ...p.requestApprovalSettings.stages.flatMap((s) => [...s.primaryApprovers, ...s.fallbackPrimaryApprovers, ...s.escalationApprovers, ...s.fallbackEscalationApprovers]),
  ];
  return sets.flatMap((s) => ("userId" in s ? [s.userId] : "groupId" in s ? [s.groupId] : "servicePrincipalId" in s ? [s.servicePrincipalId] : []));
}

/** A readable name for a subject set that has no control of its own. */
function otherLabel(s: SubjectSet): string {
  switch (s["@odata.type"]) {
    case "#microsoft.graph.attributeRuleMembers":
      return `Everyone matching the rule ${s.membershipRule}`;
    case "#microsoft.graph.connectedOrganizationMembers":
      return "Members of a connected organization";
    case "#microsoft.graph.internalSponsors":
      return "Internal sponsors";
    case "#microsoft.graph.externalSponsors":
      return "External sponsors";
    case "#microsoft.graph.requestorManager":
    case "#microsoft.graph.targetManager":
      return `${s["@odata.type"] === "#microsoft.graph.requestorManager" ? "Requestor's" : "Target's"} manager, level ${s.managerLevel}`;
    default:
      return s["@odata.type"].replace("#microsoft.graph.", "");
  }
}

function splitSets(sets: SubjectSet[], names: Names): { dynamic: DynamicSubject[]; refs: SubjectRef[] } {
  const dynamic: DynamicSubject[] = [];
  const refs: SubjectRef[] = [];
  sets.forEach((s, i) => {
    const dyn = (Object.keys(DYNAMIC_SUBJECTS) as DynamicSubject[]).find((k) => {
      const d = DYNAMIC_SUBJECTS[k].set as SubjectSet;
      if (d["@odata.type"] !== s["@odata.type"]) return false;
      if ("managerLevel" in s && s.managerLevel !== 1) return false;
      if ("isBackup" in s && s.isBackup) return false;
      return true;
    });
    if (dyn) dynamic.push(dyn);
    else if (s["@odata.type"] === "#microsoft.graph.singleUser") refs.push({ kind: "user", id: s.userId, displayName: names[s.userId]?.displayName ?? s.description ?? s.userId });
    else if (s["@odata.type"] === "#microsoft.graph.groupMembers") refs.push({ kind: "group", id: s.groupId, displayName: names[s.groupId]?.displayName ?? s.description ?? s.groupId });
    else if (s["@odata.type"] === "#microsoft.graph.singleServicePrincipal")
      refs.push({ kind: names[s.servicePrincipalId]?.kind === "agent" ? "agent" : "servicePrincipal", id: s.servicePrincipalId, displayName: names[s.servicePrincipalId]?.displayName ?? s.description ?? s.servicePrincipalId });
    else refs.push({ kind: "other", id: `other-${i}-${s["@odata.type"]}`, displayName: otherLabel(s), set: s });
  });
  return { dynamic, refs };
}

function durationParts(duration: string | undefined): { value: string; unit: "hours" | "days" } {
  const h = /^PT(\d+)H$/.exec(duration ?? "");
  if (h) return { value: h[1], unit: "hours" };
  const d = /^P(\d+)D$/.exec(duration ?? "");
  if (d) return { value: d[1], unit: "days" };
  const w = /^P(\d+)W$/.exec(duration ?? "");
  if (w) return { value: String(Number(w[1]) * 7), unit: "days" };
  return { value: "90", unit: "days" };
}

const daysOf = (duration: string | undefined, fallback: string) => {
  const p = durationParts(duration);
  return duration && p.unit === "days" ? p.value : duration && p.unit === "hours" ? String(Math.max(1, Math.ceil(Number(p.value) / 24))) : fallback;
};

/** A stored policy as a draft, to edit it and save it as a replacement. */
export function policyToDraft(p: Policy, names: Names): PolicyDraft {
  const rs = p.requestorSettings;
  const ras = p.requestApprovalSettings;
  const onBehalf = splitSets(rs.onBehalfRequestors, names);
  const exp = p.expiration;
  const dur = durationParts(exp.duration);
  return {
    displayName: p.displayName,
    description: p.description,
    scope: p.allowedTargetScope,
    specificTargets: splitSets(p.specificAllowedTargets, names).refs,
    selfAdd: rs.enableTargetsToSelfAddAccess,
    selfRemove: rs.enableTargetsToSelfRemoveAccess,
    onBehalf: rs.enableOnBehalfRequestorsToAddAccess,
    onBehalfRemove: rs.enableOnBehalfRequestorsToRemoveAccess,
    onBehalfDynamic: onBehalf.dynamic,
    onBehalfPeople: onBehalf.refs,
    approvalRequired: ras.isApprovalRequiredForAdd,
    requestorJustification: ras.isRequestorJustificationRequired,
    stages: ras.stages.length
      ? ras.stages.map((s) => {
          const primary = splitSets(s.primaryApprovers, names);
          return {
            dynamic: primary.dynamic,
            approvers: primary.refs,
            fallback: splitSets(s.fallbackPrimaryApprovers, names).refs,
            timeoutDays: daysOf(s.durationBeforeAutomaticDenial, "14"),
            onTimeout: s.isEscalationEnabled ? "escalate" : "deny",
            escalationDays: daysOf(s.durationBeforeEscalation, "7"),
            escalationApprovers: splitSets(s.escalationApprovers, names).refs,
            approverJustification: s.isApproverJustificationRequired,
          };
        })
      : [newStage()],
    expiration: exp.type === "afterDateTime" ? "onDate" : exp.type === "afterDuration" ? "afterDuration" : "never",
    endDate: exp.endDateTime ? new Date(exp.endDateTime).toISOString().slice(0, 10) : "",
    durationValue: dur.value,
    durationUnit: dur.unit,
    extensionAllowed: rs.enableTargetsToSelfUpdateAccess || rs.enableOnBehalfRequestorsToUpdateAccess,
    extensionNeedsApproval: ras.isApprovalRequiredForUpdate || !ras.isApprovalRequiredForAdd,
    customSchedule: rs.allowCustomAssignmentSchedule,
    questions: [...p.questions]
      .sort((a, b) => a.sequence - b.sequence)
      .map((q: Question) =>
        q["@odata.type"] === "#microsoft.graph.accessPackageTextInputQuestion"
          ? { key: q.id, kind: "text", text: q.text, required: q.isRequired, multiline: !q.isSingleLineQuestion, regexPattern: q.regexPattern, choices: "", multiple: false }
          : {
              key: q.id,
              kind: "choice",
              text: q.text,
              required: q.isRequired,
              multiline: false,
              choices: q.choices.map((c) => c.text).join("\n"),
              choiceValues: Object.fromEntries(q.choices.map((c) => [c.text, c.actualValue])),
              multiple: q.allowsMultipleSelection,
            },
      ),
  };
}

/**
 * Where a domain field error about the policy body belongs in the editor: the step and the draft field,
 * e.g. "requestApprovalSettings.stages.1.primaryApprovers.0.userId" → approval, "stages.1.approvers".
 */
export function draftFieldOf(domainPath: string): { step: PolicyStepId; field: string } {
  const p = domainPath.split(".");
  if (p[0] === "displayName" || p[0] === "description" || p[0] === "allowedTargetScope") return { step: "requests", field: p[0] === "allowedTargetScope" ? "scope" : p[0] };
  if (p[0] === "specificAllowedTargets") return { step: "requests", field: "specificTargets" };
  if (p[0] === "requestorSettings") return { step: "requests", field: p[1] === "onBehalfRequestors" ? "onBehalfDynamic" : "selfAdd" };
  if (p[0] === "requestApprovalSettings") {
    if (p[1] === "stages" && p[2] !== undefined && /^\d+$/.test(p[2])) {
      const k = p[3];
      const field = k === "fallbackPrimaryApprovers" ? "fallback" : k === "escalationApprovers" || k === "fallbackEscalationApprovers" ? "escalationApprovers" : k === "durationBeforeEscalation" ? "escalationDays" : k === "durationBeforeAutomaticDenial" ? "timeoutDays" : "approvers";
      return { step: "approval", field: `stages.${p[2]}.${field}` };
    }
    return { step: "approval", field: "stages" };
  }
  if (p[0] === "expiration") return { step: "lifecycle", field: p[1] === "endDateTime" ? "endDate" : "durationValue" };
  if (p[0] === "questions") return { step: "questions", field: p[1] !== undefined ? `questions.${p[1]}.${p[2] === "choices" ? "choices" : "text"}` : "questions" };
  return { step: "requests", field: "displayName" };
}

/*
 * What the server action accepts from the browser: the draft's shape with bounds, so a tampered request is refused
 * with a message instead of failing somewhere inside. The domain verbs validate the resulting policy again.
 */
const str = (max: number) => z.string().max(max);
const refSchema = z.union([
  z.object({ kind: z.enum(["user", "group", "servicePrincipal", "agent"]), id: str(100), displayName: str(500) }),
  z.object({ kind: z.literal("other"), id: str(300), displayName: str(2500), set: subjectSetSchema }),
]);
const refs = z.array(refSchema).max(25);
const dynamics = z.array(z.enum(Object.keys(DYNAMIC_SUBJECTS) as [DynamicSubject, ...DynamicSubject[]])).max(10);
const stageSchema = z.object({
  dynamic: dynamics,
  approvers: refs,
  fallback: refs,
  timeoutDays: str(10),
  onTimeout: z.enum(["deny", "escalate"]),
  escalationDays: str(10),
  escalationApprovers: refs,
  approverJustification: z.boolean(),
});
const questionSchema = z.object({
  key: z.string().min(1).max(64),
  kind: z.enum(["text", "choice"]),
  text: str(2000),
  required: z.boolean(),
  multiline: z.boolean(),
  regexPattern: str(500).optional(),
  choices: str(20000),
  choiceValues: z.record(z.string(), z.string()).optional(),
  multiple: z.boolean(),
});
export const policyDraftSchema = z.object({
  displayName: str(1000),
  description: str(4000),
  scope: z.enum(TARGET_SCOPES.map((s) => s.value) as [AllowedTargetScope, ...AllowedTargetScope[]]),
  specificTargets: refs,
  selfAdd: z.boolean(),
  selfRemove: z.boolean(),
  onBehalf: z.boolean(),
  onBehalfRemove: z.boolean(),
  onBehalfDynamic: dynamics,
  onBehalfPeople: refs,
  approvalRequired: z.boolean(),
  requestorJustification: z.boolean(),
  stages: z.array(stageSchema).max(5),
  expiration: z.enum(["never", "onDate", "afterDuration"]),
  endDate: str(40),
  durationValue: str(10),
  durationUnit: z.enum(["hours", "days"]),
  extensionAllowed: z.boolean(),
  extensionNeedsApproval: z.boolean(),
  customSchedule: z.boolean(),
  questions: z.array(questionSchema).max(30),
}) satisfies z.ZodType<PolicyDraft>;

export const packageBasicsDraftSchema = z.object({
  displayName: str(1000),
  description: str(4000),
  isHidden: z.boolean(),
  resourceRoleIds: z.array(str(100)).max(100),
}) satisfies z.ZodType<PackageBasicsDraft>;
