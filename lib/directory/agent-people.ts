import { alias } from "drizzle-orm/pg-core";
import { asc, eq, inArray } from "drizzle-orm";
import { agentSponsors, principalOwners, principals } from "@/db/schema";
import type { DbOrTx } from "@/db";

/** Display names of the sponsors and owners of each agent, by agent id. */
export async function agentSponsorsAndOwners(db: DbOrTx, agentIds: readonly string[]): Promise<{ sponsors: Map<string, string[]>; owners: Map<string, string[]> }> {
  const sponsors = new Map<string, string[]>();
  const owners = new Map<string, string[]>();
  if (agentIds.length === 0) return { sponsors, owners };
  const person = alias(principals, "person");
  const [sponsorRows, ownerRows] = await Promise.all([
    db
      .select({ agentId: agentSponsors.agentId, name: person.displayName })
      .from(agentSponsors)
      .innerJoin(person, eq(person.id, agentSponsors.sponsorId))
      .where(inArray(agentSponsors.agentId, [...agentIds]))
      .orderBy(asc(person.displayName)),
    db
      .select({ agentId: principalOwners.principalId, name: person.displayName })
      .from(principalOwners)
      .innerJoin(person, eq(person.id, principalOwners.ownerId))
      .where(inArray(principalOwners.principalId, [...agentIds]))
      .orderBy(asc(person.displayName)),
  ]);
  for (const r of sponsorRows) sponsors.set(r.agentId, [...(sponsors.get(r.agentId) ?? []), r.name]);
  for (const r of ownerRows) owners.set(r.agentId, [...(owners.get(r.agentId) ?? []), r.name]);
  return { sponsors, owners };
}
