/**
 * The OpenAPI 3.1 document of Steward's HTTP API, built from a registry of operations. Request bodies are the
 * same zod schemas that validate requests (z.toJSONSchema), so the document cannot drift from validation.
 * A test asserts that every app/api/** route file and method is registered here.
 */
import { z } from "zod";
import { SEED_IDS } from "@/db/seed";
import { tokenRequestSchema } from "@/lib/auth/client-credentials";
import { AUTHORIZATION_SERVER_METADATA_PATH, AUTHORIZE_PATH, JWKS_PATH, OPENID_CONFIGURATION_PATH, TOKEN_PATH } from "@/lib/auth/discovery";
import { MCP_RESOURCE_METADATA_PATH } from "@/lib/mcp/protected-resource";
import { accessPackageRoutes } from "./access-packages";
import { approvalRoutes } from "./approvals";
import { assignmentPolicyRoutes } from "./assignment-policies";
import { assignmentRequestRoutes } from "./assignment-requests";
import { assignmentRoutes } from "./assignments";
import { catalogRoutes } from "./catalogs";
import { resourceRequestRoutes } from "./resource-requests";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** Minimal shape of an OData list spec (lib/api/odata.ts ODataSpec), for documenting query options. */
type ODataDoc = { select: readonly string[]; expand?: readonly string[]; fields: Record<string, { filter?: boolean; sort?: boolean }> };

/**
 * A route as the API modules describe it (they export arrays of these beside their body schemas).
 * `path` is Graph's path below /api/v1.0 (e.g. `/identityGovernance/entitlementManagement/catalogs/{id}`) or a
 * full path starting with /api/.
 */
export type RouteDescriptor = {
  method: HttpMethod;
  path: string;
  summary: string;
  description?: string;
  body?: z.ZodType;
  /** Success status (default 200). */
  status?: number;
  /** A list endpoint with OData query options. */
  odata?: ODataDoc;
  /** $expand options of a single-entity GET. */
  expand?: readonly string[];
};

export type Auth = "bearer" | "public" | "session";

export type Example = { params?: Record<string, string>; query?: string; body?: unknown; headers?: Record<string, string> };

export type Operation = {
  method: HttpMethod;
  /** OpenAPI path template from the site root, e.g. /api/v1.0/…/catalogs/{id}. */
  path: string;
  /** The route file that serves it, relative to the project root. */
  file: string;
  operationId: string;
  summary: string;
  description?: string;
  tag: string;
  auth: Auth;
  body?: z.ZodType;
  bodyContentType: "application/json" | "application/x-www-form-urlencoded";
  /** JSON Schema of a response that is not a Graph entity (discovery, JWKS, token). */
  responseSchema?: Record<string, unknown>;
  successStatus: number;
  odata?: ODataDoc;
  expand?: readonly string[];
  extraQuery?: { name: string; description: string; required?: boolean; schema: Record<string, unknown> }[];
  example: Example;
};

const V1 = "/api/v1.0";
const EM = `${V1}/identityGovernance/entitlementManagement`;

const TAGS: { name: string; description: string }[] = [
  { name: "Authentication", description: "OAuth 2.0 client credentials for agent identities and service principals, OpenID discovery and signing keys." },
  { name: "Catalogs", description: "Containers of resources and access packages." },
  { name: "Resource requests", description: "Adding and removing resources in catalogs." },
  { name: "Access packages", description: "Bundles of resource roles that principals request." },
  { name: "Assignment policies", description: "Who may request a package, approval, expiry and questions." },
  { name: "Assignment requests", description: "Requests for access, by agents for themselves, sponsors on behalf, or administrators." },
  { name: "Assignments", description: "Access that has been delivered." },
  { name: "Approvals", description: "Approval stages of pending requests, for the approvers." },
  { name: "Agents (MCP)", description: "Model Context Protocol server where the calling agent is the principal." },
  { name: "Service", description: "Health and the API description." },
];

function tagFor(path: string): string {
  const seg = /\/entitlementManagement\/([A-Za-z]+)/.exec(path)?.[1];
  const byCollection: Record<string, string> = {
    catalogs: "Catalogs",
    resourceRequests: "Resource requests",
    accessPackages: "Access packages",
    assignmentPolicies: "Assignment policies",
    assignmentRequests: "Assignment requests",
    assignments: "Assignments",
    accessPackageAssignmentApprovals: "Approvals",
    approvals: "Approvals",
  };
  return (seg && byCollection[seg]) ?? "Service";
}

/** `{id}` → `[id]`; a Graph function segment (`filterByCurrentUser(on='target')`) is served by the `[id]` route beside it. */
export function routeFileFor(path: string): string {
  const segments = path.split("/").map((seg) => (/^\w+\(.*\)$/.test(seg) ? "[id]" : seg.replace(/^\{(\w+)\}$/, "[$1]")));
  return `app${segments.join("/")}/route.ts`;
}

function operationIdFor(method: HttpMethod, path: string): string {
  const words = path
    .replace(/^\/api\/(v1\.0\/)?/, "")
    .replace(/identityGovernance\/entitlementManagement\//, "")
    .split("/")
    .filter(Boolean)
    .map((s) => s.replace(/[{}$.()'=]/g, "").replace(/^./, (c) => c.toUpperCase()));
  return `${method.toLowerCase()}${words.join("")}`;
}

const ops: Operation[] = [];

/** A descriptor's path is under /api/v1.0 unless it is already absolute (/api/…, /.well-known/…). */
const fullPath = (p: string) => (p.startsWith("/api/") || p.startsWith("/.well-known/") ? p : `${V1}${p}`);

/** Adds operations to the registry (the API modules' descriptor arrays, or one-off routes). */
export function registerOperations(list: readonly (RouteDescriptor & { file?: string; tag?: string; auth?: Auth; example?: Example; responseSchema?: Record<string, unknown>; bodyContentType?: Operation["bodyContentType"]; extraQuery?: Operation["extraQuery"] })[]) {
  for (const original of list) {
    const d = { ...original, ...OVERRIDES[`${original.method} ${fullPath(original.path)}`] };
    const path = fullPath(d.path);
    const key = `${d.method} ${path}`;
    if (ops.some((o) => `${o.method} ${o.path}` === key)) continue;
    ops.push({
      method: d.method,
      path,
      file: d.file ?? routeFileFor(path),
      operationId: operationIdFor(d.method, path),
      summary: d.summary,
      description: d.description,
      tag: d.tag ?? tagFor(path),
      auth: d.auth ?? "bearer",
      body: d.body,
      bodyContentType: d.bodyContentType ?? "application/json",
      responseSchema: d.responseSchema,
      successStatus: d.status ?? 200,
      odata: d.odata,
      expand: d.expand,
      extraQuery: d.extraQuery,
      example: d.example ?? EXAMPLES[key] ?? {},
    });
  }
}

const S = SEED_IDS;
const ref = (set: string, id: string) => ({ "@odata.id": `https://graph.microsoft.com/v1.0/${set}/${id}` });

const POLICY_EXAMPLE = {
  displayName: "Agents, one approval",
  description: "Agents request for themselves; Steward Automation approves.",
  allowedTargetScope: "allDirectoryAgentIdentities",
  requestorSettings: { enableTargetsToSelfAddAccess: true },
  requestApprovalSettings: {
    isApprovalRequiredForAdd: true,
    stages: [{ durationBeforeAutomaticDenial: "P14D", primaryApprovers: [{ "@odata.type": "#microsoft.graph.singleServicePrincipal", servicePrincipalId: S.servicePrincipals.stewardAutomation }] }],
  },
  expiration: { type: "afterDuration", duration: "P30D" },
  accessPackage: { id: S.packages.supportTicketTriage },
};

/** Documented example requests (shown in the document and the "Try it" panel, run by the coverage test), by "METHOD path". */
export const EXAMPLES: Record<string, Example> = {
  [`GET ${EM}/catalogs`]: { query: "$filter=state eq 'published'&$top=5&$count=true" },
  [`POST ${EM}/catalogs`]: { body: { displayName: "Engineering tools", description: "Developer tooling handed out to people and agents", isExternallyVisible: false } },
  [`GET ${EM}/catalogs/{id}`]: { params: { id: S.catalogs.agentPlatform } },
  [`PATCH ${EM}/catalogs/{id}`]: { params: { id: S.catalogs.agentPlatform }, body: { description: "Access for AI agents: groups, API permissions and directory roles" } },
  [`DELETE ${EM}/catalogs/{id}`]: { params: { id: "<id of an empty catalog>" } },
  [`GET ${EM}/catalogs/{id}/resources`]: { params: { id: S.catalogs.agentPlatform }, query: "$expand=roles" },
  [`GET ${EM}/catalogs/{id}/resourceRoles`]: { params: { id: S.catalogs.agentPlatform }, query: "$filter=originSystem eq 'AadGroup'&$expand=resource" },
  [`GET ${EM}/catalogs/{id}/accessPackages`]: { params: { id: S.catalogs.agentPlatform } },
  [`POST ${EM}/resourceRequests`]: { body: { requestType: "adminAdd", resource: { originId: S.groups.engineeringAll, originSystem: "AadGroup" }, catalog: { id: S.catalogs.agentPlatform }, justification: "Engineering-wide group for agent packages" } },
  [`POST ${EM}/accessPackages`]: { body: { displayName: "Support tier 2 (read)", description: "Membership of Support Tier 2", catalog: { id: S.catalogs.agentPlatform } } },
  [`GET ${EM}/accessPackages`]: { query: "$expand=catalog&$top=10" },
  [`GET ${EM}/accessPackages/{id}`]: { params: { id: S.packages.supportTicketTriage }, query: "$expand=resourceRoleScopes($expand=role,scope)" },
  [`PATCH ${EM}/accessPackages/{id}`]: { params: { id: S.packages.supportTicketTriage }, body: { description: "Ticket triage for support agents, approved by Security Operations" } },
  [`DELETE ${EM}/accessPackages/{id}`]: { params: { id: "<id of a package without assignments>" } },
  [`GET ${EM}/accessPackages/{id}/resourceRoleScopes`]: { params: { id: S.packages.supportTicketTriage } },
  [`POST ${EM}/accessPackages/{id}/resourceRoleScopes`]: { params: { id: "<access package id>" }, body: { role: { originId: "Member", originSystem: "AadGroup", resource: { id: S.resources.supportTier2 } }, scope: { originId: S.groups.supportTier2, originSystem: "AadGroup" } } },
  [`DELETE ${EM}/accessPackages/{id}/resourceRoleScopes/{scopeId}`]: { params: { id: "<access package id>", scopeId: "<resource role scope id>" } },
  [`GET ${EM}/accessPackages/{id}/incompatibleAccessPackages`]: { params: { id: S.packages.supportTicketTriage } },
  [`POST ${EM}/accessPackages/{id}/incompatibleAccessPackages/$ref`]: { params: { id: S.packages.helpdeskOperator }, body: ref("identityGovernance/entitlementManagement/accessPackages", S.packages.productionBreakGlass) },
  [`DELETE ${EM}/accessPackages/{id}/incompatibleAccessPackages/{otherId}/$ref`]: { params: { id: S.packages.helpdeskOperator, otherId: S.packages.productionBreakGlass } },
  [`GET ${EM}/accessPackages/{id}/incompatibleGroups`]: { params: { id: S.packages.supportTicketTriage } },
  [`POST ${EM}/accessPackages/{id}/incompatibleGroups/$ref`]: { params: { id: S.packages.helpdeskOperator }, body: ref("groups", S.groups.projectPhoenix) },
  [`DELETE ${EM}/accessPackages/{id}/incompatibleGroups/{groupId}/$ref`]: { params: { id: S.packages.helpdeskOperator, groupId: S.groups.projectPhoenix } },
  [`POST ${EM}/accessPackages/{id}/getApplicablePolicyRequirements`]: { params: { id: S.packages.directoryRead8h }, body: { subject: { objectId: S.agents.kbCurator } } },
  [`GET ${EM}/assignmentPolicies`]: { query: `$filter=accessPackage/id eq '${S.packages.supportTicketTriage}'` },
  [`POST ${EM}/assignmentPolicies`]: { body: POLICY_EXAMPLE },
  [`GET ${EM}/assignmentPolicies/{id}`]: { params: { id: S.policies.supportTicketTriage }, query: "$expand=accessPackage" },
  [`PUT ${EM}/assignmentPolicies/{id}`]: { params: { id: "<policy id>" }, body: { ...POLICY_EXAMPLE, displayName: "Agents, one approval (30 days)" } },
  [`DELETE ${EM}/assignmentPolicies/{id}`]: { params: { id: "<id of a policy without assignments>" } },
  [`POST ${EM}/assignmentRequests`]: {
    body: {
      requestType: "adminAdd",
      assignment: { accessPackageId: S.packages.directoryRead8h, assignmentPolicyId: S.policies.directoryRead8h, targetId: S.agents.kbCurator },
      justification: "The knowledge-base curator reads the directory to link articles to owners",
    },
  },
  [`GET ${EM}/assignmentRequests`]: { query: "$filter=state eq 'delivered'&$top=5" },
  [`GET ${EM}/assignmentRequests/{id}`]: { params: { id: "<request id>" } },
  [`GET ${EM}/assignmentRequests/filterByCurrentUser(on='{on}')`]: { params: { on: "createdBy" } },
  [`POST ${EM}/assignmentRequests/{id}/cancel`]: { params: { id: "<id of a pending request you made>" } },
  [`POST ${EM}/assignmentRequests/{id}/reprocess`]: { params: { id: "<id of a request whose delivery failed>" } },
  [`GET ${EM}/assignments`]: { query: "$filter=state eq 'delivered'&$expand=target,accessPackage&$count=true" },
  [`GET ${EM}/assignments/{id}`]: { params: { id: "<assignment id>" } },
  [`GET ${EM}/assignments/additionalAccess(accessPackageId='{accessPackageId}',incompatibleAccessPackageId='{incompatibleAccessPackageId}')`]: {
    params: { accessPackageId: S.packages.helpdeskOperator, incompatibleAccessPackageId: S.packages.productionBreakGlass },
  },
  [`POST ${EM}/assignments/{id}/reprocess`]: { params: { id: "<id of a partially delivered or failed assignment>" } },
  [`GET ${EM}/accessPackageAssignmentApprovals/{id}`]: { params: { id: "<request id>" } },
  [`PATCH ${EM}/accessPackageAssignmentApprovals/{id}/stages/{stageId}`]: { params: { id: "<request id>", stageId: "<stage id>" }, body: { reviewResult: "Approve", justification: "Needed for the support rotation" } },
};

/** Corrections to the modules' descriptors for the document (OpenAPI path templates, descriptions). */
const OVERRIDES: Record<string, Partial<RouteDescriptor>> = {
  [`GET ${EM}/assignmentRequests/filterByCurrentUser(on='target'|'createdBy')`]: {
    path: `${EM}/assignmentRequests/filterByCurrentUser(on='{on}')`,
    description: "Graph's function: the caller's requests as target (`on='target'`) or as requestor (`on='createdBy'`).",
  },
  [`GET ${EM}/assignments/additionalAccess(accessPackageId='{id}',incompatibleAccessPackageId='{id}')`]: {
    path: `${EM}/assignments/additionalAccess(accessPackageId='{accessPackageId}',incompatibleAccessPackageId='{incompatibleAccessPackageId}')`,
  },
  [`POST ${EM}/assignmentRequests`]: {
    description:
      "An agent requests for itself (`userAdd`, target = the caller), an administrator or assignment manager assigns directly (`adminAdd`/`adminRemove`). Auto-approved policies deliver at once (state `delivered`).",
  },
  [`GET ${EM}/accessPackageAssignmentApprovals/{id}`]: { description: "The approval of a request has the request's id; its stages carry the decisions." },
  // The route answers 204 No Content (as Graph's v1.0 update does); the descriptor said 200.
  [`PATCH ${EM}/accessPackages/{id}`]: { status: 204 },
};

// ------------------------------------------------------------------------------------------ the registry

const discoverySchema = {
  type: "object",
  required: ["issuer", "authorization_endpoint", "token_endpoint", "jwks_uri", "grant_types_supported", "response_types_supported"],
  properties: {
    issuer: { type: "string", format: "uri" },
    authorization_endpoint: { type: "string", format: "uri" },
    token_endpoint: { type: "string", format: "uri" },
    jwks_uri: { type: "string", format: "uri" },
    grant_types_supported: { type: "array", items: { const: "client_credentials" } },
    token_endpoint_auth_methods_supported: { type: "array", items: { enum: ["client_secret_post", "client_secret_basic"] } },
    response_types_supported: { type: "array", items: { type: "string" }, description: "Empty: the authorization endpoint offers no flow." },
    id_token_signing_alg_values_supported: { type: "array", items: { type: "string" } },
    scopes_supported: { type: "array", items: { type: "string" } },
  },
};

const jwksSchema = {
  type: "object",
  required: ["keys"],
  properties: { keys: { type: "array", items: { type: "object", required: ["kty", "kid"], properties: { kty: { const: "OKP" }, crv: { const: "Ed25519" }, x: { type: "string" }, kid: { type: "string" }, alg: { const: "EdDSA" }, use: { const: "sig" } } } } },
};

const tokenResponseSchema = {
  type: "object",
  required: ["access_token", "token_type", "expires_in"],
  properties: { access_token: { type: "string", description: "An EdDSA-signed JWT; `roles` lists a service principal's application permissions." }, token_type: { const: "Bearer" }, expires_in: { type: "integer" }, ext_expires_in: { type: "integer" } },
};

registerOperations([
  {
    method: "POST",
    path: TOKEN_PATH,
    summary: "Get an access token (client credentials)",
    description:
      "OAuth 2.0 client credentials grant, form-encoded, as Microsoft Entra's v2.0 token endpoint. The client id and secret go in the form (`client_secret_post`) or in HTTP Basic authentication (`client_secret_basic`: `Authorization: Basic base64(client_id:client_secret)`), not both. Create a client secret with `npm run steward -- credentials add <principal>` or in the portal. Errors use OAuth's shape (`error`, `error_description`).",
    tag: "Authentication",
    auth: "public",
    body: tokenRequestSchema,
    bodyContentType: "application/x-www-form-urlencoded",
    status: 200,
    responseSchema: tokenResponseSchema,
    example: { body: { grant_type: "client_credentials", client_id: SEED_IDS.applicationAppIds.stewardAutomation, client_secret: "<client secret>", scope: "https://graph.microsoft.com/.default" } },
  },
  {
    method: "GET",
    path: OPENID_CONFIGURATION_PATH,
    summary: "OpenID discovery document",
    description: "The issuer is `<origin>/api`: OpenID clients discover it from that URL (for example openid-client's `discovery(new URL('<origin>/api'), clientId, secret)`, with `execute: [allowInsecureRequests]` over plain http). Access tokens carry the same `iss`.",
    tag: "Authentication",
    auth: "public",
    responseSchema: discoverySchema,
    file: "app/api/.well-known/openid-configuration/route.ts",
  },
  {
    method: "GET",
    path: AUTHORIZATION_SERVER_METADATA_PATH,
    summary: "OAuth authorization server metadata (RFC 8414)",
    description: "The discovery document where RFC 8414 clients look for the issuer `<origin>/api` (the MCP SDK tries it first).",
    tag: "Authentication",
    auth: "public",
    responseSchema: discoverySchema,
    file: "app/.well-known/oauth-authorization-server/api/route.ts",
  },
  ...(["GET", "POST"] as const).map((method) => ({
    method,
    path: AUTHORIZE_PATH,
    summary: "Authorization endpoint (not offered: client credentials only)",
    description: "Named in the discovery document because its formats require one. Every request gets 400 `unsupported_response_type`: agents and service principals get tokens at the token endpoint, people sign in to the portal.",
    tag: "Authentication",
    auth: "public" as const,
    status: 400,
    responseSchema: { type: "object", required: ["error", "error_description"], properties: { error: { const: "unsupported_response_type" }, error_description: { type: "string" } } },
  })),
  { method: "GET", path: JWKS_PATH, summary: "Public keys that verify access tokens (JWKS)", tag: "Authentication", auth: "public", responseSchema: jwksSchema },
  {
    method: "GET",
    path: "/api/auth/{nextauth}",
    summary: "Portal sign-in session endpoints (Auth.js)",
    description: "Browser sign-in for the portal (session, CSRF, providers, callback). Not for API clients: they use the token endpoint.",
    tag: "Authentication",
    auth: "public",
    file: "app/api/auth/[...nextauth]/route.ts",
    example: { params: { nextauth: "providers" } },
  },
  {
    method: "POST",
    path: "/api/auth/{nextauth}",
    summary: "Portal sign-in and sign-out (Auth.js)",
    description: "Browser form posts of the portal sign-in (with a CSRF token); answers with a redirect. Not for API clients.",
    tag: "Authentication",
    auth: "public",
    file: "app/api/auth/[...nextauth]/route.ts",
    status: 302,
    example: { params: { nextauth: "signin" } },
  },
  { method: "GET", path: "/api/health", summary: "Health check (database reachable)", tag: "Service", auth: "public", responseSchema: { type: "object", properties: { status: { enum: ["ok", "unavailable"] }, database: { enum: ["pglite", "postgres"] } } } },
  { method: "GET", path: "/api/openapi.json", summary: "This OpenAPI 3.1 document", tag: "Service", auth: "public", responseSchema: { type: "object", required: ["openapi", "paths"] } },
  {
    method: "GET",
    path: "/api/bench/baseline",
    summary: "Benchmark baseline: one primary-key read",
    description: "Used by bench/api.ts as the baseline the other cases are compared with. Answers 404 unless the server runs with STEWARD_BENCH_ROUTES=true.",
    tag: "Service",
    auth: "public",
    extraQuery: [{ name: "id", description: "A principal id.", required: true, schema: { type: "string", format: "uuid" } }],
    responseSchema: { type: "object", properties: { id: { type: "string" }, type: { type: "string" } } },
    example: { query: "id=00000000-0000-4000-8000-000000000101" },
  },
  {
    method: "GET",
    path: MCP_RESOURCE_METADATA_PATH,
    summary: "OAuth protected resource metadata of the MCP server (RFC 9728)",
    description: "Where an MCP client learns how to get a token for `/api/mcp`: the 401's `WWW-Authenticate` names this document in `resource_metadata`.",
    tag: "Agents (MCP)",
    auth: "public",
    file: "app/.well-known/oauth-protected-resource/api/mcp/route.ts",
    responseSchema: {
      type: "object",
      required: ["resource", "authorization_servers"],
      properties: { resource: { type: "string", format: "uri" }, authorization_servers: { type: "array", items: { type: "string", format: "uri" } }, bearer_methods_supported: { type: "array", items: { const: "header" } }, scopes_supported: { type: "array", items: { type: "string" } } },
    },
  },
  { method: "GET", path: "/api/mcp", summary: "Not offered: the MCP server is stateless (no server-sent event stream)", tag: "Agents (MCP)", auth: "public", status: 405 },
  { method: "DELETE", path: "/api/mcp", summary: "Not offered: the MCP server keeps no sessions to end", tag: "Agents (MCP)", auth: "public", status: 405 },
  { method: "POST", path: "/api/mcp", summary: "MCP server (Streamable HTTP, JSON-RPC)", description: "Model Context Protocol endpoint where the calling agent is the principal: tools to find, request and check access. Send JSON-RPC messages with `Accept: application/json, text/event-stream`.", tag: "Agents (MCP)", example: { body: { jsonrpc: "2.0", id: 1, method: "tools/list" }, headers: { accept: "application/json, text/event-stream" } } },
]);

registerOperations([...catalogRoutes, ...resourceRequestRoutes, ...accessPackageRoutes, ...assignmentPolicyRoutes, ...assignmentRequestRoutes, ...assignmentRoutes, ...approvalRoutes]);

/** Every registered operation. */
export function operations(): readonly Operation[] {
  return ops;
}

// ------------------------------------------------------------------------------------------ the document

function jsonSchema(schema: z.ZodType): Record<string, unknown> {
  const out = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as Record<string, unknown>;
  delete out.$schema;
  return out;
}

const graphErrorSchema = {
  type: "object",
  required: ["error"],
  properties: {
    error: {
      type: "object",
      required: ["code", "message", "innerError"],
      properties: {
        code: { type: "string", examples: ["BadRequest", "InvalidAuthenticationToken", "Forbidden", "ResourceNotFound", "Conflict", "TooManyRequests"] },
        message: { type: "string" },
        innerError: { type: "object", properties: { date: { type: "string", format: "date-time" }, "request-id": { type: "string" }, "client-request-id": { type: "string" } } },
      },
    },
  },
};

const entitySchema = { type: "object", additionalProperties: true, properties: { id: { type: "string", format: "uuid" } } };

function collectionSchema() {
  return {
    type: "object",
    required: ["value"],
    properties: {
      "@odata.context": { type: "string" },
      "@odata.count": { type: "integer", description: "With $count=true." },
      "@odata.nextLink": { type: "string", format: "uri", description: "The next page, when there is one." },
      value: { type: "array", items: { $ref: "#/components/schemas/Entity" } },
    },
  };
}

function odataParameters(op: Operation): Record<string, unknown>[] {
  const params: Record<string, unknown>[] = [];
  if (op.odata) {
    const filterable = Object.entries(op.odata.fields).filter(([, f]) => f.filter !== false).map(([k]) => k);
    const sortable = Object.entries(op.odata.fields).filter(([, f]) => f.sort).map(([k]) => k);
    params.push(
      { name: "$filter", in: "query", description: `OData filter (eq, ne, gt, ge, lt, le, in, and, or, not, startswith, contains). Properties: ${filterable.join(", ")}.`, schema: { type: "string" }, example: filterable[0] ? `${filterable[0]} ne null` : undefined },
      { name: "$select", in: "query", description: `Comma-separated properties: ${op.odata.select.join(", ")}.`, schema: { type: "string" } },
      { name: "$orderby", in: "query", description: sortable.length ? `Sort by ${sortable.join(", ")} (asc or desc).` : "Not supported on this collection.", schema: { type: "string" } },
      { name: "$top", in: "query", description: "Page size (1–999, default 100).", schema: { type: "integer", minimum: 1, maximum: 999 } },
      { name: "$count", in: "query", description: "Include @odata.count.", schema: { type: "boolean" } },
      { name: "$skiptoken", in: "query", description: "Opaque page token from @odata.nextLink.", schema: { type: "string" } },
    );
  }
  const expand = op.odata?.expand ?? op.expand;
  if (expand?.length) params.push({ name: "$expand", in: "query", description: `Navigation properties: ${expand.join(", ")}.`, schema: { type: "string" } });
  for (const q of op.extraQuery ?? []) params.push({ name: q.name, in: "query", description: q.description, required: q.required ?? false, schema: q.schema });
  return params;
}

const PARAM_TEXT: Record<string, string> = {
  id: "The object's id.",
  on: "`target` (requests for the caller) or `createdBy` (requests the caller made).",
  nextauth: "Auth.js action (providers, session, csrf, signin, signout, callback/…).",
  stageId: "The approval stage's id.",
};

function pathParameters(op: Operation): Record<string, unknown>[] {
  return [...op.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({
    name,
    in: "path",
    required: true,
    description: PARAM_TEXT[name] ?? (name.endsWith("Id") ? `The ${name.slice(0, -2)} id.` : `The ${name}.`),
    schema: { type: "string" },
    example: op.example.params?.[name],
  }));
}

const STATUS_TEXT: Record<number, string> = { 302: "Redirect", 200: "OK", 201: "Created", 202: "Accepted", 204: "No content", 400: "Bad request", 401: "Not authenticated", 403: "Forbidden", 404: "Not found", 409: "Conflict", 413: "Body larger than 1 MiB", 429: "Too many requests (see Retry-After)" };

function responses(op: Operation): Record<string, unknown> {
  const ok: Record<string, unknown> = { description: STATUS_TEXT[op.successStatus] ?? "Success" };
  const hasBody = op.successStatus !== 204 && op.successStatus !== 202 && op.successStatus !== 302 && !(op.successStatus === 200 && /\/cancel$/.test(op.path));
  if (hasBody && (op.auth === "bearer" || op.responseSchema)) {
    const schema = op.responseSchema ?? (op.odata || (op.method === "GET" && !/\{\w+\}$/.test(op.path) && op.path.startsWith(V1)) ? collectionSchema() : { $ref: "#/components/schemas/Entity" });
    ok.content = { "application/json": { schema } };
  }
  const out: Record<string, unknown> = { [op.successStatus]: ok };
  const err = (code: number) => ({ description: STATUS_TEXT[code], content: { "application/json": { schema: { $ref: "#/components/schemas/GraphError" } } } });
  if (op.path === TOKEN_PATH) {
    const oauth = (d: string) => ({ description: d, content: { "application/json": { schema: { type: "object", required: ["error"], properties: { error: { type: "string" }, error_description: { type: "string" } } } } } });
    return { ...out, 400: oauth("invalid_request, unsupported_grant_type or invalid_scope"), 401: oauth("invalid_client (WWW-Authenticate: Basic)"), 429: oauth("temporarily_unavailable (see Retry-After)") };
  }
  if (op.auth === "bearer") {
    out[400] = err(400);
    out[401] = err(401);
    out[403] = err(403);
    if (/\{\w+\}/.test(op.path)) out[404] = err(404);
    if (op.method !== "GET") {
      out[409] = err(409);
      out[413] = err(413);
    }
    out[429] = { ...err(429), headers: { "Retry-After": { description: "Seconds to wait.", schema: { type: "integer" } } } };
  }
  return out;
}

export type OpenApiDocument = Record<string, unknown> & { paths: Record<string, Record<string, Record<string, unknown>>> };

/** The OpenAPI 3.1 document; `origin` (e.g. https://steward.example.com) becomes the server URL. */
export function buildOpenApiDocument(origin = ""): OpenApiDocument {
  const paths: OpenApiDocument["paths"] = {};
  for (const op of ops) {
    const entry: Record<string, unknown> = {
      operationId: op.operationId,
      summary: op.summary,
      ...(op.description ? { description: op.description } : {}),
      tags: [op.tag],
      parameters: [...pathParameters(op), ...odataParameters(op)],
      responses: responses(op),
      security: op.auth === "bearer" ? [{ bearerAuth: [] }, { clientCredentials: ["https://graph.microsoft.com/.default"] }] : [],
    };
    if (op.body) {
      entry.requestBody = { required: true, content: { [op.bodyContentType]: { schema: jsonSchema(op.body), ...(op.example.body !== undefined ? { example: op.example.body } : {}) } } };
    }
    (paths[op.path] ??= {})[op.method.toLowerCase()] = entry;
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Steward API",
      version: "1.0.0",
      description:
        "Identity governance for people and AI agents. The entitlement management endpoints follow Microsoft Graph v1.0 (`identityGovernance/entitlementManagement`): field names, OData query options and error JSON. Authenticate with a bearer token from the client credentials flow.",
      license: { name: "MIT", identifier: "MIT" },
    },
    servers: [{ url: origin || "/", description: "This Steward server" }],
    tags: TAGS.filter((t) => ops.some((o) => o.tag === t.name)),
    paths,
    components: {
      schemas: { GraphError: graphErrorSchema, Entity: entitySchema },
      securitySchemes: {
        bearerAuth: { type: "http", scheme: "bearer", bearerFormat: "JWT", description: "An access token from the token endpoint." },
        clientCredentials: {
          type: "oauth2",
          description: "Client credentials for agent identities and service principals.",
          flows: { clientCredentials: { tokenUrl: `${origin}${TOKEN_PATH}`, scopes: { "https://graph.microsoft.com/.default": "The permissions granted to the client." } } },
        },
      },
    },
  };
}
