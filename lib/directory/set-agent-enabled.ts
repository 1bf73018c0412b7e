import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { principals, type Principal } from "@/db/schema";
import { conflict, forbidden, notFound, parseInput } from "@/lib/errors";
import { isGovernanceAdmin, requirePermission } from "@/lib/auth/permissions";
import type { Ctx } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { withRefusalAudit } from "@/lib/audit/with-refusal-audit";

export const setAgentEnabledInput = z.object({
  agentId: z.uuid("agentId must be the id of an agent identity or service principal"),
  enabled: z.boolean({ message: "enabled must be true or false" }),
});
export type SetAgentEnabledInput = z.input<typeof setAgentEnabledInput>;

/**
 * A sponsor, owner or administrator enables or disables an agent identity (an owner or administrator a service
 * principal). While disabled it holds no effective access and gets no tokens (its assignments stay, so enabling it
 * again restores them). An administrator's disable is marked, and only an administrator can undo it.
 */
export async function setAgentEnabled({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<Principal> {
  const data = parseInput(setAgentEnabledInput, input);
  // Named after what the principal is, refusals included ("agent.*" when there is no such principal).
  let action = data.enabled ? "agent.enable" : "agent.disable";
  return withRefusalAudit(
    ctx,
    () => ({ action, targetType: "principal", targetId: data.agentId }),
    async () => {
      // Read first only to name the audit event: the permission is checked before anything is answered from it, so
      // someone with no relation to the principal learns nothing about it.
      const [agent] = await ctx.db.select().from(principals).where(eq(principals.id, data.agentId));
      if (agent?.type === "servicePrincipal") action = data.enabled ? "servicePrincipal.enable" : "servicePrincipal.disable";
      await requirePermission(ctx, "agents.enable", { principalId: data.agentId });
      if (!agent || (agent.type !== "agentIdentity" && agent.type !== "servicePrincipal")) throw notFound(`No agent identity or service principal with id ${data.agentId}.`);
      const asAdmin = ctx.actor.type === "system" || (ctx.actor.id !== null && (await isGovernanceAdmin(ctx.db, ctx.actor.id)));

      if (data.enabled && agent.disabledByAdmin && !asAdmin) {
        throw forbidden(`An administrator disabled ${agent.displayName}; only an Identity Governance Administrator can enable it again.`);
      }
      // An administrator disabling an agent its sponsor already disabled takes the disable over, so it sticks.
      const adminTakesOver = !data.enabled && !agent.accountEnabled && asAdmin && !agent.disabledByAdmin;
      if (agent.accountEnabled === data.enabled && !adminTakesOver) {
        throw conflict(`${agent.displayName} is already ${data.enabled ? "enabled" : "disabled"}.`);
      }

      return ctx.db.transaction(async (tx) => {
        // Compare-and-set on the state read above: a racing change makes this one lose with a conflict.
        const [updated] = await tx
          .update(principals)
          .set({ accountEnabled: data.enabled, disabledByAdmin: data.enabled ? false : asAdmin })
          .where(and(eq(principals.id, agent.id), eq(principals.accountEnabled, agent.accountEnabled), eq(principals.disabledByAdmin, agent.disabledByAdmin)))
          .returning();
        if (!updated) throw conflict(`${agent.displayName} was changed by someone else at the same time; reload and try again.`);
        await recordAudit(tx, ctx, {
          action,
          targetType: "principal",
          targetId: agent.id,
          before: { accountEnabled: agent.accountEnabled, disabledByAdmin: agent.disabledByAdmin },
          after: { accountEnabled: updated.accountEnabled, disabledByAdmin: updated.disabledByAdmin },
          detail: data.enabled
            ? `${agent.displayName} enabled: its access applies again.`
            : `${agent.displayName} disabled${asAdmin ? " by an administrator" : ""}: it holds no access while disabled.`,
        });
        return updated;
      });
    },
  );
}
