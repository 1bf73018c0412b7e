import { Badge } from "@/components/ui/badge";

const LABELS: Record<string, { label: string; tone: "purple" | "blue" | "gray" }> = {
  agentIdentity: { label: "Agent", tone: "purple" },
  agentUser: { label: "Agent user", tone: "purple" },
  servicePrincipal: { label: "Service principal", tone: "blue" },
  user: { label: "Person", tone: "gray" },
};

export function PrincipalTypeBadge({ type }: { type: string }) {
  const t = LABELS[type] ?? { label: type, tone: "gray" as const };
  return <Badge tone={t.tone}>{t.label}</Badge>;
}
