import { NextResponse } from "next/server";
import { eq, sql } from "drizzle-orm";
import { principals } from "@/db/schema";
import { getDb, type Db } from "@/db";
import { perDatabase } from "@/db/prepared";
import { DomainError, isDomainError, unauthenticated } from "@/lib/errors";
import type { Actor, CallerRow, Ctx, PendingCaller } from "@/lib/auth/actor";
import { verifyAccessToken, type AccessTokenClaims } from "@/lib/auth/tokens";
import { clientAddress, rateLimiter } from "./rate-limit";
import { findUnstorableText } from "@/lib/text/storable";

export type GraphErrorBody = { error: { code: string; message: string; innerError: { date: string; "request-id": string; "client-request-id"?: string } } };

export function graphError(status: number, code: string, message: string, requestId: string, headers: Record<string, string> = {}): NextResponse<GraphErrorBody> {
  return NextResponse.json(
    { error: { code, message, innerError: { date: new Date().toISOString().replace(/\.\d{3}Z$/, "Z"), "request-id": requestId } } },
    { status, headers: { "request-id": requestId, ...headers } },
  );
}

/** Every API call reads its token's principal (it may have been disabled since): a prepared query per database. */
const tokenPrincipal = perDatabase((db) =>
  db
    .select({ id: principals.id, type: principals.type, displayName: principals.displayName, accountEnabled: principals.accountEnabled })
    .from(principals)
    .where(eq(principals.id, sql.placeholder("id")))
    .prepare("steward_token_principal"),
);

const CALLER_GONE = "The principal of this token no longer exists or is disabled.";

/** The one rule for a token's principal: it exists, is enabled, and is an agent identity or a service principal. */
export function callerActor(row: CallerRow | undefined | null): Extract<Actor, { type: "agentIdentity" | "servicePrincipal" }> {
  if (!row || !row.accountEnabled || (row.type !== "agentIdentity" && row.type !== "servicePrincipal")) throw unauthenticated(CALLER_GONE);
  return { type: row.type, id: row.id, displayName: row.displayName };
}

/** The verified claims of the request's bearer token; null when there is no Authorization header. */
async function bearerClaims(req: Request): Promise<AccessTokenClaims | null> {
  const header = req.headers.get("authorization");
  if (!header) return null;
  const m = /^Bearer\s+(\S+)$/i.exec(header);
  if (!m) throw unauthenticated("The Authorization header must be 'Bearer <access token>'.");
  const { claims, expired } = await verifyAccessToken(m[1]);
  if (!claims) throw unauthenticated(expired ? "The access token has expired. Get a new one from /api/oauth2/v2.0/token." : "The access token is invalid.");
  return claims;
}

async function sessionCtx(req: Request, db: Db): Promise<Ctx> {
  // Without a cookie there is no session to look up: answer 401 at once.
  const actor = req.headers.get("cookie") ? await (await import("@/lib/auth/session")).getActor() : null;
  if (!actor) throw unauthenticated("Authentication required: send 'Authorization: Bearer <access token>'.");
  return { db, actor };
}

/** The API's principal: an agent or service principal by bearer token, or a signed-in portal user by session. */
export async function authenticate(req: Request, db: Db): Promise<Ctx> {
  const claims = await bearerClaims(req);
  if (!claims) return sessionCtx(req, db);
  const [p] = await tokenPrincipal(db).execute({ id: claims.sub });
  return { db, actor: callerActor(p) };
}

/**
 * Like authenticate, but a bearer token's principal is left to be confirmed (ctx.caller): by the verb, when its own
 * query reads the caller's row, or else by graphRoute before it answers. The actor's display name is filled in then.
 */
async function authenticatePending(req: Request, db: Db): Promise<Ctx> {
  const claims = await bearerClaims(req);
  if (!claims) return sessionCtx(req, db);
  const actor: Actor = { type: claims.ptype, id: claims.sub, displayName: "" };
  let confirmed = false;
  const caller: PendingCaller = {
    get confirmed() {
      return confirmed;
    },
    confirm(row) {
      // The row must be the token's own principal: a verb passing another principal's row is a bug, refused as such.
      const a = callerActor(row && row.id === claims.sub ? row : null);
      actor.type = a.type;
      actor.displayName = a.displayName;
      confirmed = true;
    },
    async check() {
      const [p] = await tokenPrincipal(db).execute({ id: claims.sub });
      caller.confirm(p);
    },
  };
  return { db, actor, caller };
}

type Handler<P> = (args: { req: Request; ctx: Ctx; params: P; requestId: string }) => Promise<Response>;

/** 429 in Graph's shape with Retry-After, when `key`'s bucket is empty; null when the request may go on. */
export function rateLimited(key: string, requestId: string): Response | null {
  const d = rateLimiter().take(key);
  if (d.allowed) return null;
  return graphError(429, "TooManyRequests", `Too many requests from this client; retry after ${d.retryAfterSeconds} second(s).`, requestId, {
    "Retry-After": String(d.retryAfterSeconds),
  });
}

/**
 * Wraps a Graph-compatible route: authentication, rate limiting (per principal; per address when authentication
 * fails, so token guessing is limited too), request-id, and the one mapping of errors to Graph's JSON.
 *
 * `callerConfirmedByVerb`: the route's verbs read the caller's principal row in their own first query (ctx.caller),
 * saving the separate read every other route makes. Only for routes whose handlers either only read or call
 * confirmCaller before they change anything: whatever the handler did, the caller is confirmed before the answer
 * (success or error) leaves, so a disabled or deleted principal always gets 401.
 */
export function graphRoute<P>(handler: Handler<P>, opts: { callerConfirmedByVerb?: boolean } = {}) {
  return async (req: Request, context: { params: Promise<P> }): Promise<Response> => {
    const requestId = req.headers.get("client-request-id") ?? crypto.randomUUID();
    let ctx: Ctx | undefined;
    try {
      const db = await getDb();
      try {
        ctx = await (opts.callerConfirmedByVerb ? authenticatePending : authenticate)(req, db);
      } catch (e) {
        const limited = rateLimited(`api:ip:${clientAddress(req)}`, requestId);
        if (limited) return limited;
        throw e;
      }
      const limited = rateLimited(`api:principal:${ctx.actor.id}`, requestId);
      if (limited) {
        // A caller who may no longer act is told so (401), not to come back later; the read is paid only here.
        if (ctx.caller && !ctx.caller.confirmed) await ctx.caller.check();
        return limited;
      }
      // A NUL in the query string (e.g. in a $filter literal) cannot reach PostgreSQL text: refuse it here for every route.
      const query = req.url.indexOf("?");
      if (query >= 0 && req.url.includes("%00", query)) throw new DomainError("invalid", "The query string contains a NUL character (%00); remove it.");
      const res = await handler({ req, ctx, params: await context.params, requestId });
      if (ctx.caller && !ctx.caller.confirmed) await ctx.caller.check();
      res.headers.set("request-id", requestId);
      return res;
    } catch (caught) {
      let e = caught;
      if (ctx?.caller && !ctx.caller.confirmed) {
        // The handler failed before it confirmed the caller: a caller who may no longer act learns nothing else.
        try {
          await ctx.caller.check();
        } catch (refusal) {
          e = refusal;
        }
      }
      if (isDomainError(e)) {
        const headers: Record<string, string> = e.code === "unauthenticated" ? { "WWW-Authenticate": 'Bearer error="invalid_token"' } : {};
        return graphError(e.status, e.graphCode, e.message, requestId, headers);
      }
      console.error(`[api] request ${requestId} failed`, e);
      return graphError(500, "InternalServerError", "An internal error occurred; nothing was changed. Quote the request-id when reporting it.", requestId);
    }
  };
}

/** The largest request body the API reads (its bodies are a few kilobytes; Graph's own limit is 4 MB). */
export const MAX_BODY_BYTES = 1024 * 1024;

const tooLarge = () => new DomainError("tooLarge", `The request body is larger than ${MAX_BODY_BYTES / 1024 / 1024} MiB; nothing was read.`);

/**
 * A request body as text, refused (413) when it is larger than MAX_BODY_BYTES: by its declared Content-Length at
 * once, or, without one (chunked), as soon as more has arrived, so a huge body is never held in memory.
 */
export async function readBodyText(req: Request): Promise<string> {
  const declared = Number(req.headers.get("content-length"));
  if (declared > MAX_BODY_BYTES) throw tooLarge();
  if (!req.body) return "";
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** Reads a JSON body, turning malformed JSON into a 400 instead of an exception; an absent body is `undefined` when optional. */
export async function readJson(req: Request, { optional = false }: { optional?: boolean } = {}): Promise<unknown> {
  const text = await readBodyText(req);
  if (!text.trim()) {
    if (optional) return undefined;
    throw new DomainError("invalid", "The request body is empty; send a JSON object.");
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new DomainError("invalid", "The request body is not valid JSON.");
  }
  const bad = findUnstorableText(value);
  if (bad) throw new DomainError("invalid", `The request body has ${bad.problem} in a string; remove it: it cannot be stored as text.`);
  return value;
}

