import { and, count, eq, inArray, type SQL } from "drizzle-orm";
import { z } from "zod";
import { accessPackages, catalogs, resourceRoles, resources, type AccessPackage, type Catalog } from "@/db/schema";
import type { Ctx } from "@/lib/auth/actor";
import { invalid, parseInput } from "@/lib/errors";
import { requirePermission } from "@/lib/auth/permissions";
import { withRefusalAudit } from "@/lib/audit/with-refusal-audit";
import { createAccessPackageInput } from "@/lib/packages/create-access-package";
import { updateAccessPackageInput } from "@/lib/packages/update-access-package";
import { loadPackage, loadPolicies } from "@/lib/packages/load";
import { listResourceRoleScopes, type ResourceRoleScopeDetail } from "@/lib/packages/resource-role-scopes";
import { isUuid } from "@/lib/packages/load";
import type { Policy } from "@/lib/policies/settings";
import { runODataList, type ODataPage, type ODataQuery, type ODataSpec } from "./odata";
import { toGraphPolicy } from "./assignment-policies";
import { catalogCondition, toGraphAccessPackageSummary, toGraphCatalog, toGraphResource, toGraphResourceRole } from "./catalogs";

const EM = "identityGovernance/entitlementManagement";
const uuid = (what: string) => z.uuid(`${what} must be an id`);

// ---------------------------------------------------------------- bodies (exported for the OpenAPI document)

/** POST …/accessPackages (Graph accessPackage): the package's catalog is `catalog: { id }`. */
export const createAccessPackageBody = z.object({
  displayName: createAccessPackageInput.shape.displayName,
  description: createAccessPackageInput.shape.description,
  isHidden: createAccessPackageInput.shape.isHidden,
  catalog: z.object({ id: uuid("catalog.id") }, { message: "catalog is required: { \"id\": \"<catalog id>\" }" }),
});

/** PATCH …/accessPackages/{id}: any of displayName, description, isHidden. */
export const updateAccessPackageBody = updateAccessPackageInput.omit({ accessPackageId: true });

const originSystem = z.string().min(1).max(64);
/** POST …/accessPackages/{id}/resourceRoleScopes (Graph accessPackageResourceRoleScope). */
export const createResourceRoleScopeBody = z.object({
  role: z.object(
    {
      id: uuid("role.id").optional(),
      originId: z.string({ message: "role.originId is required (e.g. Member, or an app role id)" }).min(1, "role.originId is required").max(300),
      displayName: z.string().max(256).optional(),
      originSystem: originSystem.optional(),
      resource: z.object(
        { id: uuid("role.resource.id").optional(), originId: z.string().max(300).optional(), originSystem: originSystem.optional() },
        { message: "role.resource is required: { id } of the catalog resource, or { originId, originSystem }" },
      ),
    },
    { message: "role is required: { originId, originSystem, resource: { id } }" },
  ),
  scope: z.object({ id: z.string().optional(), originId: z.string().max(300).optional(), originSystem: originSystem.optional() }).optional(),
});

/** POST …/incompatibleAccessPackages/$ref and …/incompatibleGroups/$ref: a reference to the other object by URL. */
export const refBody = z.object({ "@odata.id": z.string({ message: "@odata.id is required: the URL of the object to reference" }).min(1).max(2000) });

/** POST …/accessPackages/{id}/getApplicablePolicyRequirements: optionally for whom (an agent one sponsors or owns). */
export const applicableRequirementsBody = z
  .object({ subject: z.object({ objectId: uuid("subject.objectId").optional(), id: uuid("subject.id").optional() }).optional() })
  .optional();

/** The id at the end of an `@odata.id` such as https://host/api/v1.0/…/accessPackages/{id} or …/groups('{id}'). */
export function idFromRef(body: unknown, collection: "accessPackages" | "groups"): string {
  const { "@odata.id": ref } = parseInput(refBody, body);
  const m = new RegExp(`(?:^|/)${collection}(?:/|\\(')?([0-9a-fA-F-]{36})(?:'\\))?/?$`).exec(ref.trim());
  if (!m || !isUuid(m[1])) {
    throw invalid(`@odata.id must be the URL of ${collection === "groups" ? "a group, ending in /groups/{id}" : "an access package, ending in /accessPackages/{id}"}.`, { "@odata.id": ["not a reference to " + collection] });
  }
  return m[1].toLowerCase();
}

// ---------------------------------------------------------------- Graph shapes

/**
 * Graph's accessPackageResourceRoleScope. Steward hands out a resource's roles at its root scope only, so the scope
 * is the resource itself (its id is the resource's id).
 */
export function toGraphResourceRoleScope(s: ResourceRoleScopeDetail) {
  return {
    id: s.id,
    createdDateTime: s.createdAt.toISOString(),
    role: { ...toGraphResourceRole(s.role, s.resource.originSystem), resource: toGraphResource(s.resource) },
    scope: { id: s.resource.id, displayName: "Root", description: "Root scope", originId: s.resource.originId, originSystem: s.resource.originSystem, isRootScope: true },
  };
}

export type PackageExpansions = { catalog?: Catalog; resourceRoleScopes?: ResourceRoleScopeDetail[]; assignmentPolicies?: Policy[] };

export type GraphAccessPackage = { id: string; displayName: string; description: string; isHidden: boolean; createdDateTime: string; modifiedDateTime: string } & Record<string, unknown>;

export function toGraphAccessPackage(p: Pick<AccessPackage, "id" | "displayName" | "description" | "isHidden" | "createdAt" | "modifiedAt">, x: PackageExpansions = {}): GraphAccessPackage {
  return {
    ...toGraphAccessPackageSummary(p),
    ...(x.catalog ? { catalog: toGraphCatalog(x.catalog) } : {}),
    ...(x.resourceRoleScopes ? { resourceRoleScopes: x.resourceRoleScopes.map(toGraphResourceRoleScope) } : {}),
    ...(x.assignmentPolicies ? { assignmentPolicies: x.assignmentPolicies.map((pol) => toGraphPolicy(pol)) } : {}),
  };
}

// ---------------------------------------------------------------- $expand with nested options

const NESTED_OK: Record<string, RegExp> = {
  // Steward always returns a scope's role (with its resource) and scope, so these nested expansions are already met.
  resourceRoleScopes: /^\$expand=(?:role(?:\(\$expand=resource\))?|scope)(?:,(?:role(?:\(\$expand=resource\))?|scope))*$/i,
};

/**
 * The request URL with nested $expand options Steward always satisfies (e.g. resourceRoleScopes($expand=role,scope))
 * reduced to the plain navigation property, so the OData layer sees names only; anything else is left for it to refuse.
 */
export function withPlainExpand(reqUrl: string): URL {
  const url = new URL(reqUrl);
  for (const key of [...url.searchParams.keys()]) {
    if (key.trim().toLowerCase() !== "$expand") continue;
    const src = url.searchParams.get(key)!;
    const items: string[] = [];
    let depth = 0;
    let cur = "";
    for (const ch of src) {
      if (ch === "(") depth++;
      if (ch === ")") depth--;
      if (ch === "," && depth === 0) {
        items.push(cur);
        cur = "";
      } else cur += ch;
    }
    items.push(cur);
    const plain = items.map((item) => {
      const m = /^\s*(\w+)\s*\((.*)\)\s*$/.exec(item);
      if (!m) return item;
      const name = Object.keys(NESTED_OK).find((n) => n.toLowerCase() === m[1].toLowerCase());
      return name && NESTED_OK[name].test(m[2].replace(/\s+/g, "")) ? m[1] : item;
    });
    url.searchParams.set(key, plain.join(","));
  }
  return url;
}

// ---------------------------------------------------------------- lists

export const accessPackageSpec: ODataSpec = {
  entitySet: `${EM}/accessPackages`,
  fields: {
    id: { type: "guid", column: accessPackages.id },
    displayName: { type: "string", column: accessPackages.displayName, sort: true },
    description: { type: "string", column: accessPackages.description },
    isHidden: { type: "boolean", column: accessPackages.isHidden },
    "catalog/id": { type: "guid", column: accessPackages.catalogId },
    createdDateTime: { type: "datetime", column: accessPackages.createdAt, sort: true },
    modifiedDateTime: { type: "datetime", column: accessPackages.modifiedAt, sort: true },
  },
  select: ["id", "displayName", "description", "isHidden", "createdDateTime", "modifiedDateTime"],
  expand: ["catalog", "resourceRoleScopes", "assignmentPolicies"],
  defaultOrderBy: [{ field: "displayName" }],
  key: accessPackages.id,
};

/** The expansions of a set of packages, loaded in one query each. */
export async function expandPackages(ctx: Ctx, pkgs: AccessPackage[], expand: Set<string>): Promise<Map<string, PackageExpansions>> {
  const out = new Map<string, PackageExpansions>(pkgs.map((p) => [p.id, {}]));
  if (pkgs.length === 0) return out;
  if (expand.has("catalog")) {
    const rows = await ctx.db.select().from(catalogs).where(inArray(catalogs.id, [...new Set(pkgs.map((p) => p.catalogId))]));
    for (const p of pkgs) out.get(p.id)!.catalog = rows.find((c) => c.id === p.catalogId);
  }
  if (expand.has("resourceRoleScopes")) {
    const scopes = await listResourceRoleScopes(ctx.db, pkgs.map((p) => p.id));
    for (const p of pkgs) out.get(p.id)!.resourceRoleScopes = scopes.filter((s) => s.accessPackageId === p.id);
  }
  if (expand.has("assignmentPolicies")) {
    for (const p of pkgs) out.get(p.id)!.assignmentPolicies = await loadPolicies(ctx.db, p.id);
  }
  return out;
}

/** GET …/accessPackages: the packages of the catalogs the caller may read, with OData. */
export async function listGraphAccessPackages(ctx: Ctx, q: ODataQuery): Promise<{ page: ODataPage<AccessPackage>; items: Record<string, unknown>[] }> {
  const base = await catalogCondition(ctx, "catalogs.read", accessPackages.catalogId);
  const page = await runODataList(q, base, {
    rows: ({ where, orderBy, limit, offset }) => ctx.db.select().from(accessPackages).where(where).orderBy(...orderBy).limit(limit).offset(offset),
    count: async (where) => Number((await ctx.db.select({ n: count() }).from(accessPackages).where(where))[0]?.n ?? 0),
  });
  const x = await expandPackages(ctx, page.rows, q.expand);
  return { page, items: page.rows.map((p) => toGraphAccessPackage(p, x.get(p.id))) };
}

/** GET …/accessPackages/{id}: requires catalogs.read on the package's catalog. */
export async function getGraphAccessPackage(ctx: Ctx, accessPackageId: string, expand: Set<string>): Promise<GraphAccessPackage> {
  const pkg = await loadPackage(ctx.db, accessPackageId);
  await requirePermission(ctx, "catalogs.read", { catalogId: pkg.catalogId });
  const x = await expandPackages(ctx, [pkg], expand);
  return toGraphAccessPackage(pkg, x.get(pkg.id));
}

/**
 * Finds the catalog resource role a Graph resourceRoleScope body names: the resource by id (or by originId and
 * originSystem) in the package's catalog, then its role by id or originId ("Member", or Entra's "Member_<groupId>").
 * Anything not found is a 400 saying what.
 */
export async function resolveRoleFromBody(ctx: Ctx, accessPackageId: string, body: unknown): Promise<string> {
  const b = parseInput(createResourceRoleScopeBody, body);
  const pkg = await loadPackage(ctx.db, accessPackageId);
  // Permission before anything about the catalog's resources is revealed; a refusal is audited as the verb would.
  await withRefusalAudit(
    ctx,
    () => ({ action: "accessPackage.addResourceRoleScope", targetType: "accessPackage", targetId: pkg.id }),
    () => requirePermission(ctx, "packages.write", { catalogId: pkg.catalogId }),
  );
  const r = b.role.resource;
  const conds: SQL[] = [eq(resources.catalogId, pkg.catalogId)];
  if (r.id) conds.push(eq(resources.id, r.id));
  else if (r.originId && isUuid(r.originId)) conds.push(eq(resources.originId, r.originId));
  else throw invalid("role.resource needs the id of a resource in the package's catalog (or its originId and originSystem).", { "role.resource.id": ["required"] });
  const found = await ctx.db.select().from(resources).where(and(...conds));
  const resource = found.find((x) => !r.originSystem || x.originSystem === r.originSystem) ?? (r.originSystem ? undefined : found[0]);
  if (!resource) {
    throw invalid(`The resource ${r.id ?? `${r.originSystem ?? ""} ${r.originId}`.trim()} is not in this package's catalog; add it to the catalog first (resourceRequests).`, { "role.resource": ["not in the package's catalog"] });
  }
  if (b.scope?.originId && b.scope.originId !== resource.originId) {
    throw invalid(`Steward hands out roles at the resource's root scope only: scope.originId must be ${resource.originId}.`, { "scope.originId": ["must be the resource's originId"] });
  }
  const roles = await ctx.db.select().from(resourceRoles).where(eq(resourceRoles.resourceId, resource.id));
  const suffix = `_${resource.originId}`;
  const wanted = b.role.originId.toLowerCase().endsWith(suffix.toLowerCase()) ? b.role.originId.slice(0, -suffix.length) : b.role.originId;
  const role = b.role.id ? roles.find((x) => x.id === b.role.id) : roles.find((x) => x.originId.toLowerCase() === wanted.toLowerCase());
  if (!role) {
    throw invalid(`${resource.displayName} has no role ${b.role.id ?? b.role.originId}; its roles are ${roles.map((x) => x.originId).join(", ") || "none"}.`, { "role.originId": ["not a role of this resource"] });
  }
  return role.id;
}

// ---------------------------------------------------------------- route descriptors (for the OpenAPI document)

export const accessPackageRoutes = [
  { method: "GET", path: `/${EM}/accessPackages`, summary: "List access packages", odata: accessPackageSpec },
  { method: "POST", path: `/${EM}/accessPackages`, summary: "Create an access package", body: createAccessPackageBody, status: 201 },
  { method: "GET", path: `/${EM}/accessPackages/{id}`, summary: "Get an access package", expand: accessPackageSpec.expand },
  { method: "PATCH", path: `/${EM}/accessPackages/{id}`, summary: "Update an access package", body: updateAccessPackageBody, status: 200 },
  { method: "DELETE", path: `/${EM}/accessPackages/{id}`, summary: "Delete an access package without assignments or history", status: 204 },
  { method: "GET", path: `/${EM}/accessPackages/{id}/resourceRoleScopes`, summary: "List the resource roles a package hands out" },
  { method: "POST", path: `/${EM}/accessPackages/{id}/resourceRoleScopes`, summary: "Add a resource role to a package", body: createResourceRoleScopeBody, status: 201 },
  { method: "DELETE", path: `/${EM}/accessPackages/{id}/resourceRoleScopes/{scopeId}`, summary: "Remove a resource role from a package", status: 204 },
  { method: "GET", path: `/${EM}/accessPackages/{id}/incompatibleAccessPackages`, summary: "List incompatible access packages" },
  { method: "POST", path: `/${EM}/accessPackages/{id}/incompatibleAccessPackages/$ref`, summary: "Add an incompatible access package", body: refBody, status: 204 },
  { method: "DELETE", path: `/${EM}/accessPackages/{id}/incompatibleAccessPackages/{otherId}/$ref`, summary: "Remove an incompatible access package", status: 204 },
  { method: "GET", path: `/${EM}/accessPackages/{id}/incompatibleGroups`, summary: "List incompatible groups" },
  { method: "POST", path: `/${EM}/accessPackages/{id}/incompatibleGroups/$ref`, summary: "Add an incompatible group", body: refBody, status: 204 },
  { method: "DELETE", path: `/${EM}/accessPackages/{id}/incompatibleGroups/{groupId}/$ref`, summary: "Remove an incompatible group", status: 204 },
  { method: "POST", path: `/${EM}/accessPackages/{id}/getApplicablePolicyRequirements`, summary: "Policies the caller (or a subject) may request under, and what each needs", body: applicableRequirementsBody, status: 200 },
] as const;
