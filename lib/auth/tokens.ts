import { createPrivateKey, createPublicKey, hkdfSync, verify as edVerify, type KeyObject } from "node:crypto";
import { SignJWT, calculateJwkThumbprint, type JSONWebKeySet, type JWK } from "jose";
import { requireAuthSecret } from "../../auth.config";
import { configuredOrigin, DEV_ORIGIN } from "../api/origin";

/**
 * The issuer is a URL, as OpenID Connect Discovery and RFC 8414 require: `<origin>/api`, whose
 * `/.well-known/openid-configuration` is the discovery document. Standard clients (openid-client, the MCP SDK)
 * compare the document's `issuer` with the URL they discovered it from and stop when they differ.
 */
export const ISSUER_PATH = "/api";
export const issuerOf = (origin: string) => `${origin}${ISSUER_PATH}`;
/** For tokens minted outside a request (CLI, tests, benchmarks): AUTH_URL's origin, else the dev server's. */
export const defaultIssuer = () => issuerOf(configuredOrigin() ?? DEV_ORIGIN);

/**
 * Whether `iss` names Steward: with AUTH_URL set, exactly its issuer; otherwise any `<http(s) origin>/api`, since
 * the origin follows the address the client used (127.0.0.1 or localhost, a proxy's name) and a token fetched at one
 * must keep working at another. Trust comes from the signature: only this AUTH_SECRET's key signs Steward's tokens
 * (so development servers without AUTH_SECRET, which share the built-in development secret, accept each other's).
 */
export function isStewardIssuer(iss: unknown): boolean {
  if (typeof iss !== "string") return false;
  const configured = configuredOrigin();
  if (configured) return iss === issuerOf(configured);
  const u = URL.parse(iss);
  return !!u && (u.protocol === "http:" || u.protocol === "https:") && iss === issuerOf(u.origin);
}
export const AUDIENCE = "api://steward";
export const ACCESS_TOKEN_LIFETIME_S = 3599;
/** The one signing algorithm: Ed25519 (JWS "EdDSA"). Tokens with any other alg (none, HS256, RS256…) are refused. */
export const SIGNING_ALG = "EdDSA";

/** PKCS#8 DER prefix of an Ed25519 private key (RFC 8410); the 32-byte seed follows. */
const ED25519_PKCS8_PREFIX = Buffer.from("302e020100300506032b657004220420", "hex");

type SigningKey = { secret: string; privateKey: KeyObject; publicKey: KeyObject; jwk: JWK; kid: string };
let cached: Promise<SigningKey> | null = null;
let cachedFor: string | null = null;

/**
 * The signing key is derived from AUTH_SECRET (HKDF-SHA256 → Ed25519 seed), so the server, the CLI, tests and
 * benchmarks all hold the same key without storing one; rotating AUTH_SECRET rotates the key (and its kid).
 */
export function signingKey(): Promise<SigningKey> {
  const s = requireAuthSecret();
  if (!cached || cachedFor !== s) {
    cachedFor = s;
    cached = (async () => {
      const seed = Buffer.from(hkdfSync("sha256", s, "steward", "access-token-signing-key:ed25519", 32));
      const privateKey = createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]), format: "der", type: "pkcs8" });
      const publicKey = createPublicKey(privateKey);
      const exported = publicKey.export({ format: "jwk" }) as JWK;
      const base: JWK = { kty: exported.kty, crv: exported.crv, x: exported.x };
      const kid = await calculateJwkThumbprint(base, "sha256");
      return { secret: s, privateKey, publicKey, kid, jwk: { ...base, kid, alg: SIGNING_ALG, use: "sig" } };
    })();
  }
  return cached;
}

/** The published key set (served at the JWKS URI). */
export async function publicJwks(): Promise<JSONWebKeySet> {
  return { keys: [(await signingKey()).jwk] };
}

export type AccessTokenClaims = { sub: string; appid: string; idtyp: "app"; ptype: "agentIdentity" | "servicePrincipal"; roles: string[] };

export async function signAccessToken(claims: AccessTokenClaims, now: Date = new Date(), issuer: string = defaultIssuer()): Promise<string> {
  const key = await signingKey();
  const iat = Math.floor(now.getTime() / 1000);
  return new SignJWT({ appid: claims.appid, idtyp: claims.idtyp, ptype: claims.ptype, roles: claims.roles, oid: claims.sub })
    .setProtectedHeader({ alg: SIGNING_ALG, typ: "JWT", kid: key.kid })
    .setSubject(claims.sub)
    .setIssuer(issuer)
    .setAudience(AUDIENCE)
    .setIssuedAt(iat)
    .setNotBefore(iat - 5)
    .setExpirationTime(iat + ACCESS_TOKEN_LIFETIME_S)
    .setJti(crypto.randomUUID())
    .sign(key.privateKey);
}

/** Verified tokens, by kid and token text: an agent reuses its token for an hour, so its signature is checked once. */
const VERIFIED_MAX = 10_000;
const verified = new Map<string, { claims: AccessTokenClaims; exp: number; nbf: number }>();
const B64URL = /^[A-Za-z0-9_-]+$/;

function jsonPart(part: string): Record<string, unknown> | null {
  try {
    const v: unknown = JSON.parse(Buffer.from(part, "base64url").toString("utf8"));
    return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/**
 * Verifies a compact JWS signed by our key: header alg EdDSA with our kid and no `crit`, the Ed25519 signature
 * (node:crypto, synchronous — jose's WebCrypto path costs a thread-pool round trip per call), issuer, audience, and
 * lifetime (exp required; nbf when present). Null for any token that is not ours or has expired. A token that
 * verified before is not verified again while it is valid (its lifetime is still checked on every call); the cache
 * is keyed by the signing key, so rotating AUTH_SECRET invalidates it.
 */
export async function verifyAccessToken(token: string, now: number = Date.now()): Promise<{ claims: AccessTokenClaims; expired: false } | { claims: null; expired: boolean }> {
  const key = await signingKey();
  const s = Math.floor(now / 1000);
  const cacheKey = `${key.kid}.${token}`;
  const hit = verified.get(cacheKey);
  if (hit) {
    if (s >= hit.exp) {
      verified.delete(cacheKey);
      return { claims: null, expired: true };
    }
    if (s >= hit.nbf) return { claims: hit.claims, expired: false };
  }
  const invalid = { claims: null, expired: false } as const;
  const parts = token.split(".");
  if (parts.length !== 3 || !parts.every((p) => B64URL.test(p))) return invalid;
  const header = jsonPart(parts[0]);
  if (!header || header.alg !== SIGNING_ALG || header.kid !== key.kid || header.crit !== undefined || (header.typ !== undefined && header.typ !== "JWT")) return invalid;
  const signature = Buffer.from(parts[2], "base64url");
  if (signature.length !== 64 || !edVerify(null, Buffer.from(`${parts[0]}.${parts[1]}`, "ascii"), key.publicKey, signature)) return invalid;
  const payload = jsonPart(parts[1]);
  if (!payload) return invalid;
  const aud = payload.aud;
  if (!isStewardIssuer(payload.iss) || !(aud === AUDIENCE || (Array.isArray(aud) && aud.includes(AUDIENCE)))) return invalid;
  if (typeof payload.exp !== "number" || (payload.nbf !== undefined && typeof payload.nbf !== "number")) return invalid;
  if (s >= payload.exp) return { claims: null, expired: true };
  const nbf = typeof payload.nbf === "number" ? payload.nbf : 0;
  if (s < nbf) return invalid;
  const ptype = payload.ptype;
  if (typeof payload.sub !== "string" || (ptype !== "agentIdentity" && ptype !== "servicePrincipal")) return invalid;
  const claims: AccessTokenClaims = { sub: payload.sub, appid: String(payload.appid ?? ""), idtyp: "app", ptype, roles: Array.isArray(payload.roles) ? payload.roles.map(String) : [] };
  if (verified.size >= VERIFIED_MAX) verified.delete(verified.keys().next().value!);
  verified.set(cacheKey, { claims, exp: payload.exp, nbf });
  return { claims, expired: false };
}
