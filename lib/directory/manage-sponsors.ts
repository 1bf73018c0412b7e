import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { agentSponsors, principalOwners, principals, type Principal } from "@/db/schema";
import type { Tx } from "@/db";
import { conflict, forbidden, invalid, notFound, parseInput } from "@/lib/errors";
import { isGovernanceAdmin } from "@/lib/auth/permissions";
import type { Ctx } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { withRefusalAudit } from "@/lib/audit/with-refusal-audit";

/** DOMAIN.md §1: an agent identity has at least 1 and at most 100 sponsors. */
export const MIN_SPONSORS = 1;
export const MAX_SPONSORS = 100;
export const MAX_OWNERS = 100;

export const principalPersonInput = z.object({
  principalId: z.uuid("principalId must be the id of an agent or service principal"),
  userId: z.uuid("choose a person"),
});

type Kind = "sponsor" | "owner";

const NOUN: Record<Kind, string> = { sponsor: "sponsor", owner: "owner" };

/** Only Identity Governance Administrators change who is accountable for an agent or service principal. */
async function requireAdmin(ctx: Ctx): Promise<void> {
  if (ctx.actor.type === "system") return;
  if (!ctx.actor.id || !(await isGovernanceAdmin(ctx.db, ctx.actor.id))) {
    throw forbidden("Only Identity Governance Administrators can change the sponsors and owners of agents and service principals.");
  }
}

/** The agent or service principal, locked for the rest of the transaction so concurrent changes to its people serialize. */
async function lockSubject(tx: Tx, id: string, kind: Kind): Promise<Principal> {
  const [p] = await tx.select().from(principals).where(eq(principals.id, id)).for("update");
  if (!p) throw notFound(`No agent or service principal with id ${id}.`);
  if (kind === "sponsor" && p.type !== "agentIdentity") {
    throw invalid(`${p.displayName} is not an agent identity; only agents have sponsors.`, { principalId: ["only agent identities have sponsors"] });
  }
  if (kind === "owner" && p.type !== "agentIdentity" && p.type !== "servicePrincipal") {
    throw invalid(`${p.displayName} is not an agent or a service principal; only those have owners here.`, { principalId: ["only agents and service principals have owners"] });
  }
  return p;
}

async function loadPerson(tx: Tx, id: string): Promise<Principal> {
  const [u] = await tx.select().from(principals).where(eq(principals.id, id));
  if (!u) throw invalid(`No person with id ${id}.`, { userId: ["not found in the directory"] });
  if (u.type !== "user") throw invalid(`${u.displayName} is not a person; sponsors and owners are people.`, { userId: ["choose a person"] });
  if (!u.accountEnabled || u.leftAt) throw invalid(`${u.displayName}'s account is disabled or has left the organisation.`, { userId: ["choose someone with an active account"] });
  return u;
}

function peopleOf(tx: Tx, kind: Kind, subjectId: string) {
  return kind === "sponsor"
    ? tx.select({ personId: agentSponsors.sponsorId }).from(agentSponsors).where(eq(agentSponsors.agentId, subjectId))
    : tx.select({ personId: principalOwners.ownerId }).from(principalOwners).where(eq(principalOwners.principalId, subjectId));
}

async function addPerson(kind: Kind, ctx: Ctx, input: unknown): Promise<{ count: number }> {
  const data = parseInput(principalPersonInput, input);
  const action = `agent.${kind}.add`;
  return withRefusalAudit(
    ctx,
    () => ({ action, targetType: "principal", targetId: data.principalId }),
    async () => {
      await requireAdmin(ctx);
      return ctx.db.transaction(async (tx) => {
        const subject = await lockSubject(tx, data.principalId, kind);
        const person = await loadPerson(tx, data.userId);
        const current = await peopleOf(tx, kind, subject.id);
        if (current.some((c) => c.personId === person.id)) throw conflict(`${person.displayName} is already a ${NOUN[kind]} of ${subject.displayName}.`);
        const max = kind === "sponsor" ? MAX_SPONSORS : MAX_OWNERS;
        if (current.length >= max) throw conflict(`${subject.displayName} already has ${max} ${NOUN[kind]}s, the most allowed; remove one first.`);
        if (kind === "sponsor") await tx.insert(agentSponsors).values({ agentId: subject.id, sponsorId: person.id });
        else await tx.insert(principalOwners).values({ principalId: subject.id, ownerId: person.id });
        await recordAudit(tx, ctx, {
          action,
          targetType: "principal",
          targetId: subject.id,
          after: { [`${kind}Id`]: person.id, displayName: person.displayName },
        });
        return { count: current.length + 1 };
      });
    },
  );
}

async function removePerson(kind: Kind, ctx: Ctx, input: unknown): Promise<{ count: number }> {
  const data = parseInput(principalPersonInput, input);
  const action = `agent.${kind}.remove`;
  return withRefusalAudit(
    ctx,
    () => ({ action, targetType: "principal", targetId: data.principalId }),
    async () => {
      await requireAdmin(ctx);
      return ctx.db.transaction(async (tx) => {
        const subject = await lockSubject(tx, data.principalId, kind);
        const current = await peopleOf(tx, kind, subject.id);
        if (!current.some((c) => c.personId === data.userId)) throw notFound(`That person is not a ${NOUN[kind]} of ${subject.displayName}.`);
        if (kind === "sponsor" && current.length <= MIN_SPONSORS) {
          throw conflict(`${subject.displayName} must keep at least ${MIN_SPONSORS} sponsor; add another sponsor before removing this one.`);
        }
        const [person] = await tx.select({ displayName: principals.displayName }).from(principals).where(eq(principals.id, data.userId));
        if (kind === "sponsor") await tx.delete(agentSponsors).where(and(eq(agentSponsors.agentId, subject.id), eq(agentSponsors.sponsorId, data.userId)));
        else await tx.delete(principalOwners).where(and(eq(principalOwners.principalId, subject.id), eq(principalOwners.ownerId, data.userId)));
        await recordAudit(tx, ctx, {
          action,
          targetType: "principal",
          targetId: subject.id,
          before: { [`${kind}Id`]: data.userId, displayName: person?.displayName ?? null },
        });
        return { count: current.length - 1 };
      });
    },
  );
}

/** Adds a sponsor (a person with an active account) to an agent identity; at most 100. Administrators only. */
export const addSponsor = ({ ctx, input }: { ctx: Ctx; input: unknown }) => addPerson("sponsor", ctx, input);
/** Removes a sponsor; an agent always keeps at least one. Administrators only. */
export const removeSponsor = ({ ctx, input }: { ctx: Ctx; input: unknown }) => removePerson("sponsor", ctx, input);
/** Adds an owner (a person) to an agent identity or service principal; at most 100. Administrators only. */
export const addOwner = ({ ctx, input }: { ctx: Ctx; input: unknown }) => addPerson("owner", ctx, input);
/** Removes an owner of an agent identity or service principal. Administrators only. */
export const removeOwner = ({ ctx, input }: { ctx: Ctx; input: unknown }) => removePerson("owner", ctx, input);

