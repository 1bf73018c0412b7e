import { z } from "zod";
import { allowedTargetScope } from "@/db/schema";
import { isDuration } from "@/lib/time/duration";
import { parseMembershipRule, RuleSyntaxError } from "./membership-rule";

const t = <N extends string>(name: N) => z.literal(`#microsoft.graph.${name}` as `#microsoft.graph.${N}`);
const uuid = z.uuid({ message: "must be an id (uuid)" });
const level = z.number().int().min(1, "managerLevel is 1 to 4").max(4, "managerLevel is 1 to 4").default(1);

/** Who may request, approve or be targeted (Graph: subjectSet and its subtypes). */
export const subjectSetSchema = z.discriminatedUnion("@odata.type", [
  z.object({ "@odata.type": t("singleUser"), userId: uuid, description: z.string().optional() }),
  z.object({ "@odata.type": t("groupMembers"), groupId: uuid, description: z.string().optional() }),
  z.object({ "@odata.type": t("singleServicePrincipal"), servicePrincipalId: uuid, description: z.string().optional() }),
  z.object({ "@odata.type": t("requestorManager"), managerLevel: level }),
  z.object({ "@odata.type": t("targetManager"), managerLevel: level }),
  z.object({ "@odata.type": t("internalSponsors") }),
  z.object({ "@odata.type": t("externalSponsors") }),
  z.object({ "@odata.type": t("targetUserSponsors") }),
  z.object({ "@odata.type": t("targetApplicationOwners") }),
  z.object({ "@odata.type": t("targetAgentIdentitySponsorsOrOwners"), isBackup: z.boolean().default(false) }),
  z.object({ "@odata.type": t("connectedOrganizationMembers"), connectedOrganizationId: uuid }),
  z.object({
    "@odata.type": t("attributeRuleMembers"),
    membershipRule: z
      .string()
      .min(1, "membershipRule is required")
      .max(2000)
      .superRefine((rule, ctx) => {
        try {
          parseMembershipRule(rule);
        } catch (e) {
          ctx.addIssue({ code: "custom", message: e instanceof RuleSyntaxError ? `invalid membership rule: ${e.message}` : "invalid membership rule" });
        }
      }),
    description: z.string().optional(),
  }),
]);
export type SubjectSet = z.infer<typeof subjectSetSchema>;

const duration = z.string().refine(isDuration, { message: "must be an ISO 8601 duration such as P14D or PT8H" });

export const approvalStageSchema = z.object({
  durationBeforeAutomaticDenial: duration.default("P14D"),
  isApproverJustificationRequired: z.boolean().default(false),
  isEscalationEnabled: z.boolean().default(false),
  durationBeforeEscalation: duration.optional(),
  primaryApprovers: z.array(subjectSetSchema).max(25).default([]),
  fallbackPrimaryApprovers: z.array(subjectSetSchema).max(25).default([]),
  escalationApprovers: z.array(subjectSetSchema).max(25).default([]),
  fallbackEscalationApprovers: z.array(subjectSetSchema).max(25).default([]),
});
export type ApprovalStageSettings = z.infer<typeof approvalStageSchema>;

export const requestorSettingsSchema = z.object({
  enableTargetsToSelfAddAccess: z.boolean().default(false),
  enableTargetsToSelfUpdateAccess: z.boolean().default(false),
  enableTargetsToSelfRemoveAccess: z.boolean().default(false),
  allowCustomAssignmentSchedule: z.boolean().default(false),
  enableOnBehalfRequestorsToAddAccess: z.boolean().default(false),
  enableOnBehalfRequestorsToUpdateAccess: z.boolean().default(false),
  enableOnBehalfRequestorsToRemoveAccess: z.boolean().default(false),
  onBehalfRequestors: z.array(subjectSetSchema).max(25).default([]),
});
export type RequestorSettings = z.infer<typeof requestorSettingsSchema>;

export const requestApprovalSettingsSchema = z
  .object({
    isApprovalRequiredForAdd: z.boolean().default(false),
    isApprovalRequiredForUpdate: z.boolean().default(false),
    isRequestorJustificationRequired: z.boolean().default(false),
    stages: z.array(approvalStageSchema).max(3, "at most 3 approval stages").default([]),
  })
  .superRefine((s, ctx) => {
    if ((s.isApprovalRequiredForAdd || s.isApprovalRequiredForUpdate) && s.stages.length === 0) {
      ctx.addIssue({ code: "custom", path: ["stages"], message: "approval is required: add at least one stage" });
    }
    s.stages.forEach((st, i) => {
      if (st.primaryApprovers.length === 0 && (s.isApprovalRequiredForAdd || s.isApprovalRequiredForUpdate)) {
        ctx.addIssue({ code: "custom", path: ["stages", i, "primaryApprovers"], message: "each stage needs at least one primary approver" });
      }
      if (st.isEscalationEnabled && !st.durationBeforeEscalation) {
        ctx.addIssue({ code: "custom", path: ["stages", i, "durationBeforeEscalation"], message: "escalation needs durationBeforeEscalation" });
      }
      if (st.isEscalationEnabled && st.escalationApprovers.length === 0) {
        ctx.addIssue({ code: "custom", path: ["stages", i, "escalationApprovers"], message: "escalation needs at least one escalation approver" });
      }
    });
  });
export type RequestApprovalSettings = z.infer<typeof requestApprovalSettingsSchema>;

export const expirationSchema = z
  .object({
    type: z.enum(["noExpiration", "afterDateTime", "afterDuration"]),
    endDateTime: z.coerce.date().optional(),
    duration: duration.optional(),
  })
  .superRefine((e, ctx) => {
    if (e.type === "afterDuration" && !e.duration) ctx.addIssue({ code: "custom", path: ["duration"], message: "afterDuration needs a duration such as P30D" });
    if (e.type === "afterDateTime" && !e.endDateTime) ctx.addIssue({ code: "custom", path: ["endDateTime"], message: "afterDateTime needs an endDateTime" });
  });
export type Expiration = z.infer<typeof expirationSchema>;

const choiceSchema = z.object({ actualValue: z.string().min(1).max(200), text: z.string().min(1).max(400) });
export const questionSchema = z.discriminatedUnion("@odata.type", [
  z.object({
    "@odata.type": z.literal("#microsoft.graph.accessPackageTextInputQuestion"),
    id: z.string().min(1).max(64),
    text: z.string().min(1, "question text is required").max(1000),
    isRequired: z.boolean().default(false),
    sequence: z.number().int().min(0).default(0),
    isSingleLineQuestion: z.boolean().default(true),
    regexPattern: z.string().max(500).optional(),
  }),
  z.object({
    "@odata.type": z.literal("#microsoft.graph.accessPackageMultipleChoiceQuestion"),
    id: z.string().min(1).max(64),
    text: z.string().min(1, "question text is required").max(1000),
    isRequired: z.boolean().default(false),
    sequence: z.number().int().min(0).default(0),
    allowsMultipleSelection: z.boolean().default(false),
    choices: z.array(choiceSchema).min(1, "a multiple-choice question needs choices").max(50),
  }),
]);
export type Question = z.infer<typeof questionSchema>;

/** The body that creates or replaces a policy: used by the admin form, the API and the seed. */
export const policyInputSchema = z
  .object({
    accessPackageId: uuid,
    displayName: z.string().trim().min(1, "a policy needs a name").max(256),
    description: z.string().max(1024).default(""),
    allowedTargetScope: z.enum(allowedTargetScope.enumValues),
    specificAllowedTargets: z.array(subjectSetSchema).max(25).default([]),
    requestorSettings: requestorSettingsSchema.default(requestorSettingsSchema.parse({})),
    requestApprovalSettings: requestApprovalSettingsSchema.default(requestApprovalSettingsSchema.parse({})),
    expiration: expirationSchema.default({ type: "noExpiration" }),
    questions: z.array(questionSchema).max(20).default([]),
  })
  .superRefine((p, ctx) => {
    const needsTargets = p.allowedTargetScope === "specificDirectoryUsers" || p.allowedTargetScope === "specificDirectoryServicePrincipals";
    if (needsTargets && p.specificAllowedTargets.length === 0) {
      ctx.addIssue({ code: "custom", path: ["specificAllowedTargets"], message: `${p.allowedTargetScope} needs at least one subject set` });
    }
    const ids = new Set<string>();
    p.questions.forEach((q, i) => {
      if (ids.has(q.id)) ctx.addIssue({ code: "custom", path: ["questions", i, "id"], message: "question ids must be unique" });
      ids.add(q.id);
    });
  });
export type PolicyInput = z.infer<typeof policyInputSchema>;

/** A policy row with its JSON settings parsed. */
export type Policy = {
  id: string;
  accessPackageId: string;
  displayName: string;
  description: string;
  allowedTargetScope: PolicyInput["allowedTargetScope"];
  specificAllowedTargets: SubjectSet[];
  requestorSettings: RequestorSettings;
  requestApprovalSettings: RequestApprovalSettings;
  expiration: Expiration;
  questions: Question[];
  createdAt: Date;
  modifiedAt: Date;
};

// Built once: a zod schema costs more to construct than to run on a policy.
const subjectSetsSchema = z.array(subjectSetSchema);
const questionsSchema = z.array(questionSchema);

export function policyFromRow(row: {
  id: string;
  accessPackageId: string;
  displayName: string;
  description: string;
  allowedTargetScope: PolicyInput["allowedTargetScope"];
  specificAllowedTargets: unknown;
  requestorSettings: unknown;
  requestApprovalSettings: unknown;
  expiration: unknown;
  questions: unknown;
  createdAt: Date;
  modifiedAt: Date;
}): Policy {
  return {
    ...row,
    specificAllowedTargets: subjectSetsSchema.parse(row.specificAllowedTargets),
    requestorSettings: requestorSettingsSchema.parse(row.requestorSettings),
    requestApprovalSettings: requestApprovalSettingsSchema.parse(row.requestApprovalSettings),
    expiration: expirationSchema.parse(row.expiration),
    questions: questionsSchema.parse(row.questions),
  };
}
