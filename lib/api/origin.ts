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
  const configured = configuredOrigin(env);
  if (configured) return configured;
  const own = new URL(req.url);
  const trustProxy = env.AUTH_TRUST_HOST === "true" || env.AUTH_TRUST_HOST === "1";
  const forwardedHost = trustProxy ? firstValue(req.headers.get("x-forwarded-host")) : null;
  const forwardedProto = trustProxy ? firstValue(req.headers.get("x-forwarded-proto"))?.toLowerCase() : null;
  const host = [forwardedHost, req.headers.get("host")?.trim()].find((h) => h && isHost(h));
  const proto = forwardedProto === "http" || forwardedProto === "https" ? forwardedProto : own.protocol.replace(/:$/, "");
  return host ? `${proto}://${host.toLowerCase()}` : own.origin;
}

/** The request's URL with the public origin: same path and query string, exactly as sent. */
export function publicUrl(req: Request, env: Env = process.env): URL {
  const own = new URL(req.url);
  return new URL(`${own.pathname}${own.search}`, publicOrigin(req, env));
}

type Env = Record<string, string | undefined>;

const originCache = new Map<string, string | null>();

function configuredOrigin(env: Env): string | null {
  const raw = env.AUTH_URL || env.NEXTAUTH_URL;
  if (!raw) return null;
  let origin = originCache.get(raw);
  if (origin === undefined) {
    try {
      const u = new URL(raw);
      origin = u.protocol === "http:" || u.protocol === "https:" ? u.origin : null;
    } catch {
      origin = null;
    }
    originCache.set(raw, origin);
  }
  return origin;
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
