import { alias } from "drizzle-orm/pg-core";
import { and, asc, count, desc, eq, gte, ilike, inArray, lt, or, type SQL } from "drizzle-orm";
import { z } from "zod";
import {
  accessPackages,
  assignmentRequests,
  principals,
  requestState,
  requestType,
  type ActorType,
  type PrincipalType,
  type RequestState,
  type RequestType,
} from "@/db/schema";
import type { Ctx } from "@/lib/auth/actor";
import { visibleCatalogs } from "@/lib/catalogs/visible-catalogs";
import { containsPattern } from "@/lib/text/search";
import { pageOf } from "@/lib/paging";

export type RequestListRow = {
  id: string;
  createdAt: Date;
  completedAt: Date | null;
  requestType: RequestType;
  state: RequestState;
  status: string;
  accessPackageId: string;
  packageName: string;
  catalogId: string;
  targetId: string;
  targetName: string;
  targetType: PrincipalType;
  requestorId: string | null;
  /** Null when the requestor's account was deleted. */
  requestorName: string | null;
  requestorType: ActorType;
};

export const REQUEST_SORTS = ["createdAt", "state", "packageName"] as const;
export type RequestSortId = (typeof REQUEST_SORTS)[number];
export type RequestSort = { id: RequestSortId; desc: boolean };

/** The first value of a query parameter; empty means "not set". */
const one = (v: unknown) => (Array.isArray(v) ? v[0] : v) || undefined;

/** The list's filters as they arrive in a URL; a value that is not valid is ignored rather than refused. */
export const requestFiltersSchema = z.object({
  state: z.preprocess(one, z.enum(requestState.enumValues).optional()).catch(undefined),
  requestType: z.preprocess(one, z.enum(requestType.enumValues).optional()).catch(undefined),
  accessPackageId: z.preprocess(one, z.uuid().optional()).catch(undefined),
  q: z.preprocess(one, z.string().transform((s) => s.trim().slice(0, 200) || undefined).optional()).catch(undefined),
  /** Name contains (requestor / target), for the admin filters. */
  requestor: z.preprocess(one, z.string().transform((s) => s.trim().slice(0, 200) || undefined).optional()).catch(undefined),
  target: z.preprocess(one, z.string().transform((s) => s.trim().slice(0, 200) || undefined).optional()).catch(undefined),
  /** UTC days, inclusive, on the submission time. */
  from: z.preprocess(one, z.string().regex(/^\d{4}-\d{2}-\d{2}$/).refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`))).optional()).catch(undefined),
  to: z.preprocess(one, z.string().regex(/^\d{4}-\d{2}-\d{2}$/).refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`))).optional()).catch(undefined),
});
export type RequestFilters = z.infer<typeof requestFiltersSchema>;

export function requestFiltersFrom(searchParams: Record<string, string | string[] | undefined>): RequestFilters {
  return requestFiltersSchema.parse(searchParams);
}

export type ListRequestsParams = RequestFilters & { page?: number; pageSize?: number; sort?: RequestSort | null };

export type RequestList = {
  rows: RequestListRow[];
  total: number;
  page: number;
  pageSize: number;
  /** False when the actor may not read requests in any catalog (the list is then empty). */
  allowed: boolean;
};

/**
 * Access requests in the admin center: every request for an Identity Governance Administrator, otherwise
 * those for packages in catalogs where the actor holds a catalog role; nobody else sees any. Filtered,
 * sorted and paged on the server, newest first unless another sort is asked for.
 */
export async function listRequests(ctx: Ctx, params: ListRequestsParams = {}): Promise<RequestList> {
  const { page, pageSize } = pageOf(params, 25);
  const scope = await visibleCatalogs(ctx, "requests.readAll");
  if (!scope.all && scope.catalogIds.length === 0) return { rows: [], total: 0, page, pageSize, allowed: false };

  const target = alias(principals, "target");
  const requestor = alias(principals, "requestor");
  // Every filter is a condition on the request row itself (names through semi-joins on the small tables),
  // so the count reads one table and the page query joins only the rows it shows.
  const packagesWhere = (cond: SQL) => inArray(assignmentRequests.accessPackageId, ctx.db.select({ id: accessPackages.id }).from(accessPackages).where(cond));
  const conds: SQL[] = [];
  if (!scope.all) conds.push(packagesWhere(inArray(accessPackages.catalogId, scope.catalogIds)));
  if (params.state) conds.push(eq(assignmentRequests.state, params.state));
  if (params.requestType) conds.push(eq(assignmentRequests.requestType, params.requestType));
  if (params.accessPackageId) conds.push(eq(assignmentRequests.accessPackageId, params.accessPackageId));
  const q = params.q?.trim();
  if (q) {
    const pattern = containsPattern(q);
    const named = ctx.db.select({ id: principals.id }).from(principals).where(ilike(principals.displayName, pattern));
    conds.push(or(packagesWhere(ilike(accessPackages.displayName, pattern)), inArray(assignmentRequests.targetId, named), inArray(assignmentRequests.requestorId, named))!);
  }
  const namedLike = (text: string) => ctx.db.select({ id: principals.id }).from(principals).where(ilike(principals.displayName, containsPattern(text)));
  if (params.requestor) conds.push(inArray(assignmentRequests.requestorId, namedLike(params.requestor)));
  if (params.target) conds.push(inArray(assignmentRequests.targetId, namedLike(params.target)));
  if (params.from) conds.push(gte(assignmentRequests.createdAt, new Date(`${params.from}T00:00:00Z`)));
  if (params.to) conds.push(lt(assignmentRequests.createdAt, new Date(Date.parse(`${params.to}T00:00:00Z`) + 24 * 60 * 60 * 1000)));
  const where = conds.length ? and(...conds) : undefined;

  const totalQuery = ctx.db.select({ total: count() }).from(assignmentRequests).where(where);

  const dir = params.sort?.desc === false ? asc : desc;
  const sortId = params.sort?.id ?? "createdAt";
  const order =
    sortId === "state"
      ? [dir(assignmentRequests.state), desc(assignmentRequests.createdAt)]
      : sortId === "packageName"
        ? [dir(accessPackages.displayName), desc(assignmentRequests.createdAt)]
        : [dir(assignmentRequests.createdAt)];

  const rowsQuery = ctx.db
    .select({
      id: assignmentRequests.id,
      createdAt: assignmentRequests.createdAt,
      completedAt: assignmentRequests.completedAt,
      requestType: assignmentRequests.requestType,
      state: assignmentRequests.state,
      status: assignmentRequests.status,
      accessPackageId: assignmentRequests.accessPackageId,
      packageName: accessPackages.displayName,
      catalogId: accessPackages.catalogId,
      targetId: assignmentRequests.targetId,
      targetName: target.displayName,
      targetType: target.type,
      requestorId: assignmentRequests.requestorId,
      requestorName: requestor.displayName,
      requestorType: assignmentRequests.requestorType,
    })
    .from(assignmentRequests)
    .innerJoin(accessPackages, eq(accessPackages.id, assignmentRequests.accessPackageId))
    .innerJoin(target, eq(target.id, assignmentRequests.targetId))
    .leftJoin(requestor, eq(requestor.id, assignmentRequests.requestorId))
    .where(where)
    .orderBy(...order, desc(assignmentRequests.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  const [[{ total }], rows] = await Promise.all([totalQuery, rowsQuery]);

  return { rows, total: Number(total), page, pageSize, allowed: true };
}
