import { SignJWT, jwtVerify, errors as joseErrors } from "jose";

const ISSUER = "steward";
const AUDIENCE = "api://steward";
export const ACCESS_TOKEN_LIFETIME_S = 3599;

function key(): Uint8Array {
  const secret = process.env.AUTH_SECRET ?? (process.env.NODE_ENV !== "production" ? "steward-development-secret-do-not-use-in-production" : undefined);
  if (!secret) throw new Error("AUTH_SECRET must be set in production.");
  return new TextEncoder().encode(`access-token:${secret}`);
}

export type AccessTokenClaims = { sub: string; appid: string; idtyp: "app"; ptype: "agentIdentity" | "servicePrincipal"; roles: string[] };

export async function signAccessToken(claims: AccessTokenClaims, now: Date = new Date()): Promise<string> {
  const iat = Math.floor(now.getTime() / 1000);
  return new SignJWT({ appid: claims.appid, idtyp: claims.idtyp, ptype: claims.ptype, roles: claims.roles, oid: claims.sub })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(claims.sub)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt(iat)
    .setNotBefore(iat - 5)
    .setExpirationTime(iat + ACCESS_TOKEN_LIFETIME_S)
    .setJti(crypto.randomUUID())
    .sign(key());
}

/** Verifies signature, issuer, audience and lifetime; null for any token that is not ours or has expired. */
export async function verifyAccessToken(token: string): Promise<{ claims: AccessTokenClaims; expired: false } | { claims: null; expired: boolean }> {
  try {
    const { payload } = await jwtVerify(token, key(), { issuer: ISSUER, audience: AUDIENCE, algorithms: ["HS256"] });
    const ptype = payload.ptype;
    if (typeof payload.sub !== "string" || (ptype !== "agentIdentity" && ptype !== "servicePrincipal")) return { claims: null, expired: false };
    return {
      claims: { sub: payload.sub, appid: String(payload.appid ?? ""), idtyp: "app", ptype, roles: Array.isArray(payload.roles) ? payload.roles.map(String) : [] },
      expired: false,
    };
  } catch (e) {
    return { claims: null, expired: e instanceof joseErrors.JWTExpired };
  }
}
