import { z } from "zod";
import { getApplicablePolicyRequirements } from "@/lib/policies/get-applicable-policy-requirements";
import type { WhyNot, WhyNotCode } from "@/lib/policies/eligibility";
import { loadPolicies, loadPrincipal } from "@/lib/packages/load";
import type { AgentCtx } from "../authenticate-agent";
import { describePolicyForAgent, explainPackageReason } from "../describe-policy";
import { names, quote } from "../format";
import { resolvePackage } from "../resolve-package";
import { catalogContacts, onBehalfRequestorsFor } from "../who-to-ask";

export const explainAccessInput = {
  package: z.string().trim().min(1, "name the access package (its id or display name)").max(300).describe("The access package: its id, or its display name."),
};

/** Reasons that concern the package as a whole rather than one policy (eligibility.ts packageRefusals). */
const PACKAGE_WIDE = new Set<WhyNotCode>(["catalogUnpublished", "targetDisabled", "openRequestExists", "alreadyAssigned", "separationOfDutiesConflict"]);

/** Whether the agent can get a package; if not, why not (eligibility's WhyNot codes) and who or what would grant it. */
export async function explainAccess(ctx: AgentCtx, input: { package: string }): Promise<string> {
  const pkg = await resolvePackage(ctx, input.package);
  const me = await loadPrincipal(ctx.db, ctx.actor.id);
  const result = await getApplicablePolicyRequirements({ ctx, input: { accessPackageId: pkg.id } });
  const head = `${quote(pkg.displayName)} (package id ${pkg.id})`;

  if (result.value.length) {
    const policies = (await loadPolicies(ctx.db, pkg.id)).filter((p) => result.value.some((v) => v.policyId === p.id));
    const how = await Promise.all(policies.map((p) => describePolicyForAgent(ctx.db, p, me)));
    return [`${head}: you can request it now with request_access.`, ...how.map((h) => `- ${h}.`)].join("\n");
  }

  const lines = [`${head}: you cannot get it right now.`];
  const seen = new Set<string>();
  const packageWide: WhyNot[] = [];
  const perPolicy: { policyId: string; policyDisplayName: string; reason: WhyNot }[] = [];
  for (const n of result.notApplicable) {
    for (const r of n.reasons) {
      if (PACKAGE_WIDE.has(r.code)) {
        if (!seen.has(r.code)) packageWide.push(r);
        seen.add(r.code);
      } else perPolicy.push({ policyId: n.policyId, policyDisplayName: n.policyDisplayName, reason: r });
    }
  }
  const contacts = await catalogContacts(ctx.db, pkg.catalogId);
  const ask = `${contacts.role === "owner" ? "an owner" : "an Identity Governance Administrator"} of catalog ${quote(contacts.catalogName)}${contacts.contacts.length ? ` (${names(contacts.contacts)})` : ""}`;

  for (const r of packageWide) {
    lines.push(`- ${r.code === "catalogUnpublished" ? `${r.message} Ask ${ask} to publish it.` : await explainPackageReason(ctx, pkg, r)}`);
  }
  // Each policy whose own settings refuse the agent (scope, self-requests off), named so an admin can find it.
  const selfBlocked = perPolicy.filter((p) => p.reason.code !== "noPolicy");
  for (const p of selfBlocked) lines.push(`- Policy ${quote(p.policyDisplayName)} (policy id ${p.policyId}): ${p.reason.message}`);

  if (perPolicy.length) {
    const policies = await loadPolicies(ctx.db, pkg.id);
    const onBehalf: string[] = [];
    for (const p of policies) {
      const people = await onBehalfRequestorsFor(ctx.db, p, me);
      if (people.length) onBehalf.push(`${names(people)} can request it for you in My Access (policy ${quote(p.displayName)})`);
    }
    const why = perPolicy.some((p) => p.reason.code === "noPolicy")
      ? "it has no policy at all"
      : selfBlocked.every((p) => p.reason.code === "outsideScope")
        ? "no policy allows agent identities"
        : "no policy lets an agent identity request it for itself";
    lines.push(
      onBehalf.length
        ? `What would grant it: ${why}, but your sponsor or owner ${onBehalf.join("; or ")}.`
        : `What would grant it: ${why} — ask ${ask} to add a policy for agent identities, or to assign it to you directly.`,
    );
  }
  return lines.join("\n");
}
