/**
 * The origin clients reach Steward at, for the absolute URLs the API hands out (@odata.context, @odata.nextLink,
 * the OpenID discovery document, the OpenAPI servers).
 *
 * `next start` gives route handlers `http://localhost:<port>` as the request's origin whatever the client sent, so
 * `new URL(req.url).origin` is wrong for every client that is not on the server's own machine. The same settings
 * that tell next-auth where it is tell the API:
 * 1. `AUTH_URL` (or `NEXTAUTH_URL`) set: its origin, always;
 * 2. `AUTH_TRUST_HOST=true` (behind a reverse proxy): the first `X-Forwarded-Host` and `X-Forwarded-Proto`, else Host;
 * 3. otherwise the `Host` header the client sent (the host part of the URL it used) with the request's protocol.
 * A header that is not a well-formed host (or protocol) is ignored, never echoed: the request URL's origin is used.
 */
export function publicOrigin(req: Request, env: Env = process.env): string {
  return originOf(req.headers, new URL(req.url), env);
}

/** The same for a server component or action, which has the request's headers but not its URL (http assumed). */
export function publicOriginOfHeaders(headers: Headers, env: Env = process.env): string {
  return originOf(headers, DEV_URL, env);
}

/** The development server's address: the fallback when neither AUTH_URL nor a usable Host header names one. */
export const DEV_ORIGIN = "http://localhost:3000";
const DEV_URL = new URL(DEV_ORIGIN);

/** The request's URL with the public origin: same path and query string, exactly as sent (req.url parsed once). */
export function publicUrl(req: Request, env: Env = process.env): URL {
  const own = new URL(req.url);
  const origin = originOf(req.headers, own, env);
  return origin === own.origin ? own : new URL(`${own.pathname}${own.search}`, origin);
}

/** Headers the answer depends on beyond Host: for responses a shared cache may keep (Cache-Control: public). */
export const PUBLIC_ORIGIN_VARY = "X-Forwarded-Host, X-Forwarded-Proto";

type Env = Record<string, string | undefined>;

let lastConfigured: { text: string; origin: string | null } | null = null;

/** The origin `AUTH_URL` (or `NEXTAUTH_URL`) names, when it is set to an http(s) URL; else null. Parsed once per value. */
export function configuredOrigin(env: Env = process.env): string | null {
  const configured = env.AUTH_URL || env.NEXTAUTH_URL;
  if (!configured) return null;
  if (lastConfigured?.text !== configured) {
    const u = URL.parse(configured);
    lastConfigured = { text: configured, origin: u && (u.protocol === "http:" || u.protocol === "https:") ? u.origin : null };
  }
  return lastConfigured.origin;
}

function originOf(headers: Headers, own: URL, env: Env): string {
  const configured = configuredOrigin(env);
  if (configured) return configured;
  const trustProxy = env.AUTH_TRUST_HOST === "true" || env.AUTH_TRUST_HOST === "1";
  const forwardedHost = trustProxy ? firstValue(headers.get("x-forwarded-host")) : null;
  const forwardedProto = trustProxy ? firstValue(headers.get("x-forwarded-proto"))?.toLowerCase() : null;
  const host = [forwardedHost, headers.get("host")?.trim()].find((h) => h && isHost(h));
  const proto = forwardedProto === "http" || forwardedProto === "https" ? forwardedProto : own.protocol.slice(0, -1);
  // Normalised as URL does (default port dropped, IPv6 compressed, lower case): the token issuer built from this
  // origin is compared with the canonical form, and clients compare the discovery document's issuer with theirs.
  return (host && URL.parse(`${proto}://${host}`)?.origin) || own.origin;
}

function firstValue(header: string | null): string | null {
  if (!header) return null;
  const v = header.split(",")[0].trim();
  return v || null;
}

/** A DNS name or IPv4 address, or a bracketed IPv6 address, with an optional port. */
function isHost(h: string): boolean {
  return h.length <= 255 && /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/.test(h);
}
