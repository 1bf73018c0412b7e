/** The choices of the access package form's single policy (values are Graph's). */
export const TARGET_SCOPE_OPTIONS = [
  { value: "allDirectoryAgentIdentities", label: "All agents" },
  { value: "allMemberUsers", label: "All member users" },
  { value: "allDirectoryServicePrincipals", label: "All service principals" },
] as const;

export const APPROVAL_OPTIONS = [
  { value: "none", label: "No approval" },
  { value: "approver", label: "One stage: a named approver" },
  { value: "sponsors", label: "One stage: the agent's sponsors" },
  { value: "manager", label: "One stage: the requestor's manager" },
] as const;

export const EXPIRATION_OPTIONS = [
  { value: "never", label: "Never" },
  { value: "PT8H", label: "8 hours" },
  { value: "P30D", label: "30 days" },
  { value: "P90D", label: "90 days" },
  { value: "P180D", label: "180 days" },
] as const;
