import { count, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { accessPackages, assignmentPolicies, catalogs, type AccessPackage, type Catalog } from "@/db/schema";
import type { Ctx } from "@/lib/auth/actor";
import { requirePermission } from "@/lib/auth/permissions";
import { parseInput } from "@/lib/errors";
import { loadPackage, loadPolicy } from "@/lib/packages/load";
import { policyFromRow, policyInputSchema, type Policy } from "@/lib/policies/settings";
import { runODataList, type ODataPage, type ODataQuery, type ODataSpec } from "./odata";
import { toGraphAccessPackage } from "./access-packages";
import { catalogCondition, toGraphCatalog } from "./catalogs";

const EM = "identityGovernance/entitlementManagement";

// ---------------------------------------------------------------- bodies (exported for the OpenAPI document)

/**
 * POST …/assignmentPolicies and PUT …/assignmentPolicies/{id} (Graph accessPackageAssignmentPolicy): the settings
 * lib/policies/settings.ts validates, with the package as `accessPackage: { id }` (required on POST; on PUT it may
 * be left out, and must not name another package).
 */
export const assignmentPolicyBody = z.object({
  ...policyInputSchema.shape,
  accessPackageId: z.uuid("accessPackageId must be an id").optional(),
  accessPackage: z.object({ id: z.uuid("accessPackage.id must be the id of an access package") }).optional(),
});

const requirePackage = z.object({ accessPackage: z.object({ id: z.string() }, { message: 'accessPackage is required: { "id": "<access package id>" }' }) });

/** Graph's body → createPolicy's input (the verb validates the settings again, with field errors). */
export function toCreatePolicyInput(body: unknown): Record<string, unknown> {
  const b = (body && typeof body === "object" && !Array.isArray(body) ? body : {}) as Record<string, unknown>;
  const id = typeof b.accessPackageId === "string" ? b.accessPackageId : parseInput(requirePackage, b).accessPackage.id;
  const rest = { ...b };
  delete rest.accessPackage;
  return { ...rest, accessPackageId: id };
}

/** Graph's PUT body → replacePolicy's input. */
export function toReplacePolicyInput(policyId: string, body: unknown): Record<string, unknown> {
  const b = (body && typeof body === "object" && !Array.isArray(body) ? body : {}) as Record<string, unknown>;
  const pkg = b.accessPackage && typeof b.accessPackage === "object" ? (b.accessPackage as { id?: unknown }).id : undefined;
  const rest = { ...b };
  delete rest.accessPackage;
  delete rest.id;
  return { ...rest, ...(typeof pkg === "string" ? { accessPackageId: pkg } : {}), policyId };
}

// ---------------------------------------------------------------- Graph shape

export function toGraphPolicy(p: Policy, x: { accessPackage?: AccessPackage; catalog?: Catalog } = {}) {
  return {
    id: p.id,
    displayName: p.displayName,
    description: p.description,
    allowedTargetScope: p.allowedTargetScope,
    specificAllowedTargets: p.specificAllowedTargets,
    expiration: { type: p.expiration.type, endDateTime: p.expiration.endDateTime?.toISOString() ?? null, duration: p.expiration.duration ?? null },
    requestorSettings: p.requestorSettings,
    requestApprovalSettings: p.requestApprovalSettings,
    questions: p.questions,
    automaticRequestSettings: null,
    reviewSettings: null,
    createdDateTime: p.createdAt.toISOString(),
    modifiedDateTime: p.modifiedAt.toISOString(),
    ...(x.accessPackage ? { accessPackage: toGraphAccessPackage(x.accessPackage) } : {}),
    ...(x.catalog ? { catalog: toGraphCatalog(x.catalog) } : {}),
  };
}

// ---------------------------------------------------------------- reads

export const assignmentPolicySpec: ODataSpec = {
  entitySet: `${EM}/assignmentPolicies`,
  fields: {
    id: { type: "guid", column: assignmentPolicies.id },
    displayName: { type: "string", column: assignmentPolicies.displayName, sort: true },
    description: { type: "string", column: assignmentPolicies.description },
    allowedTargetScope: { type: { enum: assignmentPolicies.allowedTargetScope.enumValues }, column: assignmentPolicies.allowedTargetScope },
    "accessPackage/id": { type: "guid", column: assignmentPolicies.accessPackageId },
    "catalog/id": { type: "guid", column: accessPackages.catalogId },
    createdDateTime: { type: "datetime", column: assignmentPolicies.createdAt, sort: true },
    modifiedDateTime: { type: "datetime", column: assignmentPolicies.modifiedAt, sort: true },
  },
  select: [
    "id",
    "displayName",
    "description",
    "allowedTargetScope",
    "specificAllowedTargets",
    "expiration",
    "requestorSettings",
    "requestApprovalSettings",
    "questions",
    "automaticRequestSettings",
    "reviewSettings",
    "createdDateTime",
    "modifiedDateTime",
  ],
  expand: ["accessPackage", "catalog"],
  defaultOrderBy: [{ field: "displayName" }],
  key: assignmentPolicies.id,
};

async function expansions(ctx: Ctx, pkgs: AccessPackage[], expand: Set<string>) {
  const cats = expand.has("catalog") && pkgs.length ? await ctx.db.select().from(catalogs).where(inArray(catalogs.id, [...new Set(pkgs.map((p) => p.catalogId))])) : [];
  return (pkg: AccessPackage) => ({ accessPackage: expand.has("accessPackage") ? pkg : undefined, catalog: cats.find((c) => c.id === pkg.catalogId) });
}

/** GET …/assignmentPolicies: the policies of packages in catalogs the caller may read, with OData. */
export async function listGraphPolicies(ctx: Ctx, q: ODataQuery): Promise<{ page: ODataPage<{ policy: typeof assignmentPolicies.$inferSelect; pkg: AccessPackage }>; items: Record<string, unknown>[] }> {
  const base = await catalogCondition(ctx, "catalogs.read", accessPackages.catalogId);
  const page = await runODataList(q, base, {
    rows: ({ where, orderBy, limit, offset }) =>
      ctx.db
        .select({ policy: assignmentPolicies, pkg: accessPackages })
        .from(assignmentPolicies)
        .innerJoin(accessPackages, eq(accessPackages.id, assignmentPolicies.accessPackageId))
        .where(where)
        .orderBy(...orderBy)
        .limit(limit)
        .offset(offset),
    count: async (where) => Number((await ctx.db.select({ n: count() }).from(assignmentPolicies).innerJoin(accessPackages, eq(accessPackages.id, assignmentPolicies.accessPackageId)).where(where))[0]?.n ?? 0),
  });
  const x = await expansions(ctx, page.rows.map((r) => r.pkg), q.expand);
  return { page, items: page.rows.map((r) => toGraphPolicy(policyFromRow(r.policy), x(r.pkg))) };
}

/** GET …/assignmentPolicies/{id}: requires catalogs.read on the package's catalog. */
export async function getGraphPolicy(ctx: Ctx, policyId: string, expand: Set<string>) {
  const policy = await loadPolicy(ctx.db, policyId);
  const pkg = await loadPackage(ctx.db, policy.accessPackageId);
  await requirePermission(ctx, "catalogs.read", { catalogId: pkg.catalogId });
  const x = await expansions(ctx, [pkg], expand);
  return toGraphPolicy(policy, x(pkg));
}

export const assignmentPolicyRoutes = [
  { method: "GET", path: `/${EM}/assignmentPolicies`, summary: "List assignment policies", odata: assignmentPolicySpec },
  { method: "POST", path: `/${EM}/assignmentPolicies`, summary: "Create an assignment policy", body: assignmentPolicyBody, status: 201 },
  { method: "GET", path: `/${EM}/assignmentPolicies/{id}`, summary: "Get an assignment policy", expand: assignmentPolicySpec.expand },
  { method: "PUT", path: `/${EM}/assignmentPolicies/{id}`, summary: "Replace an assignment policy", body: assignmentPolicyBody, status: 200 },
  { method: "DELETE", path: `/${EM}/assignmentPolicies/{id}`, summary: "Delete an assignment policy without assignments or history", status: 204 },
] as const;
