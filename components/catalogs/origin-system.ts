import type { ResourceOriginSystem } from "@/db/schema";

export const ORIGIN_SYSTEM_LABELS: Record<ResourceOriginSystem, string> = {
  AadGroup: "Group",
  AadApplication: "Application",
  ApiPermission: "API permissions",
  DirectoryRole: "Directory role",
  SharePointOnline: "SharePoint site",
};
