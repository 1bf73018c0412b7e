import { Badge } from "@/components/ui/badge";

/** DOMAIN.md §1: API permissions and directory roles, and the catalogs that hold them, are privileged. */
export function PrivilegedBadge({ what = "resource" }: { what?: "resource" | "catalog" }) {
  return (
    <Badge tone="amber" title={what === "catalog" ? "This catalog holds API permissions or directory roles." : "API permissions and directory roles grant tenant-wide power."}>
      Privileged
    </Badge>
  );
}
