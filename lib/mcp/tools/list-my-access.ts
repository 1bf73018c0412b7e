import { nowOf } from "@/lib/auth/actor";
import { effectiveGrants } from "@/lib/assignments/effective-grants";
import type { AgentCtx } from "../authenticate-agent";
import { quote, until } from "../format";
import { listMyActiveAssignments } from "../my-access";

export const listMyAccessInput = {};

/** The agent's active assignments and what they let it do right now (its effective grants). */
export async function listMyAccess(ctx: AgentCtx): Promise<string> {
  const [held, grants] = await Promise.all([listMyActiveAssignments(ctx), effectiveGrants(ctx.db, [ctx.actor.id], nowOf(ctx))]);
  if (held.length === 0) return "You hold no access packages right now. Call list_requestable_packages to see what you can request.";
  const lines = [`Access packages you hold (${held.length}):`];
  for (const a of held) lines.push(`- assignment ${a.id}: ${quote(a.packageName)} (package id ${a.accessPackageId}), ${until(a.endDateTime)}${a.state === "delivered" ? "" : `; state ${a.state}`}`);
  lines.push(grants.length ? `Effective grants (${grants.length}):` : "Effective grants: none (delivery may still be in progress).");
  for (const g of grants) lines.push(`- ${g.roleName} on ${g.resourceName} (${g.originSystem}) via ${quote(g.accessPackageName)}, ${until(g.endDateTime)}`);
  return lines.join("\n");
}
