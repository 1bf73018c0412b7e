import type { ResourceOriginSystem } from "@/db/schema";

/** API permissions and directory roles are privileged (DOMAIN.md); so is a catalog that holds any. */
export function isPrivilegedOrigin(origin: ResourceOriginSystem): boolean {
  return origin === "ApiPermission" || origin === "DirectoryRole";
}
