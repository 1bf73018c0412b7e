import type { RequestType } from "@/db/schema";

/** Request types (Graph's values) as an administrator reads them. */
export const REQUEST_TYPE_LABELS: Record<RequestType, string> = {
  userAdd: "Add (self)",
  onBehalfAdd: "Add (on behalf)",
  adminAdd: "Admin add",
  systemAdd: "Automatic add",
  userUpdate: "Extend (self)",
  adminUpdate: "Admin update",
  systemUpdate: "Automatic update",
  userRemove: "Remove (self)",
  adminRemove: "Admin remove",
  systemRemove: "Automatic remove",
};

export const APPROVER_KIND_LABELS: Record<string, string> = {
  primary: "Primary",
  fallbackPrimary: "Fallback primary",
  escalation: "Escalation",
  fallbackEscalation: "Fallback escalation",
};

/** Who acted, for people reading the audit trail: the lifecycle job has no principal, a deleted one has no name. */
export function actorDisplayName(actorType: string, name: string | null | undefined): string {
  if (actorType === "system") return "Steward lifecycle job";
  return name ?? "Deleted principal";
}
