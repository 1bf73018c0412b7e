import { NextResponse } from "next/server";
import { getDb } from "@/db";
import { issueClientCredentialsToken, OAuthError, tokenRequestFields } from "@/lib/auth/client-credentials";
import { issuerOf } from "@/lib/auth/tokens";
import { readBodyText } from "@/lib/api/graph";
import { publicOrigin } from "@/lib/api/origin";
import { isDomainError } from "@/lib/errors";
import { clientAddress, rateLimiter } from "@/lib/api/rate-limit";

export const dynamic = "force-dynamic";

/** OAuth2 client credentials, form-encoded, as Entra's v2.0 token endpoint (client_secret_post or client_secret_basic). */
export async function POST(req: Request) {
  const traceId = crypto.randomUUID();
  const fail = (status: number, error: string, description: string, extra: Record<string, string> = {}) =>
    NextResponse.json(
      { error, error_description: description, timestamp: new Date().toISOString(), trace_id: traceId },
      { status, headers: { "Cache-Control": "no-store", ...(status === 401 ? { "WWW-Authenticate": 'Basic realm="steward"' } : {}), ...extra } },
    );
  try {
    const type = req.headers.get("content-type") ?? "";
    if (!type.includes("application/x-www-form-urlencoded")) return fail(400, "invalid_request", "The token request must be application/x-www-form-urlencoded.");
    let body: string;
    try {
      body = await readBodyText(req);
    } catch (e) {
      if (isDomainError(e) && e.code === "tooLarge") return fail(413, "invalid_request", e.message);
      throw e;
    }
    const form = tokenRequestFields(req.headers.get("authorization"), Object.fromEntries(new URLSearchParams(body)));
    // Limited per client_id (secret guessing against one client; lower-cased, as the uuid lookup ignores case), else per address. OAuth's error shape, as
    // token clients (MSAL, the Graph SDK) expect it here, with Retry-After as on the Graph API.
    const limit = rateLimiter().take(form.client_id ? `token:client:${form.client_id.slice(0, 200).toLowerCase()}` : `token:ip:${clientAddress(req)}`);
    if (!limit.allowed) {
      return fail(429, "temporarily_unavailable", `Too many token requests for this client; retry after ${limit.retryAfterSeconds} second(s).`, { "Retry-After": String(limit.retryAfterSeconds) });
    }
    const token = await issueClientCredentialsToken(await getDb(), form, new Date(), issuerOf(publicOrigin(req)));
    return NextResponse.json(token, { headers: { "Cache-Control": "no-store", Pragma: "no-cache" } });
  } catch (e) {
    if (e instanceof OAuthError) return fail(e.status, e.error, e.message);
    console.error(`[token] ${traceId}`, e);
    return fail(500, "server_error", "The token could not be issued.");
  }
}
