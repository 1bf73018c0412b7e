import { Badge } from "@/components/ui/badge";

export function OutcomeBadge({ outcome }: { outcome: string }) {
  return outcome === "failure" ? <Badge tone="red">Failure</Badge> : <Badge tone="green">Success</Badge>;
}
