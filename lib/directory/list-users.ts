import { alias } from "drizzle-orm/pg-core";
import { and, asc, count, eq } from "drizzle-orm";
import { principals } from "@/db/schema";
import type { Ctx } from "@/lib/auth/actor";
import { requirePermission } from "@/lib/auth/permissions";
import { pageOf, searchCondition, type DirectoryPage, type DirectoryPageParams } from "./list-query";

export type DirectoryUserRow = {
  id: string;
  displayName: string;
  mail: string | null;
  department: string | null;
  jobTitle: string | null;
  userType: "member" | "guest" | null;
  managerName: string | null;
  accountEnabled: boolean;
  lastSignInAt: Date | null;
};

/** People in the directory, searched by name, mail, department or job title. Requires directory.read. */
export async function listUsers(ctx: Ctx, params: DirectoryPageParams = {}): Promise<DirectoryPage<DirectoryUserRow>> {
  await requirePermission(ctx, "directory.read");
  const { page, pageSize, offset } = pageOf(params);
  const manager = alias(principals, "manager");
  const where = and(eq(principals.type, "user"), searchCondition(params.q, principals.displayName, principals.mail, principals.department, principals.jobTitle));
  const [{ total }] = await ctx.db.select({ total: count() }).from(principals).where(where);
  const rows = await ctx.db
    .select({
      id: principals.id,
      displayName: principals.displayName,
      mail: principals.mail,
      department: principals.department,
      jobTitle: principals.jobTitle,
      userType: principals.userType,
      managerName: manager.displayName,
      accountEnabled: principals.accountEnabled,
      lastSignInAt: principals.lastSignInAt,
    })
    .from(principals)
    .leftJoin(manager, eq(manager.id, principals.managerId))
    .where(where)
    .orderBy(asc(principals.displayName), asc(principals.id))
    .limit(pageSize)
    .offset(offset);
  return { rows, total: Number(total), page, pageSize };
}
