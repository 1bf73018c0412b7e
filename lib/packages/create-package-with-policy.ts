import { z } from "zod";
import type { AccessPackage } from "@/db/schema";
import type { Db } from "@/db";
import type { Ctx } from "@/lib/auth/actor";
import { DomainError, invalid, isDomainError, parseInput, type FieldErrors } from "@/lib/errors";
import { withRefusalAudit } from "@/lib/audit/with-refusal-audit";
import { createPolicy } from "@/lib/policies/create-policy";
import { policyInputSchema, type Policy } from "@/lib/policies/settings";
import { createAccessPackage, createAccessPackageInput } from "./create-access-package";

/** Stands in for the package id while the policy is validated before anything is written. */
const PLACEHOLDER_PACKAGE_ID = "00000000-0000-4000-8000-000000000000";

export const createPackageWithPolicyInput = z.object({
  package: createAccessPackageInput,
  /** The body createPolicy takes, without accessPackageId (the new package's id is filled in). */
  policy: z.record(z.string(), z.unknown()),
});

export type PackageWithPolicy = { package: AccessPackage & { resourceRoleIds: string[] }; policy: Policy };

/**
 * Creates an access package, its resource role scopes and its first assignment policy in one transaction:
 * when the policy is refused (bad settings, someone not in the directory, no permission) no package is left
 * behind. Each part is written by its own verb (createAccessPackage, createPolicy), which check permission
 * and write their audit events; here they run inside the one outer transaction (as savepoints).
 * Field errors of the policy come back prefixed "policy.", those of the package "package.".
 */
export async function createPackageWithPolicy({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<PackageWithPolicy> {
  const data = parseInput(createPackageWithPolicyInput, input);
  const policyCheck = policyInputSchema.safeParse({ ...data.policy, accessPackageId: PLACEHOLDER_PACKAGE_ID });
  if (!policyCheck.success) {
    const fieldErrors: FieldErrors = {};
    for (const issue of policyCheck.error.issues) (fieldErrors[["policy", ...issue.path].join(".")] ??= []).push(issue.message);
    const first = policyCheck.error.issues[0];
    throw invalid(`Invalid policy. ${first.path.length ? `${first.path.join(".")}: ` : ""}${first.message}`, fieldErrors);
  }
  return withRefusalAudit(
    ctx,
    () => ({ action: "accessPackage.create", targetType: "catalog", targetId: data.package.catalogId }),
    () =>
      ctx.db.transaction(async (tx) => {
        // The verbs open their own transactions on ctx.db; on a transaction those become savepoints of this one.
        const txCtx: Ctx = { ...ctx, db: tx as unknown as Db };
        const pkg = await prefixErrors("package", () => createAccessPackage({ ctx: txCtx, input: data.package }));
        const policy = await prefixErrors("policy", () => createPolicy({ ctx: txCtx, input: { ...data.policy, accessPackageId: pkg.id } }));
        return { package: pkg, policy };
      }),
  );
}

/** Re-keys a verb's field errors under `prefix.` so the caller can tell the package's from the policy's. */
async function prefixErrors<T>(prefix: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (isDomainError(e) && e.fieldErrors) {
      const prefixed: FieldErrors = {};
      for (const [k, v] of Object.entries(e.fieldErrors)) prefixed[`${prefix}.${k}`] = v;
      throw new DomainError(e.code, e.message, prefixed);
    }
    throw e;
  }
}
