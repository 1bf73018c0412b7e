import { NextResponse } from "next/server";
import { eq, sql } from "drizzle-orm";
import { principals } from "@/db/schema";
import { getDb, type Db } from "@/db";
import { perDatabase } from "@/db/prepared";
import { DomainError, isDomainError, unauthenticated } from "@/lib/errors";
import type { Ctx } from "@/lib/auth/actor";
import { verifyAccessToken } from "@/lib/auth/tokens";
import { clientAddress, rateLimiter } from "./rate-limit";

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

/** The API's principal: an agent or service principal by bearer token, or a signed-in portal user by session. */
export async function authenticate(req: Request, db: Db): Promise<Ctx> {
  const header = req.headers.get("authorization");
  if (header) {
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    if (!m) throw unauthenticated("The Authorization header must be 'Bearer <access token>'.");
    const { claims, expired } = await verifyAccessToken(m[1]);
    if (!claims) throw unauthenticated(expired ? "The access token has expired. Get a new one from /api/oauth2/v2.0/token." : "The access token is invalid.");
    const [p] = await tokenPrincipal(db).execute({ id: claims.sub });
    if (!p || !p.accountEnabled || (p.type !== "agentIdentity" && p.type !== "servicePrincipal")) throw unauthenticated("The principal of this token no longer exists or is disabled.");
    return { db, actor: { type: p.type, id: p.id, displayName: p.displayName } };
  }
  // Without a cookie there is no session to look up: answer 401 at once.
  const actor = req.headers.get("cookie") ? await (await import("@/lib/auth/session")).getActor() : null;
  if (!actor) throw unauthenticated("Authentication required: send 'Authorization: Bearer <access token>'.");
  return { db, actor };
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
 */
export function graphRoute<P>(handler: Handler<P>) {
  return async (req: Request, context: { params: Promise<P> }): Promise<Response> => {
    const requestId = req.headers.get("client-request-id") ?? crypto.randomUUID();
    try {
      const db = await getDb();
      let ctx: Ctx;
      try {
        ctx = await authenticate(req, db);
      } catch (e) {
        const limited = rateLimited(`api:ip:${clientAddress(req)}`, requestId);
        if (limited) return limited;
        throw e;
      }
      const limited = rateLimited(`api:principal:${ctx.actor.id}`, requestId);
      if (limited) return limited;
      // A NUL in the query string (e.g. in a $filter literal) cannot reach PostgreSQL text: refuse it here for every route.
      if (/%00/.test(new URL(req.url).search)) throw new DomainError("invalid", "The query string contains a NUL character (%00); remove it.");
      const res = await handler({ req, ctx, params: await context.params, requestId });
      res.headers.set("request-id", requestId);
      return res;
    } catch (e) {
      if (isDomainError(e)) {
        const headers: Record<string, string> = e.code === "unauthenticated" ? { "WWW-Authenticate": 'Bearer error="invalid_token"' } : {};
        return graphError(e.status, e.graphCode, e.message, requestId, headers);
      }
      console.error(`[api] request ${requestId} failed`, e);
      return graphError(500, "InternalServerError", "An internal error occurred; nothing was changed. Quote the request-id when reporting it.", requestId);
    }
  };
}

/** Reads a JSON body, turning malformed JSON into a 400 instead of an exception. */
export async function readJson(req: Request): Promise<unknown> {
  const text = await req.text();
  if (!text.trim()) throw new DomainError("invalid", "The request body is empty; send a JSON object.");
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new DomainError("invalid", "The request body is not valid JSON.");
  }
  const bad = unstorableString(value);
  if (bad) throw new DomainError("invalid", `The request body has ${bad} in a string; remove it: it cannot be stored as text.`);
  return value;
}

/**
 * PostgreSQL text cannot hold NUL, and UTF-8 cannot encode an unpaired surrogate (e.g. "\ud800"): either would fail
 * the insert with a 500. Walks the parsed body without recursion (bodies may be nested thousands deep).
 */
function unstorableString(value: unknown): string | null {
  const stack: unknown[] = [value];
  while (stack.length) {
    const v = stack.pop();
    if (typeof v === "string") {
      if (v.includes("\u0000")) return "a NUL character (\\u0000)";
      if (!v.isWellFormed()) return "an unpaired UTF-16 surrogate";
    } else if (Array.isArray(v)) {
      for (const x of v) stack.push(x);
    } else if (v && typeof v === "object") {
      for (const [k, x] of Object.entries(v)) stack.push(k, x);
    }
  }
  return null;
}
