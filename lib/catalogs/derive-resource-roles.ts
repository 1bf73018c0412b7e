import { asc, eq } from "drizzle-orm";
import type { DbOrTx } from "../../db";
import {
  apiPermissions,
  applications,
  appRoles,
  directoryRoles,
  groups,
  sites,
  type ResourceOriginSystem,
} from "../../db/schema";

/** A role a catalog resource offers, before it is stored as a resource_roles row. */
export type DerivedResourceRole = {
  /** "Member"/"Owner", an app role id, an API permission id, a directory role id, or a site role name. */
  originId: string;
  displayName: string;
  description: string;
  /** Whether agent identities and service principals may hold it. */
  assignableToServicePrincipals: boolean;
  assignableToUsers: boolean;
};

/** A directory object as a catalog resource, with the roles it offers. */
export type DerivedResource = {
  displayName: string;
  description: string;
  roles: DerivedResourceRole[];
};

export const SITE_ROLES = ["Read", "Edit", "Full Control"] as const;

const SITE_ROLE_DESCRIPTIONS: Record<(typeof SITE_ROLES)[number], string> = {
  Read: "View pages, lists and documents.",
  Edit: "Add, edit and delete lists and documents.",
  "Full Control": "Full control of the site, including its permissions.",
};

/**
 * Reads the directory object a catalog resource points at (`originSystem` + `originId`) and
 * derives the roles the resource offers. Null when the object does not exist.
 *
 * - AadGroup: Member and Owner (agents and service principals may hold both).
 * - AadApplication: one role per app role (users only; agents may not hold app roles).
 * - ApiPermission (originId = the API's application id): one role per permission it exposes;
 *   application permissions go to service principals and agents, delegated scopes to users.
 * - DirectoryRole: the role itself (users, service principals and agents).
 * - SharePointOnline: Read, Edit, Full Control (users only).
 */
export async function loadDirectoryObject(
  db: DbOrTx,
  originSystem: ResourceOriginSystem,
  originId: string,
): Promise<DerivedResource | null> {
  switch (originSystem) {
    case "AadGroup": {
      const [g] = await db.select().from(groups).where(eq(groups.id, originId)).limit(1);
      if (!g) return null;
      return {
        displayName: g.displayName,
        description: g.description ?? "",
        roles: [
          { originId: "Member", displayName: "Member", description: `Member of ${g.displayName}.`, assignableToServicePrincipals: true, assignableToUsers: true },
          { originId: "Owner", displayName: "Owner", description: `Owner of ${g.displayName}.`, assignableToServicePrincipals: true, assignableToUsers: true },
        ],
      };
    }
    case "AadApplication": {
      const [app] = await db.select().from(applications).where(eq(applications.id, originId)).limit(1);
      if (!app) return null;
      const roles = await db.select().from(appRoles).where(eq(appRoles.applicationId, app.id)).orderBy(asc(appRoles.value));
      return {
        displayName: app.displayName,
        description: app.description ?? "",
        roles: roles.map((r) => ({
          originId: r.id,
          displayName: r.displayName,
          description: r.description ?? `App role ${r.value} of ${app.displayName}.`,
          assignableToServicePrincipals: false,
          assignableToUsers: true,
        })),
      };
    }
    case "ApiPermission": {
      const [app] = await db.select().from(applications).where(eq(applications.id, originId)).limit(1);
      if (!app) return null;
      const perms = await db
        .select()
        .from(apiPermissions)
        .where(eq(apiPermissions.applicationId, app.id))
        .orderBy(asc(apiPermissions.type), asc(apiPermissions.value));
      return {
        displayName: app.displayName,
        description: app.description ?? "",
        roles: perms.map((p) => ({
          originId: p.id,
          displayName: `${p.value} (${p.type})`,
          description: p.description ?? p.displayName,
          assignableToServicePrincipals: p.type === "application",
          assignableToUsers: p.type === "delegated",
        })),
      };
    }
    case "DirectoryRole": {
      const [role] = await db.select().from(directoryRoles).where(eq(directoryRoles.id, originId)).limit(1);
      if (!role) return null;
      return {
        displayName: role.displayName,
        description: role.description ?? "",
        roles: [
          {
            originId: role.id,
            displayName: role.displayName,
            description: role.description ?? "",
            assignableToServicePrincipals: true,
            assignableToUsers: true,
          },
        ],
      };
    }
    case "SharePointOnline": {
      const [site] = await db.select().from(sites).where(eq(sites.id, originId)).limit(1);
      if (!site) return null;
      return {
        displayName: site.displayName,
        description: site.description ?? site.webUrl,
        roles: SITE_ROLES.map((name) => ({
          originId: name,
          displayName: name,
          description: SITE_ROLE_DESCRIPTIONS[name],
          assignableToServicePrincipals: false,
          assignableToUsers: true,
        })),
      };
    }
  }
  return null;
}
