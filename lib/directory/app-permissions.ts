import { and, asc, eq } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { z } from "zod";
import { appPermission, appPermissionGrants, principals, type AppPermission } from "@/db/schema";
import type { DbOrTx } from "@/db";
import { forbidden, parseInput } from "@/lib/errors";
import { requirePermission } from "@/lib/auth/permissions";
import { nowOf, type Ctx } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { withRefusalAudit } from "@/lib/audit/with-refusal-audit";
import { loadPrincipal } from "@/lib/packages/load";

export const APP_PERMISSIONS = appPermission.enumValues;

export const appPermissionInput = z.object({
  principalId: z.uuid("principalId must be the id of a service principal"),
  permission: z.enum(APP_PERMISSIONS, { message: `permission must be one of ${APP_PERMISSIONS.join(", ")}` }),
});
export type AppPermissionInput = z.input<typeof appPermissionInput>;

export type AppPermissionGrant = {
  principalId: string;
  permission: AppPermission;
  grantedById: string | null;
  grantedByDisplayName: string | null;
  grantedAt: Date;
};

const WHY_NOT = {
  user: "people get access through access packages and admin roles, not application permissions",
  agentUser: "an agent user is a user-like account; its agent gets access through access packages",
  agentIdentity: "AI agents get access through access packages (with sponsors, approval and expiry), never tenant-wide application permissions",
} as const;

/** Loads the target and refuses anything but a service principal, saying why. */
async function loadServicePrincipal(db: DbOrTx, principalId: string) {
  const principal = await loadPrincipal(db, principalId);
  if (principal.type !== "servicePrincipal") {
    throw forbidden(`Application permissions can only be granted to service principals; ${principal.displayName} is ${principal.type === "user" ? "a user" : `an ${principal.type}`}: ${WHY_NOT[principal.type]}.`);
  }
  return principal;
}

/**
 * Grants an application permission to a service principal. Only an Identity Governance Administrator or the
 * system actor (CLI) may. Idempotent: granting a permission the principal already holds changes nothing and
 * returns the existing grant with `created: false` (no audit event, as nothing changed), so scripts can re-run.
 */
export async function grantAppPermission({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<AppPermissionGrant & { created: boolean }> {
  const data = parseInput(appPermissionInput, input);
  return withRefusalAudit(
    ctx,
    () => ({ action: "appPermission.grant", targetType: "principal", targetId: data.principalId }),
    async () => {
      await requirePermission(ctx, "appPermissions.manage");
      const principal = await loadServicePrincipal(ctx.db, data.principalId);
      return ctx.db.transaction(async (tx) => {
        const [inserted] = await tx
          .insert(appPermissionGrants)
          .values({ principalId: principal.id, permission: data.permission, grantedById: ctx.actor.id, grantedAt: nowOf(ctx) })
          .onConflictDoNothing()
          .returning();
        if (inserted) {
          await recordAudit(tx, ctx, {
            action: "appPermission.grant",
            targetType: "principal",
            targetId: principal.id,
            after: { permission: inserted.permission },
            detail: `${data.permission} granted to ${principal.displayName}`,
          });
        }
        const grant = (await listAppPermissions(tx, principal.id)).find((g) => g.permission === data.permission)!;
        return { ...grant, created: Boolean(inserted) };
      });
    },
  );
}

/**
 * Revokes an application permission. Same authorization as granting. Idempotent as well: revoking a permission
 * the principal does not hold returns `{ revoked: false }` and writes nothing.
 */
export async function revokeAppPermission({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<{ principalId: string; permission: AppPermission; revoked: boolean }> {
  const data = parseInput(appPermissionInput, input);
  return withRefusalAudit(
    ctx,
    () => ({ action: "appPermission.revoke", targetType: "principal", targetId: data.principalId }),
    async () => {
      await requirePermission(ctx, "appPermissions.manage");
      const principal = await loadServicePrincipal(ctx.db, data.principalId);
      return ctx.db.transaction(async (tx) => {
        const [deleted] = await tx
          .delete(appPermissionGrants)
          .where(and(eq(appPermissionGrants.principalId, principal.id), eq(appPermissionGrants.permission, data.permission)))
          .returning();
        if (deleted) {
          await recordAudit(tx, ctx, {
            action: "appPermission.revoke",
            targetType: "principal",
            targetId: principal.id,
            before: { permission: deleted.permission, grantedById: deleted.grantedById, grantedAt: deleted.grantedAt },
            detail: `${data.permission} revoked from ${principal.displayName}`,
          });
        }
        return { principalId: principal.id, permission: data.permission, revoked: Boolean(deleted) };
      });
    },
  );
}

/** The application permissions a principal holds. A read helper: callers decide who may see it. */
export async function listAppPermissions(db: DbOrTx, principalId: string): Promise<AppPermissionGrant[]> {
  if (!z.uuid().safeParse(principalId).success) return [];
  const grantor = alias(principals, "grantor");
  return db
    .select({
      principalId: appPermissionGrants.principalId,
      permission: appPermissionGrants.permission,
      grantedById: appPermissionGrants.grantedById,
      grantedByDisplayName: grantor.displayName,
      grantedAt: appPermissionGrants.grantedAt,
    })
    .from(appPermissionGrants)
    .leftJoin(grantor, eq(grantor.id, appPermissionGrants.grantedById))
    .where(eq(appPermissionGrants.principalId, principalId))
    .orderBy(asc(appPermissionGrants.permission));
}
