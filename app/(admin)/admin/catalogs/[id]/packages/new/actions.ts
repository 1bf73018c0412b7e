"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getCtx } from "@/lib/auth/session";
import { toActionResult, type ActionResult } from "@/lib/actions/result";
import { createPackageWithPolicy } from "@/lib/packages/create-package-with-policy";
import { searchPolicySubjects, type SubjectKind, type SubjectOption } from "@/lib/directory/search-policy-subjects";
import type { FieldErrors } from "@/lib/errors";
import {
  draftFieldOf,
  draftToPolicyInput,
  packageBasicsDraftSchema,
  policyDraftSchema,
  POLICY_STEPS,
  validateBasics,
  validatePolicyStep,
  validateRoles,
} from "@/components/packages/policy-draft";

const wizardInput = z.object({ basics: packageBasicsDraftSchema, policy: policyDraftSchema });

function push(errors: FieldErrors, key: string, messages: string[]) {
  const list = (errors[key] ??= []);
  for (const m of messages) if (!list.includes(m)) list.push(m);
}

/**
 * The wizard's Create: checks every step again on the server, then creates the package, its resource roles and
 * its policy in one transaction (createPackageWithPolicy). Field errors come back keyed "<step>/<field>" so the
 * wizard can take the person to the step to fix. On success, goes to the new package's page.
 */
export async function createPackageFromWizardAction(catalogId: string, input: unknown): Promise<ActionResult> {
  const parsed = wizardInput.safeParse(input);
  if (!parsed.success) return { ok: false, code: "invalid", message: "The wizard sent something unexpected; reload the page and try again. Nothing was created." };
  const { basics, policy } = parsed.data;
  const errors: FieldErrors = {};
  for (const [k, v] of Object.entries(validateBasics(basics))) push(errors, `basics/${k}`, v);
  for (const [k, v] of Object.entries(validateRoles(basics))) push(errors, `roles/${k}`, v);
  for (const step of POLICY_STEPS) for (const [k, v] of Object.entries(validatePolicyStep(step, policy))) push(errors, `${step}/${k}`, v);
  if (Object.keys(errors).length) return { ok: false, code: "invalid", message: "Some steps need attention; nothing was created.", fieldErrors: errors };

  const ctx = await getCtx();
  const result = await toActionResult(() =>
    createPackageWithPolicy({
      ctx,
      input: {
        package: { catalogId, displayName: basics.displayName, description: basics.description, isHidden: basics.isHidden, resourceRoleIds: basics.resourceRoleIds },
        policy: draftToPolicyInput(policy),
      },
    }),
  );
  if (!result.ok) {
    const mapped: FieldErrors = {};
    for (const [key, messages] of Object.entries(result.fieldErrors ?? {})) {
      if (key.startsWith("package.")) {
        const field = key.slice("package.".length).split(".")[0];
        push(mapped, field === "resourceRoleIds" ? "roles/resourceRoleIds" : `basics/${field}`, messages);
      } else if (key.startsWith("policy.")) {
        const { step, field } = draftFieldOf(key.slice("policy.".length));
        push(mapped, `${step}/${field}`, messages);
      }
    }
    return { ...result, message: `${result.message} Nothing was created.`, fieldErrors: mapped };
  }
  const pkg = result.data!.package;
  revalidatePath(`/admin/catalogs/${catalogId}`);
  revalidatePath("/admin/packages");
  redirect(`/admin/packages/${pkg.id}?created=1`);
}

const KINDS = ["user", "group", "servicePrincipal", "agent"] as const;

/** The people picker's search (see searchPolicySubjects); refused or bad input gives no results rather than an error page. */
export async function searchSubjectsAction(catalogId: string, q: unknown, kinds: unknown): Promise<SubjectOption[]> {
  const wanted = Array.isArray(kinds) ? kinds.filter((k): k is SubjectKind => (KINDS as readonly unknown[]).includes(k)) : [];
  const ctx = await getCtx();
  const result = await toActionResult(() => searchPolicySubjects(ctx, { catalogId, q: typeof q === "string" ? q : "", kinds: wanted }));
  if (!result.ok) throw new Error(result.message);
  return result.data ?? [];
}
