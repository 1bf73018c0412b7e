import { generateKeyPairSync, sign as cryptoSign, type KeyObject } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SignJWT, UnsecuredJWT, createLocalJWKSet, createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from "jose";
import { requireAuthSecret } from "@/auth.config";
import type { Database } from "@/db";
import { SEED_IDS } from "@/db/seed";
import { createTestDatabase } from "@/lib/testing/test-db";
import { startRouteServer, type RouteServer } from "@/lib/testing/route-server";
import { AUDIENCE, defaultIssuer, isStewardIssuer, issuerOf, publicJwks, signAccessToken, signingKey, verifyAccessToken } from "./tokens";

let database: Database;
let server: RouteServer;
beforeAll(async () => {
  database = await createTestDatabase();
  server = await startRouteServer(database);
});
afterAll(async () => {
  await server?.close();
  await database?.close();
});

const SP = SEED_IDS.servicePrincipals.stewardAutomation;
const claims = { sub: SP, appid: SEED_IDS.applicationAppIds.stewardAutomation, idtyp: "app" as const, ptype: "servicePrincipal" as const, roles: [] };
const LIST = "/api/v1.0/identityGovernance/entitlementManagement/assignmentRequests";

async function callWith(token: string) {
  const res = await fetch(`${server.url}${LIST}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, body: await res.json() };
}

/** A compact JWS signed directly with node:crypto, for headers jose refuses to produce (e.g. crit). */
function manual(header: Record<string, unknown>, payload: Record<string, unknown>, privateKey: KeyObject): string {
  const input = `${Buffer.from(JSON.stringify(header)).toString("base64url")}.${Buffer.from(JSON.stringify(payload)).toString("base64url")}`;
  return `${input}.${cryptoSign(null, Buffer.from(input), privateKey).toString("base64url")}`;
}

/** The payload an attacker would forge: our claims, valid times. */
function forgedPayload() {
  const iat = Math.floor(Date.now() / 1000);
  return { ...claims, oid: SP, iss: defaultIssuer(), aud: AUDIENCE, iat, nbf: iat - 5, exp: iat + 3600 };
}

describe("signed access tokens", () => {
  it("are EdDSA JWTs with the kid of the published key, and verify against the JWKS named by the discovery document", async () => {
    const token = await signAccessToken(claims, new Date(), issuerOf(server.url));
    const header = decodeProtectedHeader(token);
    expect(header).toMatchObject({ alg: "EdDSA", typ: "JWT", kid: (await signingKey()).kid });

    const discovery = await (await fetch(`${server.url}/api/.well-known/openid-configuration`)).json();
    expect(discovery).toMatchObject({
      issuer: `${server.url}/api`,
      token_endpoint: `${server.url}/api/oauth2/v2.0/token`,
      jwks_uri: `${server.url}/api/discovery/v2.0/keys`,
      grant_types_supported: ["client_credentials"],
      token_endpoint_auth_methods_supported: ["client_secret_post", "client_secret_basic"],
      id_token_signing_alg_values_supported: ["EdDSA"],
    });
    const remote = createRemoteJWKSet(new URL(discovery.jwks_uri));
    const { payload } = await jwtVerify(token, remote, { issuer: discovery.issuer, audience: AUDIENCE });
    expect(payload).toMatchObject({ sub: SP, ptype: "servicePrincipal" });

    const local = createLocalJWKSet(await publicJwks());
    await expect(jwtVerify(token, local)).resolves.toBeTruthy();
    // The JWKS carries only the public part.
    expect(JSON.stringify(await publicJwks())).not.toMatch(/"d"/);
  });

  it("the key is derived from AUTH_SECRET: the same secret gives the same key in any process, another secret another key", async () => {
    const before = (await signingKey()).kid;
    const saved = process.env.AUTH_SECRET;
    try {
      process.env.AUTH_SECRET = "another-secret-for-this-test";
      const other = await signingKey();
      expect(other.kid).not.toBe(before);
      const tokenFromOther = await signAccessToken(claims);
      process.env.AUTH_SECRET = saved;
      if (saved === undefined) delete process.env.AUTH_SECRET;
      expect((await signingKey()).kid).toBe(before);
      expect((await verifyAccessToken(tokenFromOther)).claims).toBeNull();
    } finally {
      if (saved === undefined) delete process.env.AUTH_SECRET;
      else process.env.AUTH_SECRET = saved;
    }
  });

  it("a valid token is accepted by an API route", async () => {
    const { status } = await callWith(await signAccessToken(claims));
    expect(status).toBe(200);
  });

  it("a tampered token is refused with 401", async () => {
    const token = await signAccessToken(claims);
    const [h, p, s] = token.split(".");
    const payload = JSON.parse(Buffer.from(p, "base64url").toString());
    payload.sub = SEED_IDS.servicePrincipals.payrollSync;
    const tampered = `${h}.${Buffer.from(JSON.stringify(payload)).toString("base64url")}.${s}`;
    const { status, body } = await callWith(tampered);
    expect(status).toBe(401);
    expect(body).toMatchObject({ error: { code: "InvalidAuthenticationToken", message: "The access token is invalid." } });
  });

  it("a token signed with another Ed25519 key, even one claiming our kid, is refused with 401", async () => {
    const { privateKey } = generateKeyPairSync("ed25519");
    const forged = await new SignJWT(forgedPayload()).setProtectedHeader({ alg: "EdDSA", kid: (await signingKey()).kid }).sign(privateKey);
    expect((await callWith(forged)).status).toBe(401);
  });

  it("an HS256 token made with the old shared-secret scheme is refused with 401", async () => {
    const secret = requireAuthSecret();
    const hs = await new SignJWT(forgedPayload()).setProtectedHeader({ alg: "HS256", kid: (await signingKey()).kid }).sign(new TextEncoder().encode(`access-token:${secret}`));
    expect((await callWith(hs)).status).toBe(401);
  });

  it("an unsigned (alg=none) token is refused with 401", async () => {
    const none = new UnsecuredJWT(forgedPayload()).encode();
    expect((await callWith(none)).status).toBe(401);
  });

  it("an expired token is refused with 401 and told to get a new one", async () => {
    const expired = await signAccessToken(claims, new Date(Date.now() - 2 * 3600_000));
    const { status, body } = await callWith(expired);
    expect(status).toBe(401);
    expect(body.error.message).toMatch(/expired/);
  });
  it("tokens signed with our key but with the wrong issuer, audience, type, crit header, no exp, or a future nbf are refused; a verified token stops working when it expires", async () => {
    const key = await signingKey();
    const iat = Math.floor(Date.now() / 1000);
    const sign = (payload: Record<string, unknown>, header: Record<string, unknown> = {}) =>
      new SignJWT({ ...payload }).setProtectedHeader({ alg: "EdDSA", typ: "JWT", kid: key.kid, ...header }).sign(key.privateKey);
    const good = forgedPayload();
    expect((await verifyAccessToken(await sign(good))).claims).toMatchObject({ sub: SP });
    const bad = [
      await sign({ ...good, iss: "someone-else" }),
      await sign({ ...good, iss: "steward" }),
      await sign({ ...good, iss: `${server.url}/api/` }),
      await sign({ ...good, iss: `${server.url}/other` }),
      await sign({ ...good, iss: `ftp://${new URL(server.url).host}/api` }),
      await sign({ ...good, iss: undefined }),
      await sign({ ...good, aud: "api://other" }),
      await sign({ ...good, ptype: "user" }),
      await sign({ ...good, exp: undefined }),
      await sign({ ...good, nbf: iat + 600 }),
      await sign(good, { kid: "another-kid" }),
      manual({ alg: "EdDSA", typ: "JWT", kid: key.kid, crit: ["x-steward"], "x-steward": 1 }, good, key.privateKey),
      await sign(good, { typ: "at+jwt" }),
    ];
    for (const t of bad) expect((await verifyAccessToken(t)).claims).toBeNull();
    // The hand-made token is refused for its crit header alone: without it, the same signer makes a valid token.
    expect((await verifyAccessToken(manual({ alg: "EdDSA", typ: "JWT", kid: key.kid }, good, key.privateKey))).claims).toMatchObject({ sub: SP });
    // A token that verified (and is cached) is refused once its exp has passed, and says it expired.
    const short = await sign({ ...good, exp: iat + 60 });
    expect((await verifyAccessToken(short)).claims).not.toBeNull();
    expect(await verifyAccessToken(short, (iat + 61) * 1000)).toEqual({ claims: null, expired: true });
  });

  it("the issuer is <origin>/api: any origin without AUTH_URL (the address follows the client), exactly AUTH_URL's when set", async () => {
    const saved = { AUTH_URL: process.env.AUTH_URL, NEXTAUTH_URL: process.env.NEXTAUTH_URL };
    try {
      delete process.env.AUTH_URL;
      delete process.env.NEXTAUTH_URL;
      expect(defaultIssuer()).toBe("http://localhost:3000/api");
      for (const iss of ["http://127.0.0.1:3000/api", "https://steward.example.org/api", "http://[::1]:8080/api"]) expect(isStewardIssuer(iss)).toBe(true);
      for (const iss of ["steward", "https://steward.example.org/api/", "https://steward.example.org/api?x=1", "https://steward.example.org", "https://steward.example.org/API", "https://user@steward.example.org/api", 7]) {
        expect(isStewardIssuer(iss)).toBe(false);
      }
      // A token fetched at one address keeps working at another.
      const elsewhere = await signAccessToken(claims, new Date(), "https://steward.example.org/api");
      expect((await callWith(elsewhere)).status).toBe(200);

      process.env.AUTH_URL = "https://steward.example.org/some/path";
      expect(defaultIssuer()).toBe("https://steward.example.org/api");
      expect(isStewardIssuer("https://steward.example.org/api")).toBe(true);
      expect(isStewardIssuer("http://127.0.0.1:3000/api")).toBe(false);
      const other = await signAccessToken(claims, new Date(), "http://127.0.0.1:3999/api");
      const { status, body } = await callWith(other);
      expect(status).toBe(401);
      expect(body.error.code).toBe("InvalidAuthenticationToken");
    } finally {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
  });
});
