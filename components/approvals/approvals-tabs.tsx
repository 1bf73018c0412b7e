import { SectionTabs } from "@/components/requests/section-tabs";

/** Pending and History of the approvals inbox. */
export function ApprovalsTabs({ current, pending }: { current: "/access/approvals" | "/access/approvals/history"; pending?: number }) {
  return (
    <SectionTabs
      label="Approvals"
      current={current}
      tabs={[
        { href: "/access/approvals", label: "Pending", count: pending },
        { href: "/access/approvals/history", label: "History" },
      ]}
    />
  );
}
