import { createHash, randomBytes } from "node:crypto";
import { and, count, eq, gt } from "drizzle-orm";
import { z } from "zod";
import { credentials, principals } from "@/db/schema";
import { conflict, forbidden, parseInput } from "@/lib/errors";
import { requirePermission } from "@/lib/auth/permissions";
import { nowOf, type Ctx } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { withRefusalAudit } from "@/lib/audit/with-refusal-audit";
import { loadPrincipal } from "@/lib/packages/load";
import { MAX_LIVE_SECRETS } from "./credential-limits";

export const createCredentialInput = z.object({
  principalId: z.uuid("principalId must be the id of an agent or service principal"),
  displayName: z.string().trim().min(1, "give the secret a name").max(100, "at most 100 characters").default("Client secret"),
  validForDays: z.number().int().min(1, "at least 1 day").max(730, "at most 730 days").default(180),
});

/** Secrets are high-entropy random strings, so a plain SHA-256 is a sound way to store them (as API tokens are). */
export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}

export type CreatedCredential = { id: string; clientId: string; clientSecret: string; hint: string; expiresAt: Date; displayName: string };

/** Creates a client secret for an agent identity or service principal. The secret is returned once and stored hashed. */
export async function createCredential({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<CreatedCredential> {
  const data = parseInput(createCredentialInput, input);
  return withRefusalAudit(
    ctx,
    () => ({ action: "credential.create", targetType: "principal", targetId: data.principalId }),
    async () => {
      await requirePermission(ctx, "credentials.create", { principalId: data.principalId });
      const principal = await loadPrincipal(ctx.db, data.principalId);
      if (principal.type !== "agentIdentity" && principal.type !== "servicePrincipal") throw forbidden("Only agent identities and service principals have client secrets.");
      const secret = `${randomBytes(3).toString("base64url").slice(0, 3)}8Q~${randomBytes(30).toString("base64url")}`;
      const now = nowOf(ctx);
      return ctx.db.transaction(async (tx) => {
        // The principal's row is locked, so two secrets added at the same moment cannot both take the last place.
        await tx.select({ id: principals.id }).from(principals).where(eq(principals.id, principal.id)).for("update");
        const [{ live }] = await tx
          .select({ live: count() })
          .from(credentials)
          .where(and(eq(credentials.principalId, principal.id), gt(credentials.expiresAt, now)));
        if (live >= MAX_LIVE_SECRETS) {
          throw conflict(`${principal.displayName} already has ${live} client secrets in force (at most ${MAX_LIVE_SECRETS}); remove one it no longer uses, then add the new one.`);
        }
        let appId = principal.appId;
        if (!appId) {
          appId = crypto.randomUUID();
          await tx.update(principals).set({ appId }).where(eq(principals.id, principal.id));
        }
        const [row] = await tx
          .insert(credentials)
          .values({
            principalId: principal.id,
            displayName: data.displayName,
            hint: secret.slice(0, 3),
            secretHash: hashSecret(secret),
            createdById: ctx.actor.id,
            createdAt: now,
            expiresAt: new Date(now.getTime() + data.validForDays * 86_400_000),
          })
          .returning();
        await recordAudit(tx, ctx, {
          action: "credential.create",
          targetType: "principal",
          targetId: principal.id,
          after: { credentialId: row.id, displayName: row.displayName, hint: row.hint, expiresAt: row.expiresAt },
          detail: `Client secret "${row.displayName}" (${row.hint}•••) created for ${principal.displayName}, valid until ${row.expiresAt.toISOString().slice(0, 10)}`,
        });
        return { id: row.id, clientId: appId, clientSecret: secret, hint: row.hint, expiresAt: row.expiresAt, displayName: row.displayName };
      });
    },
  );
}
