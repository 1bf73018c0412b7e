import type { ReactNode } from "react";

export type BadgeTone = "green" | "amber" | "red" | "gray" | "blue" | "purple";

const TONES: Record<BadgeTone, string> = {
  green: "bg-green-100 text-green-800 ring-green-600/30 dark:bg-green-950 dark:text-green-300 dark:ring-green-400/30",
  amber: "bg-amber-100 text-amber-900 ring-amber-600/30 dark:bg-amber-950 dark:text-amber-300 dark:ring-amber-400/30",
  red: "bg-red-100 text-red-800 ring-red-600/30 dark:bg-red-950 dark:text-red-300 dark:ring-red-400/30",
  gray: "bg-slate-100 text-slate-700 ring-slate-500/30 dark:bg-slate-800 dark:text-slate-300 dark:ring-slate-400/30",
  blue: "bg-blue-100 text-blue-800 ring-blue-600/30 dark:bg-blue-950 dark:text-blue-300 dark:ring-blue-400/30",
  purple: "bg-purple-100 text-purple-800 ring-purple-600/30 dark:bg-purple-950 dark:text-purple-300 dark:ring-purple-400/30",
};

export type BadgeProps = { tone?: BadgeTone; children: ReactNode; className?: string; title?: string };

export function Badge({ tone = "gray", children, className, title }: BadgeProps) {
  return (
    <span
      title={title}
      className={[
        "inline-flex items-center whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset",
        TONES[tone],
        className,
      ]
        .filter(Boolean)
        .join(" ")}
    >
      {children}
    </span>
  );
}

/** Request, assignment, approval and catalog states (Graph's values) → colour and label. */
const STATES: Record<string, { tone: BadgeTone; label: string }> = {
  // requests
  submitted: { tone: "blue", label: "Submitted" },
  pendingApproval: { tone: "amber", label: "Pending approval" },
  scheduled: { tone: "blue", label: "Scheduled" },
  delivering: { tone: "blue", label: "Delivering" },
  delivered: { tone: "green", label: "Delivered" },
  partiallyDelivered: { tone: "amber", label: "Partially delivered" },
  deliveryFailed: { tone: "red", label: "Delivery failed" },
  denied: { tone: "red", label: "Denied" },
  canceled: { tone: "gray", label: "Canceled" },
  // assignments
  expired: { tone: "gray", label: "Expired" },
  removed: { tone: "gray", label: "Removed" },
  // approvals and reviews
  pending: { tone: "amber", label: "Pending" },
  approved: { tone: "green", label: "Approved" },
  Approve: { tone: "green", label: "Approved" },
  Deny: { tone: "red", label: "Denied" },
  NotReviewed: { tone: "amber", label: "Not reviewed" },
  escalated: { tone: "purple", label: "Escalated" },
  // catalogs and principals
  published: { tone: "green", label: "Published" },
  unpublished: { tone: "gray", label: "Unpublished" },
  enabled: { tone: "green", label: "Enabled" },
  disabled: { tone: "red", label: "Disabled" },
};

function humanize(state: string): string {
  const words = state.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export type StateBadgeProps = { state: string; className?: string };

/** A state shown as a coloured badge with a readable label; unknown states render gray, humanized. */
export function StateBadge({ state, className }: StateBadgeProps) {
  const known = STATES[state];
  return (
    <Badge tone={known?.tone ?? "gray"} className={className}>
      {known?.label ?? humanize(state)}
    </Badge>
  );
}
