import { alias } from "drizzle-orm/pg-core";
import { asc, eq } from "drizzle-orm";
import { agentBlueprints, agentSponsors, applications, principalOwners, principals, type PrincipalType } from "@/db/schema";
import type { Ctx } from "@/lib/auth/actor";
import { requirePermission } from "@/lib/auth/permissions";
import { notFound } from "@/lib/errors";
import { isUuid } from "@/lib/packages/load";
import { listCredentials, type CredentialSummary } from "./list-credentials";

export type PersonRef = { id: string; displayName: string; mail: string | null; accountEnabled: boolean };

export type PrincipalDetail = {
  id: string;
  type: Extract<PrincipalType, "agentIdentity" | "servicePrincipal">;
  displayName: string;
  description: string | null;
  appId: string | null;
  accountEnabled: boolean;
  disabledByAdmin: boolean;
  lastSignInAt: Date | null;
  createdAt: Date;
  blueprint: { id: string; displayName: string; publisher: string; version: string } | null;
  application: { id: string; displayName: string } | null;
  sponsors: PersonRef[];
  owners: PersonRef[];
  credentials: CredentialSummary[];
};

/** An agent identity or service principal with its people and credentials (never secrets). Requires directory.read. */
export async function getPrincipalDetail(ctx: Ctx, params: { principalId: string }): Promise<PrincipalDetail> {
  await requirePermission(ctx, "directory.read");
  const id = params.principalId;
  const [p] = isUuid(id)
    ? await ctx.db
        .select({
          principal: principals,
          blueprint: { id: agentBlueprints.id, displayName: agentBlueprints.displayName, publisher: agentBlueprints.publisher, version: agentBlueprints.version },
          application: { id: applications.id, displayName: applications.displayName },
        })
        .from(principals)
        .leftJoin(agentBlueprints, eq(agentBlueprints.id, principals.blueprintId))
        .leftJoin(applications, eq(applications.id, principals.applicationId))
        .where(eq(principals.id, id))
    : [];
  if (!p || (p.principal.type !== "agentIdentity" && p.principal.type !== "servicePrincipal")) throw notFound(`No agent or service principal with id ${id}.`);
  const person = alias(principals, "person");
  const personCols = { id: person.id, displayName: person.displayName, mail: person.mail, accountEnabled: person.accountEnabled };
  const [sponsors, owners, creds] = await Promise.all([
    ctx.db.select(personCols).from(agentSponsors).innerJoin(person, eq(person.id, agentSponsors.sponsorId)).where(eq(agentSponsors.agentId, id)).orderBy(asc(person.displayName)),
    ctx.db.select(personCols).from(principalOwners).innerJoin(person, eq(person.id, principalOwners.ownerId)).where(eq(principalOwners.principalId, id)).orderBy(asc(person.displayName)),
    listCredentials(ctx.db, id),
  ]);
  const x = p.principal;
  return {
    id: x.id,
    type: x.type as PrincipalDetail["type"],
    displayName: x.displayName,
    description: x.description,
    appId: x.appId,
    accountEnabled: x.accountEnabled,
    disabledByAdmin: x.disabledByAdmin,
    lastSignInAt: x.lastSignInAt,
    createdAt: x.createdAt,
    blueprint: p.blueprint?.id ? p.blueprint : null,
    application: p.application?.id ? p.application : null,
    sponsors,
    owners,
    credentials: creds,
  };
}
