import { SectionTabs } from "./section-tabs";

const TABS = [
  { href: "/access", label: "Request access" },
  { href: "/access/requests", label: "My requests" },
  { href: "/access/mine", label: "My access" },
] as const;

export type AccessTab = (typeof TABS)[number]["href"];

/** The sections of My Access. */
export function AccessTabs({ current }: { current: AccessTab }) {
  return <SectionTabs label="My Access" tabs={TABS} current={current} />;
}
