import { asc } from "drizzle-orm";
import { auditEvents } from "@/db/schema";
import type { Ctx } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";

/** The actions that occur in the audit log (the choices of its "Action" filter). Requires "audit.read". */
export async function listAuditActions(ctx: Ctx): Promise<string[]> {
  if (!(await can(ctx, "audit.read"))) return [];
  const rows = await ctx.db.selectDistinct({ action: auditEvents.action }).from(auditEvents).orderBy(asc(auditEvents.action));
  return rows.map((r) => r.action);
}
