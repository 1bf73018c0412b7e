import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { credentials } from "@/db/schema";
import { forbidden, notFound, parseInput } from "@/lib/errors";
import { requirePermission } from "@/lib/auth/permissions";
import type { Ctx } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { withRefusalAudit } from "@/lib/audit/with-refusal-audit";
import { loadPrincipal } from "@/lib/packages/load";

export const removeCredentialInput = z.object({
  principalId: z.uuid("principalId must be the id of an agent or service principal"),
  credentialId: z.uuid("credentialId must be the id of one of the principal's client secrets"),
});

export type RemovedCredential = { id: string; principalId: string; displayName: string; hint: string; expiresAt: Date };

/**
 * Removes a client secret of an agent identity or service principal (same authorization as creating one: an
 * Identity Governance Administrator, an owner, or the system actor). From then on the token endpoint refuses the
 * secret. Access tokens already issued with it stay valid until they expire (at most an hour), as in Entra; to stop
 * a principal at once, disable it, which every API call checks.
 */
export async function removeCredential({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<RemovedCredential> {
  const data = parseInput(removeCredentialInput, input);
  return withRefusalAudit(
    ctx,
    () => ({ action: "credential.remove", targetType: "principal", targetId: data.principalId }),
    async () => {
      await requirePermission(ctx, "credentials.remove", { principalId: data.principalId });
      const principal = await loadPrincipal(ctx.db, data.principalId);
      if (principal.type !== "agentIdentity" && principal.type !== "servicePrincipal") throw forbidden("Only agent identities and service principals have client secrets.");
      return ctx.db.transaction(async (tx) => {
        const [row] = await tx
          .delete(credentials)
          .where(and(eq(credentials.id, data.credentialId), eq(credentials.principalId, principal.id)))
          .returning({ id: credentials.id, displayName: credentials.displayName, hint: credentials.hint, expiresAt: credentials.expiresAt });
        if (!row) throw notFound(`${principal.displayName} has no client secret with id ${data.credentialId}; it may have been removed already.`);
        await recordAudit(tx, ctx, {
          action: "credential.remove",
          targetType: "principal",
          targetId: principal.id,
          before: { credentialId: row.id, displayName: row.displayName, hint: row.hint, expiresAt: row.expiresAt },
          detail: `Client secret "${row.displayName}" (${row.hint}•••) removed from ${principal.displayName}`,
        });
        return { ...row, principalId: principal.id };
      });
    },
  );
}

/** What the portal says after a removal (admin directory and My Account). */
export const removedCredentialMessage = (c: RemovedCredential): string => `Client secret ${c.displayName} (${c.hint}•••) removed: it can no longer get tokens.`;
