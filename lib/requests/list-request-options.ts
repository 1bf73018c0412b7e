import { z } from "zod";
import { parseInput } from "@/lib/errors";
import type { Ctx } from "@/lib/auth/actor";
import { getApplicablePolicyRequirements } from "@/lib/policies/get-applicable-policy-requirements";
import type { WhyNot } from "@/lib/policies/eligibility";

export const requestOptionsInput = z.object({
  /** Whom the access would be for; the caller when omitted. */
  targetId: z.uuid("targetId must be an id").optional(),
  accessPackageIds: z.array(z.uuid("each access package must be an id")).max(200, "at most 200 packages at a time"),
});

/** For one package and target: the policies that would take the request, or why none does. */
export type PackageOption = { accessPackageId: string; applicablePolicyIds: string[]; whyNot: WhyNot[] };

/**
 * For the request form: which of the given packages the target can be requested for, and for each that it cannot,
 * the reasons (the same checks submitRequest makes). Reasons that several policies share are listed once.
 */
export async function listRequestOptions(ctx: Ctx, input: unknown): Promise<PackageOption[]> {
  const data = parseInput(requestOptionsInput, input);
  const out: PackageOption[] = [];
  for (const accessPackageId of [...new Set(data.accessPackageIds)]) {
    const r = await getApplicablePolicyRequirements({ ctx, input: { accessPackageId, targetId: data.targetId } });
    const seen = new Set<string>();
    const whyNot: WhyNot[] = [];
    if (r.value.length === 0) {
      for (const reason of r.notApplicable.flatMap((n) => n.reasons)) {
        const key = `${reason.code}:${reason.message}`;
        if (seen.has(key)) continue;
        seen.add(key);
        whyNot.push(reason);
      }
    }
    out.push({ accessPackageId, applicablePolicyIds: r.value.map((p) => p.policyId), whyNot });
  }
  return out;
}
