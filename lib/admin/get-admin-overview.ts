import { and, count, eq, gt, gte, inArray, lte, isNotNull, type SQL } from "drizzle-orm";
import { accessPackages, assignmentRequests, assignments, auditEvents, catalogs, principals } from "@/db/schema";
import { nowOf, type Ctx } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { visibleCatalogs } from "@/lib/catalogs/visible-catalogs";
import { assignmentIsActive } from "@/lib/assignments/active";

export type AdminOverview = {
  catalogs: number;
  packages: number;
  activeAssignments: number;
  /** Active assignments that end within the next 14 days (sponsors are told 14 days ahead). */
  expiringSoon: number;
  pendingRequests: number;
  failedDeliveries: number;
  /** Directory counts; null without directory.read. */
  directory: { users: number; agents: number; servicePrincipals: number } | null;
  /** Refused attempts in the audit log in the last 7 days; null without audit.read. */
  refusalsLastWeek: number | null;
};

const DAY = 24 * 60 * 60 * 1000;

/**
 * The admin center's home: counts over what the viewer governs (every catalog for an administrator, else the
 * catalogs where they hold a role), plus directory and audit counts for those who may see them.
 */
export async function getAdminOverview(ctx: Ctx): Promise<AdminOverview> {
  const now = nowOf(ctx);
  const scope = await visibleCatalogs(ctx, "catalogs.read");
  const none = !scope.all && scope.catalogIds.length === 0;
  const inScope = (col: typeof catalogs.id | typeof accessPackages.catalogId): SQL | undefined => (scope.all ? undefined : inArray(col, scope.catalogIds));
  const zero = Promise.resolve([{ n: 0 }]);
  const [cat, pkg, active, expiring, pending, failed] = await Promise.all([
    none ? zero : ctx.db.select({ n: count() }).from(catalogs).where(inScope(catalogs.id)),
    none ? zero : ctx.db.select({ n: count() }).from(accessPackages).where(inScope(accessPackages.catalogId)),
    none
      ? zero
      : ctx.db.select({ n: count() }).from(assignments).innerJoin(accessPackages, eq(accessPackages.id, assignments.accessPackageId)).where(and(assignmentIsActive(now), inScope(accessPackages.catalogId))),
    none
      ? zero
      : ctx.db
          .select({ n: count() })
          .from(assignments)
          .innerJoin(accessPackages, eq(accessPackages.id, assignments.accessPackageId))
          .where(and(assignmentIsActive(now), isNotNull(assignments.endDateTime), gt(assignments.endDateTime, now), lte(assignments.endDateTime, new Date(now.getTime() + 14 * DAY)), inScope(accessPackages.catalogId))),
    none
      ? zero
      : ctx.db
          .select({ n: count() })
          .from(assignmentRequests)
          .innerJoin(accessPackages, eq(accessPackages.id, assignmentRequests.accessPackageId))
          .where(and(eq(assignmentRequests.state, "pendingApproval"), inScope(accessPackages.catalogId))),
    none
      ? zero
      : ctx.db
          .select({ n: count() })
          .from(assignmentRequests)
          .innerJoin(accessPackages, eq(accessPackages.id, assignmentRequests.accessPackageId))
          .where(and(inArray(assignmentRequests.state, ["deliveryFailed", "partiallyDelivered"]), inScope(accessPackages.catalogId))),
  ]);
  let directory: AdminOverview["directory"] = null;
  if (await can(ctx, "directory.read")) {
    const rows = await ctx.db.select({ type: principals.type, n: count() }).from(principals).groupBy(principals.type);
    const of = (t: string) => Number(rows.find((r) => r.type === t)?.n ?? 0);
    directory = { users: of("user"), agents: of("agentIdentity"), servicePrincipals: of("servicePrincipal") };
  }
  let refusalsLastWeek: number | null = null;
  if (await can(ctx, "audit.read")) {
    const [r] = await ctx.db.select({ n: count() }).from(auditEvents).where(and(eq(auditEvents.outcome, "failure"), gte(auditEvents.at, new Date(now.getTime() - 7 * DAY))));
    refusalsLastWeek = Number(r.n);
  }
  const n = (rows: { n: number }[]) => Number(rows[0]?.n ?? 0);
  return {
    catalogs: n(cat),
    packages: n(pkg),
    activeAssignments: n(active),
    expiringSoon: n(expiring),
    pendingRequests: n(pending),
    failedDeliveries: n(failed),
    directory,
    refusalsLastWeek,
  };
}
