import { count, eq, inArray, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { accessPackages, assignmentRequests, requestState, requestType, type AssignmentRequest } from "@/db/schema";
import { nowOf, type Ctx } from "@/lib/auth/actor";
import { visibleCatalogs } from "@/lib/catalogs/visible-catalogs";
import { parseInput } from "@/lib/errors";
import { toGraphAssignment } from "./assignments";
import { parseODataQuery, runODataList, type ODataSpec } from "./odata";
import { loadRelated } from "./related";
import type { SubmitRequestInput } from "@/lib/requests/submit-request";

/** Graph's body for POST assignmentRequests (v1.0 accessPackageAssignmentRequest). */
export const graphAssignmentRequestBody = z.object({
  requestType: z.enum(["userAdd", "userUpdate", "userRemove", "adminAdd", "adminUpdate", "adminRemove"], {
    message: "requestType must be userAdd, userUpdate, userRemove, adminAdd, adminUpdate or adminRemove",
  }),
  assignment: z.object(
    {
      id: z.uuid("assignment.id must be an id").optional(),
      accessPackageId: z.uuid("assignment.accessPackageId must be the id of an access package").optional(),
      assignmentPolicyId: z.uuid("assignment.assignmentPolicyId must be the id of a policy").optional(),
      targetId: z.uuid("assignment.targetId must be the id of a principal").optional(),
    },
    { message: "assignment is required: { accessPackageId, assignmentPolicyId }" },
  ),
  justification: z.string().max(4000).optional(),
  schedule: z
    .object({
      startDateTime: z.string().optional(),
      expiration: z.object({ type: z.string().optional(), endDateTime: z.string().optional(), duration: z.string().optional() }).optional(),
    })
    .optional(),
  answers: z
    .array(
      z.object({
        "@odata.type": z.string().optional(),
        value: z.union([z.string(), z.array(z.string())]).optional(),
        answeredQuestion: z.object({ id: z.string() }),
      }),
    )
    .optional(),
});

/** Maps Graph's body to the domain verb's input; `accessPackageId` is required for every request type. */
export function toSubmitInput(body: unknown): SubmitRequestInput {
  const b = parseInput(graphAssignmentRequestBody, body);
  if (!b.assignment.accessPackageId) parseInput(z.object({ accessPackageId: z.string({ message: "assignment.accessPackageId is required" }) }), {});
  return {
    requestType: b.requestType,
    accessPackageId: b.assignment.accessPackageId!,
    assignmentPolicyId: b.assignment.assignmentPolicyId,
    targetId: b.assignment.targetId,
    assignmentId: b.assignment.id,
    justification: b.justification ?? "",
    answers: (b.answers ?? []).map((a) => ({ questionId: a.answeredQuestion.id, value: a.value ?? "" })),
    schedule: b.schedule as SubmitRequestInput["schedule"],
  };
}

/** A request as Graph returns it. */
export function toGraphRequest(r: AssignmentRequest) {
  const schedule = r.schedule as { startDateTime: string; endDateTime: string | null };
  return {
    "@odata.context": "$metadata#identityGovernance/entitlementManagement/assignmentRequests/$entity",
    id: r.id,
    requestType: r.requestType,
    state: r.state,
    status: r.status,
    createdDateTime: r.createdAt.toISOString(),
    completedDateTime: r.completedAt?.toISOString() ?? null,
    justification: r.justification,
    answers: r.answers,
    schedule: {
      startDateTime: schedule.startDateTime,
      expiration: schedule.endDateTime ? { type: "afterDateTime", endDateTime: schedule.endDateTime } : { type: "noExpiration", endDateTime: null },
    },
    accessPackage: { id: r.accessPackageId },
    assignmentPolicy: { id: r.assignmentPolicyId },
    target: { id: r.targetId, objectId: r.targetId, type: r.targetType },
    requestor: r.requestorId ? { objectId: r.requestorId, type: r.requestorType } : null,
    assignment: r.assignmentId ? { id: r.assignmentId } : null,
  };
}

// ---------------------------------------------------------------- listing with OData

const REQUESTS_SET = "identityGovernance/entitlementManagement/assignmentRequests";

export const assignmentRequestSpec: ODataSpec = {
  entitySet: REQUESTS_SET,
  fields: {
    id: { type: "guid", column: assignmentRequests.id },
    state: { type: { enum: requestState.enumValues }, column: assignmentRequests.state, sort: true },
    status: { type: "string", column: assignmentRequests.status },
    requestType: { type: { enum: requestType.enumValues }, column: assignmentRequests.requestType, sort: true },
    createdDateTime: { type: "datetime", column: assignmentRequests.createdAt, sort: true },
    completedDateTime: { type: "datetime", column: assignmentRequests.completedAt, sort: true, nullable: true },
    "accessPackage/id": { type: "guid", column: assignmentRequests.accessPackageId },
    "assignmentPolicy/id": { type: "guid", column: assignmentRequests.assignmentPolicyId },
    "assignment/id": { type: "guid", column: assignmentRequests.assignmentId, nullable: true },
    "target/objectId": { type: "guid", column: assignmentRequests.targetId },
    "target/id": { type: "guid", column: assignmentRequests.targetId },
    "requestor/objectId": { type: "guid", column: assignmentRequests.requestorId, nullable: true },
  },
  select: ["id", "requestType", "state", "status", "createdDateTime", "completedDateTime", "justification", "answers", "schedule"],
  expand: ["accessPackage", "assignmentPolicy", "target", "requestor", "assignment"],
  defaultOrderBy: [{ field: "createdDateTime", desc: true }],
  key: assignmentRequests.id,
};

export type RequestListMode = "all" | "target" | "createdBy";

/**
 * Requests with OData. "target" and "createdBy" are Graph's filterByCurrentUser: the caller's own, no grant needed.
 * "all" is the caller's own requests plus, for readers of a catalog (or tenant-wide application permission), the
 * requests in the catalogs they may read; an agent without grants therefore sees only its own.
 */
export async function listGraphRequests(ctx: Ctx, url: string, mode: RequestListMode) {
  const q = parseODataQuery(url, assignmentRequestSpec);
  const me = ctx.actor.id;
  const mine =
    !me ? sql`false` : mode === "target" ? eq(assignmentRequests.targetId, me) : mode === "createdBy" ? eq(assignmentRequests.requestorId, me) : or(eq(assignmentRequests.targetId, me), eq(assignmentRequests.requestorId, me))!;
  let base: SQL = mine;
  if (mode === "all") {
    const vis = await visibleCatalogs(ctx, "requests.readAll");
    if (vis.all) base = sql`true`;
    else if (vis.catalogIds.length) base = or(mine, inArray(assignmentRequests.accessPackageId, ctx.db.select({ id: accessPackages.id }).from(accessPackages).where(inArray(accessPackages.catalogId, vis.catalogIds))))!;
  }
  const page = await runODataList(q, base, {
    rows: ({ where, orderBy, limit, offset }) => ctx.db.select().from(assignmentRequests).where(where).orderBy(...orderBy).limit(limit).offset(offset),
    count: async (where) => Number((await ctx.db.select({ n: count() }).from(assignmentRequests).where(where))[0]?.n ?? 0),
  });
  return { q, page, items: await presentRequests(ctx, page.rows, q.expand) };
}

/** Requests in Graph's shape, with the navigation properties $expand asked for. */
export async function presentRequests(ctx: Ctx, rows: AssignmentRequest[], expand: Set<string>) {
  const rel = await loadRelated(ctx.db, {
    principals: expand.has("target") || expand.has("requestor") ? rows.flatMap((r) => [r.targetId, r.requestorId]) : [],
    packages: expand.has("accessPackage") ? rows.map((r) => r.accessPackageId) : [],
    policies: expand.has("assignmentPolicy") ? rows.map((r) => r.assignmentPolicyId) : [],
    assignments: expand.has("assignment") ? rows.map((r) => r.assignmentId) : [],
  });
  const now = nowOf(ctx);
  return rows.map((r) => {
    const { "@odata.context": _context, ...g } = toGraphRequest(r);
    void _context;
    const a = expand.has("assignment") ? rel.assignment(r.assignmentId) : null;
    return {
      ...g,
      ...(expand.has("accessPackage") ? { accessPackage: rel.accessPackage(r.accessPackageId) } : {}),
      ...(expand.has("assignmentPolicy") ? { assignmentPolicy: rel.policy(r.assignmentPolicyId) } : {}),
      ...(expand.has("target") ? { target: rel.subject(r.targetId) ?? g.target } : {}),
      ...(expand.has("requestor") ? { requestor: rel.subject(r.requestorId) ?? g.requestor } : {}),
      ...(expand.has("assignment") ? { assignment: a ? toGraphAssignment(a, now) : g.assignment } : {}),
    };
  });
}

export const assignmentRequestRoutes = [
  { method: "POST", path: `/${REQUESTS_SET}`, summary: "Request, change or remove an assignment", body: graphAssignmentRequestBody, status: 201 },
  { method: "GET", path: `/${REQUESTS_SET}`, summary: "List requests (own, plus catalogs the caller may read)", odata: assignmentRequestSpec },
  { method: "GET", path: `/${REQUESTS_SET}/{id}`, summary: "Get a request" },
  { method: "GET", path: `/${REQUESTS_SET}/filterByCurrentUser(on='target'|'createdBy')`, summary: "The caller's requests", odata: assignmentRequestSpec },
  { method: "POST", path: `/${REQUESTS_SET}/{id}/cancel`, summary: "Cancel a pending request", status: 200 },
  { method: "POST", path: `/${REQUESTS_SET}/{id}/reprocess`, summary: "Reprocess a failed request", status: 202 },
] as const;
