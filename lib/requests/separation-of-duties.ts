import { sql, type Placeholder, type SQL, type SQLWrapper } from "drizzle-orm";
import type { DbOrTx } from "@/db";

/** SQL for "assignment `a` is held at `now`" (the same rule as assignmentIsActive, for an aliased table). */
const heldAt = (now: Param) => sql`a.state in ('delivering', 'delivered', 'partiallyDelivered') and (a.end_date_time is null or a.end_date_time > ${now}::timestamptz)`;

/** A value, or a placeholder for a prepared query. */
type Param = string | Placeholder | SQLWrapper;

/**
 * Scalar subqueries naming what stops `targetId` from holding `accessPackageId` under separation of duties: an
 * incompatible package the target holds (`pkg`), and an incompatible group the target is in, directly or through a
 * held grant (`group`; a direct membership is named first). Either is null when there is none. Composed into one
 * statement by packageRefusals, so a request's checks cost one round trip.
 */
export function separationOfDutiesSql(targetId: Param, accessPackageId: Param, at: Param): { pkg: SQL<string | null>; group: SQL<string | null> } {
  const pkg = sql<string | null>`(select ap.display_name from incompatible_access_packages i
      join assignments a on a.access_package_id = (case when i.access_package_id = ${accessPackageId}::uuid then i.incompatible_access_package_id else i.access_package_id end)
      join access_packages ap on ap.id = a.access_package_id
      where (i.access_package_id = ${accessPackageId}::uuid or i.incompatible_access_package_id = ${accessPackageId}::uuid)
        and a.target_id = ${targetId}::uuid and ${heldAt(at)}
      limit 1)`;
  const direct = sql`exists (select 1 from group_members m where m.principal_id = ${targetId}::uuid and m.group_id = ig.group_id)`;
  const group = sql<string | null>`(select g.display_name from incompatible_groups ig
      join groups g on g.id = ig.group_id
      where ig.access_package_id = ${accessPackageId}::uuid
        and (${direct} or exists (select 1 from grants gr
              join resource_roles rr on rr.id = gr.resource_role_id
              join resources rs on rs.id = rr.resource_id
              join assignments a on a.id = gr.assignment_id
              where gr.principal_id = ${targetId}::uuid and rs.origin_system = 'AadGroup' and rs.origin_id = ig.group_id and ${heldAt(at)}))
      order by ${direct} desc
      limit 1)`;
  return { pkg, group };
}

export function separationOfDutiesMessage(found: { pkg: string | null; group: string | null }): string | null {
  if (found.pkg !== null) return `Separation of duties: this access package is incompatible with "${found.pkg}", which is already held.`;
  if (found.group !== null) return `Separation of duties: members of the group "${found.group}" may not hold this access package.`;
  return null;
}

/** Null when `targetId` may hold `accessPackageId`; otherwise a reason naming the conflicting package or group. One query. */
export async function separationOfDutiesConflict(db: DbOrTx, targetId: string, accessPackageId: string, now: Date): Promise<string | null> {
  const q = separationOfDutiesSql(targetId, accessPackageId, now.toISOString());
  const [row] = await db.select({ pkg: q.pkg, group: q.group }).from(sql`(select 1) as one`);
  return row ? separationOfDutiesMessage(row) : null;
}
