import { cache } from "react";
import { redirect } from "next/navigation";
import { and, eq, inArray } from "drizzle-orm";
import { auth, findActiveUserById } from "@/auth";
import { getDb } from "@/db";
import { agentSponsors, catalogRoleAssignments, principalOwners, principals } from "@/db/schema";
import { countPendingApprovals } from "@/lib/approvals/list-inbox";
import type { Actor, Ctx } from "./actor";
import { isGovernanceAdmin } from "./permissions";

type UserActor = Extract<Actor, { type: "user" }>;

/**
 * The signed-in person, re-checked against the directory on every request: a deleted or
 * disabled account loses its session at once. Cached per request (layout and page share it).
 */
export const getActor = cache(async (): Promise<UserActor | null> => {
  const session = await auth();
  const id = session?.user?.id;
  if (!id) return null;
  const principal = await findActiveUserById(await getDb(), id);
  return principal ? { type: "user", id: principal.id, displayName: principal.displayName } : null;
});

export async function requireActor(): Promise<UserActor> {
  const actor = await getActor();
  if (!actor) redirect("/signin");
  return actor;
}

export async function getCtx(): Promise<Ctx> {
  return { db: await getDb(), actor: await requireActor() };
}

export type Viewer = {
  actor: UserActor;
  /** Identity Governance Administrator. */
  isAdmin: boolean;
  /** Holds any catalog role (owner, reader, package manager, assignment manager). */
  hasCatalogRole: boolean;
  /** Sponsors or owns at least one agent: sees My Account. */
  sponsorsOrOwnsAgents: boolean;
  pendingApprovals: number;
};

/** What the shell needs to decide which links to show. Cosmetic only: every page and verb checks again. */
export const getViewer = cache(async (): Promise<Viewer> => {
  const actor = await requireActor();
  const db = await getDb();
  const [isAdmin, catalogRole, sponsored, owned, pendingApprovals] = await Promise.all([
    isGovernanceAdmin(db, actor.id),
    db
      .select({ x: catalogRoleAssignments.catalogId })
      .from(catalogRoleAssignments)
      .where(eq(catalogRoleAssignments.principalId, actor.id))
      .limit(1),
    db
      .select({ x: agentSponsors.agentId })
      .from(agentSponsors)
      .where(eq(agentSponsors.sponsorId, actor.id))
      .limit(1),
    db
      .select({ x: principalOwners.principalId })
      .from(principalOwners)
      .innerJoin(principals, eq(principals.id, principalOwners.principalId))
      .where(and(eq(principalOwners.ownerId, actor.id), inArray(principals.type, ["agentIdentity", "agentUser"])))
      .limit(1),
    countPendingApprovals(db, actor.id),
  ]);
  return {
    actor,
    isAdmin,
    hasCatalogRole: catalogRole.length > 0,
    sponsorsOrOwnsAgents: sponsored.length > 0 || owned.length > 0,
    pendingApprovals,
  };
});
