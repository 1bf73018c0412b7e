import type { Db } from "@/db";

/** Who is acting. Roles are not carried here: they are read from the database on each check. */
export type Actor =
  | { type: "user"; id: string; displayName: string }
  | { type: "agentIdentity"; id: string; displayName: string }
  | { type: "servicePrincipal"; id: string; displayName: string }
  | { type: "system"; id: null; displayName: string };

export type Ctx = {
  db: Db;
  actor: Actor;
  /** Injectable clock; defaults to the wall clock. */
  now?: () => Date;
};

export const SYSTEM_ACTOR: Actor = { type: "system", id: null, displayName: "Steward lifecycle job" };

export function nowOf(ctx: Pick<Ctx, "now">): Date {
  return ctx.now ? ctx.now() : new Date();
}

export function systemCtx(db: Db, now?: () => Date): Ctx {
  return { db, actor: SYSTEM_ACTOR, now };
}
