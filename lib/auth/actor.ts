import type { Db } from "@/db";

/** Who is acting. Roles are not carried here: they are read from the database on each check. */
export type Actor =
  | { type: "user"; id: string; displayName: string }
  | { type: "agentIdentity"; id: string; displayName: string }
  | { type: "servicePrincipal"; id: string; displayName: string }
  | { type: "system"; id: null; displayName: string };

/** The principal row that decides whether an API caller may act (see PendingCaller). */
export type CallerRow = { id: string; type: string; displayName: string; accountEnabled: boolean };

/**
 * An API caller whose token is verified but whose principal (it may have been disabled or deleted since the token was
 * issued) has not been read yet. A verb that reads the caller's principal row in one of its own queries confirms it
 * with that row, saving a round trip; otherwise the API edge reads it (lib/api/graph.ts graphRoute).
 */
export type PendingCaller = {
  readonly confirmed: boolean;
  /** Checks the caller's row read by the verb's own query (undefined: no such principal); throws unauthenticated. */
  confirm(row: CallerRow | undefined | null): void;
  /** Reads the caller's row and checks it; throws unauthenticated. */
  check(): Promise<void>;
};

export type Ctx = {
  db: Db;
  actor: Actor;
  /** Injectable clock; defaults to the wall clock. */
  now?: () => Date;
  /** Set only on API calls whose principal is still to be confirmed; absent means the actor is confirmed. */
  caller?: PendingCaller;
};

/**
 * For a verb that writes: confirms a pending API caller before anything is changed (a no-op otherwise). `row` is the
 * caller's principal row when the verb's own query read it.
 */
export async function confirmCaller(ctx: Ctx, row?: CallerRow | null): Promise<void> {
  if (!ctx.caller || ctx.caller.confirmed) return;
  if (row !== undefined) ctx.caller.confirm(row);
  else await ctx.caller.check();
}

export const SYSTEM_ACTOR: Actor = { type: "system", id: null, displayName: "Steward lifecycle job" };

export function nowOf(ctx: Pick<Ctx, "now">): Date {
  return ctx.now ? ctx.now() : new Date();
}

export function systemCtx(db: Db, now?: () => Date): Ctx {
  return { db, actor: SYSTEM_ACTOR, now };
}
