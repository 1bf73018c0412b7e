import { DYNAMIC_SUBJECTS, TARGET_SCOPES, type PolicyDraft, type PolicyStepId, type SubjectRef } from "./policy-draft";

const names = (refs: SubjectRef[]) => refs.map((r) => r.displayName);
const list = (items: string[], none = "Nobody") => (items.length ? items.join(", ") : none);

/** The policy's choices in words, one row per setting, for the review step. */
export function describePolicy(d: PolicyDraft): Record<PolicyStepId, [string, string][]> {
  const requestable = d.scope !== "notSpecified";
  const scope = TARGET_SCOPES.find((s) => s.value === d.scope)?.label ?? d.scope;
  return {
    requests: [
      ["Policy", d.displayName + (d.description ? ` — ${d.description}` : "")],
      ["Who can get it", TARGET_SCOPES.find((s) => s.value === d.scope)?.picks ? `${scope}: ${list(names(d.specificTargets))}` : scope],
      ...(requestable
        ? ([
            ["Targets request for themselves", d.selfAdd ? (d.selfRemove ? "Yes, and may give up access" : "Yes") : "No"],
            ["Requests on behalf of others", d.onBehalf ? list([...d.onBehalfDynamic.map((k) => DYNAMIC_SUBJECTS[k].label), ...names(d.onBehalfPeople)]) + (d.onBehalfRemove ? " (may also remove access)" : "") : "No"],
          ] as [string, string][])
        : []),
    ],
    approval: !requestable
      ? [["Approval", "None: administrators assign directly"]]
      : [
          ["Requestor justification", d.requestorJustification ? "Required" : "Not required"],
          ["Approval", d.approvalRequired ? `${d.stages.length} ${d.stages.length === 1 ? "stage" : "stages"}` : "No approval"],
          ...(d.approvalRequired
            ? d.stages.map((s, i): [string, string] => [
                `Stage ${i + 1}`,
                [
                  `Approvers: ${list([...s.dynamic.map((k) => DYNAMIC_SUBJECTS[k].label), ...names(s.approvers)])}`,
                  `fallback: ${list(names(s.fallback), "none")}`,
                  `${s.timeoutDays} days to decide, then ${s.onTimeout === "escalate" ? `escalated after ${s.escalationDays} days to ${list(names(s.escalationApprovers))}, and denied at the end` : "denied"}`,
                  s.approverJustification ? "approver justification required" : "",
                ]
                  .filter(Boolean)
                  .join("; "),
              ])
            : []),
        ],
    lifecycle: [
      ["Access ends", d.expiration === "never" ? "Never" : d.expiration === "onDate" ? `On ${d.endDate || "(no date)"}` : `After ${d.durationValue} ${d.durationUnit}`],
      ["Extensions", d.extensionAllowed ? (d.approvalRequired && d.extensionNeedsApproval ? "Allowed, with approval" : "Allowed, without approval") : "Not allowed"],
      ["Custom schedule", d.customSchedule ? "Requestors may choose" : "No"],
    ],
    questions: d.questions.length
      ? d.questions.map((q, i): [string, string] => [`Question ${i + 1}`, `${q.text} (${q.kind === "text" ? "text" : `choice of ${q.choices.split("\n").filter((l) => l.trim()).length}`}${q.required ? ", required" : ""})`])
      : [["Questions", "None"]],
  };
}
