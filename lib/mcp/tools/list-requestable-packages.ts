import { z } from "zod";
import { nowOf } from "@/lib/auth/actor";
import { loadPackage, loadPolicies, loadPrincipal } from "@/lib/packages/load";
import { packageRefusals, policyRefusal } from "@/lib/policies/eligibility";
import { listRequestable } from "@/lib/requests/list-requestable";
import type { Policy } from "@/lib/policies/settings";
import type { AgentCtx } from "../authenticate-agent";
import { describePolicyForAgent, explainPackageReason } from "../describe-policy";
import { quote } from "../format";

export const PAGE_SIZE = 20;

export const listRequestablePackagesInput = {
  page: z.number().int().min(1).max(1000).optional().describe(`Page number (${PAGE_SIZE} packages a page). Default 1.`),
};

/**
 * The packages the agent may request for itself: listed in My Access, with at least one policy that lets an agent
 * identity ask for itself. Each comes with what its policy needs, and a note when the agent already holds it or
 * already asked.
 */
export async function listRequestablePackages(ctx: AgentCtx, input: { page?: number }): Promise<string> {
  const me = await loadPrincipal(ctx.db, ctx.actor.id);
  const now = nowOf(ctx);
  const { packages } = await listRequestable(ctx);
  const candidates: { listed: (typeof packages)[number]; policies: Policy[] }[] = [];
  for (const listed of packages) {
    const mine: Policy[] = [];
    for (const p of await loadPolicies(ctx.db, listed.id)) if (!(await policyRefusal(ctx.db, p, "add", false, me.id, me))) mine.push(p);
    if (mine.length) candidates.push({ listed, policies: mine });
  }
  const total = candidates.length;
  if (total === 0) return "No access package currently lets an agent identity request it for itself. Call explain_access with a package name to learn why and whom to ask.";
  const page = Math.min(input.page ?? 1, Math.ceil(total / PAGE_SIZE));

  const out: string[] = [];
  for (const { listed, policies } of candidates.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE)) {
    const pkg = await loadPackage(ctx.db, listed.id);
    const how = await Promise.all(policies.map((p) => describePolicyForAgent(ctx.db, p, me)));
    const blocked = await packageRefusals(ctx.db, pkg, me, "add", now, me.id);
    const notes = await Promise.all(blocked.map((r) => explainPackageReason(ctx, pkg, r)));
    const description = (listed.description.length > 160 ? `${listed.description.slice(0, 157)}…` : listed.description).replace(/([^.!?…])$/, "$1.");
    out.push(
      `- ${quote(pkg.displayName)} (package id ${pkg.id}, catalog ${quote(listed.catalogName)})${description ? `: ${description}` : "."} Request with ${how.join(". Or ")}.${notes.length ? ` Note: ${notes.join(" ")}` : ""}`,
    );
  }
  const pages = Math.ceil(total / PAGE_SIZE);
  const head = `${total} access package${total === 1 ? "" : "s"} you can request for yourself${pages > 1 ? ` (page ${page} of ${pages}; pass page to see more)` : ""}:`;
  return [head, ...out].join("\n");
}
