import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as oidc from "openid-client";
import { decodeJwt } from "jose";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { ClientCredentialsProvider } from "@modelcontextprotocol/sdk/client/auth-extensions.js";
import { and, count, eq } from "drizzle-orm";
import type { Database } from "@/db";
import { assignmentRequests, auditEvents } from "@/db/schema";
import { SEED_IDS } from "@/db/seed";
import { createTestDatabase } from "@/lib/testing/test-db";
import { ctxAs } from "@/lib/testing/actors";
import { startRouteServer, type RouteServer } from "@/lib/testing/route-server";
import { createCredential } from "@/lib/directory/create-credential";
import { tokenRequestFields } from "./client-credentials";
import { setRateLimitClock } from "@/lib/api/rate-limit";

/*
 * OAuth clients written to the standards, used as their authors document them, with nothing Steward-specific but
 * the address: openid-client (OpenID Connect Discovery, then client credentials) and the MCP SDK's own
 * ClientCredentialsProvider (401 → RFC 9728 resource metadata → RFC 8414 metadata → token → retried request).
 */

let database: Database;
let server: RouteServer;
let issuer: string;
beforeAll(async () => {
  database = await createTestDatabase();
  server = await startRouteServer(database);
  issuer = `${server.url}/api`;
});
afterAll(async () => {
  await server?.close();
  await database?.close();
});

async function secretFor(principalId: string) {
  return createCredential({ ctx: await ctxAs(database.db, SEED_IDS.users.ines), input: { principalId } });
}

const CATALOGS = "/api/v1.0/identityGovernance/entitlementManagement/catalogs";
const tokenEndpoint = () => `${server.url}/api/oauth2/v2.0/token`;
const form = (fields: Record<string, string>) => new URLSearchParams({ grant_type: "client_credentials", ...fields });
const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString("base64")}`;

async function postToken(body: URLSearchParams, headers: Record<string, string> = {}) {
  const res = await fetch(tokenEndpoint(), { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", ...headers }, body });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
}

describe("openid-client discovers Steward from its issuer URL and gets tokens", () => {
  for (const [method, auth] of [
    ["client_secret_post", oidc.ClientSecretPost],
    ["client_secret_basic", oidc.ClientSecretBasic],
  ] as const) {
    it(`OpenID Connect Discovery at <origin>/api, client credentials with ${method}; the token works on the Graph API`, async () => {
      const { clientId, clientSecret } = await secretFor(SEED_IDS.servicePrincipals.stewardAutomation);
      const config = await oidc.discovery(new URL(issuer), clientId, undefined, auth(clientSecret), { execute: [oidc.allowInsecureRequests] });
      expect(config.serverMetadata()).toMatchObject({ issuer, token_endpoint: tokenEndpoint(), jwks_uri: `${server.url}/api/discovery/v2.0/keys` });
      const tokens = await oidc.clientCredentialsGrant(config, { scope: "https://graph.microsoft.com/.default" });
      expect(tokens).toMatchObject({ token_type: "bearer", expires_in: 3599 });
      expect(decodeJwt(tokens.access_token)).toMatchObject({ iss: issuer, sub: SEED_IDS.servicePrincipals.stewardAutomation });
      const res = await fetch(`${server.url}${CATALOGS}`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
      expect(res.status).toBe(200);
    });
  }

  it("RFC 8414 discovery (/.well-known/oauth-authorization-server/api) names the same issuer and endpoints", async () => {
    const { clientId, clientSecret } = await secretFor(SEED_IDS.servicePrincipals.stewardAutomation);
    const config = await oidc.discovery(new URL(issuer), clientId, clientSecret, undefined, { algorithm: "oauth2", execute: [oidc.allowInsecureRequests] });
    expect(config.serverMetadata()).toMatchObject({ issuer, token_endpoint: tokenEndpoint(), token_endpoint_auth_methods_supported: ["client_secret_post", "client_secret_basic"] });
    expect((await oidc.clientCredentialsGrant(config)).access_token).toBeTruthy();
  });

  it("a wrong secret is refused by the client library as invalid_client", async () => {
    const { clientId } = await secretFor(SEED_IDS.servicePrincipals.stewardAutomation);
    const config = await oidc.discovery(new URL(issuer), clientId, undefined, oidc.ClientSecretBasic("not-the-secret"), { execute: [oidc.allowInsecureRequests] });
    const err = (await oidc.clientCredentialsGrant(config).catch((e: unknown) => e)) as { status?: number; response?: Response };
    expect(err.status).toBe(401);
    expect(await err.response!.json()).toMatchObject({ error: "invalid_client", error_description: "Invalid client_id or client_secret." });
  });

  it("the authorization endpoint the metadata names refuses every request and says how to get a token", async () => {
    for (const method of ["GET", "POST"]) {
      const res = await fetch(`${issuer}/oauth2/v2.0/authorize?response_type=code&client_id=x&redirect_uri=https%3A%2F%2Fevil.example%2Fcb`, { method, redirect: "manual" });
      expect(res.status).toBe(400);
      expect(res.headers.get("location")).toBeNull();
      expect(await res.json()).toMatchObject({ error: "unsupported_response_type", error_description: expect.stringContaining("POST /api/oauth2/v2.0/token") });
    }
  });
});

describe("the MCP SDK's ClientCredentialsProvider connects an agent with nothing but its client id and secret", () => {
  it("401 → resource metadata → authorization server metadata → token (client_secret_basic) → connected; the agent requests a package for itself", async () => {
    const agent = SEED_IDS.agents.expenseAuditor;
    const { clientId, clientSecret } = await secretFor(agent);
    const authProvider = new ClientCredentialsProvider({ clientId, clientSecret, expectedIssuer: issuer });
    const client = new Client({ name: "sdk-oauth-agent", version: "1.0.0" });
    try {
      await client.connect(new StreamableHTTPClientTransport(new URL(`${server.url}/api/mcp`), { authProvider }));
      expect(decodeJwt(authProvider.tokens()!.access_token)).toMatchObject({ iss: issuer, sub: agent, ptype: "agentIdentity" });
      expect((await client.listTools()).tools.map((t) => t.name)).toContain("request_access");
      const res = await client.callTool({ name: "request_access", arguments: { package: SEED_IDS.packages.directoryRead8h, policy: SEED_IDS.policies.directoryRead8h, justification: "Reconcile approvers" } });
      expect(res.isError).not.toBe(true);
      const id = /Request ([0-9a-f-]{36})/.exec((res.content as { text: string }[])[0].text)![1];
      const [row] = await database.db.select().from(assignmentRequests).where(eq(assignmentRequests.id, id));
      expect(row).toMatchObject({ requestorId: agent, targetId: agent, state: "delivered" });
    } finally {
      await client.close();
    }
  });

  it("a wrong secret: the SDK's token request is refused and it does not connect", async () => {
    const { clientId } = await secretFor(SEED_IDS.agents.onCall);
    const authProvider = new ClientCredentialsProvider({ clientId, clientSecret: "wrong", expectedIssuer: issuer });
    const client = new Client({ name: "sdk-oauth-agent", version: "1.0.0" });
    await expect(client.connect(new StreamableHTTPClientTransport(new URL(`${server.url}/api/mcp`), { authProvider }))).rejects.toThrow(/invalid_client|Invalid client/i);
    expect(authProvider.tokens()).toBeUndefined();
  });
});

describe("token endpoint: client_secret_basic", () => {
  it("takes the form-urlencoded id and secret from HTTP Basic, and issues a token whose iss is <origin>/api", async () => {
    const { clientId, clientSecret } = await secretFor(SEED_IDS.agents.onCall);
    const ok = await postToken(form({ scope: "api://steward/.default" }), { authorization: basic(clientId, clientSecret) });
    expect(ok.status).toBe(200);
    expect(decodeJwt(String(ok.body.access_token))).toMatchObject({ iss: issuer, sub: SEED_IDS.agents.onCall });
    // The form may repeat the header's client_id (RFC 6749 allows it); case of the scheme does not matter.
    expect((await postToken(form({ client_id: clientId }), { authorization: basic(clientId, clientSecret).replace("Basic", "basic") })).status).toBe(200);
  });

  it("refuses bad Basic credentials with a clear OAuth error and issues nothing", async () => {
    const { clientId, clientSecret } = await secretFor(SEED_IDS.agents.releaseNotes);
    const issued = async () =>
      (await database.db.select({ n: count() }).from(auditEvents).where(and(eq(auditEvents.action, "signIn.clientCredentials"), eq(auditEvents.actorId, SEED_IDS.agents.releaseNotes), eq(auditEvents.outcome, "success"))))[0].n;
    const before = await issued();
    const cases: [string, URLSearchParams, Record<string, string>, number, string, RegExp][] = [
      ["secret in both places", form({ client_secret: clientSecret }), { authorization: basic(clientId, clientSecret) }, 400, "invalid_request", /not both/],
      ["form client_id differs", form({ client_id: SEED_IDS.applicationAppIds.stewardAutomation }), { authorization: basic(clientId, clientSecret) }, 400, "invalid_request", /differs/],
      ["wrong secret", form({}), { authorization: basic(clientId, "wrong") }, 401, "invalid_client", /Invalid client_id or client_secret/],
      ["empty Basic", form({}), { authorization: "Basic" }, 401, "invalid_client", /HTTP Basic/],
      ["no colon", form({}), { authorization: `Basic ${Buffer.from(clientId).toString("base64")}` }, 401, "invalid_client", /HTTP Basic/],
      ["not base64", form({}), { authorization: "Basic !!!" }, 401, "invalid_client", /HTTP Basic/],
      ["bad percent-encoding", form({}), { authorization: `Basic ${Buffer.from(`${clientId}:%E0%A4%A`).toString("base64")}` }, 401, "invalid_client", /HTTP Basic/],
    ];
    for (const [name, body, headers, status, error, message] of cases) {
      const res = await postToken(body, headers);
      expect({ name, status: res.status, error: res.body.error }).toEqual({ name, status, error });
      expect(String(res.body.error_description), name).toMatch(message);
      expect(res.body.access_token, name).toBeUndefined();
      expect(JSON.stringify(res.body), name).not.toMatch(/at .+\.ts:\d+/);
      if (status === 401) expect(res.headers.get("www-authenticate"), name).toBe('Basic realm="steward"');
    }
    expect(await issued()).toBe(before);
  });

  it("reads only the Basic scheme: with another Authorization header (a leftover Bearer), the form's credentials stand", async () => {
    const { clientId, clientSecret } = await secretFor(SEED_IDS.agents.escalationSummarizer);
    const res = await postToken(form({ client_id: clientId, client_secret: clientSecret }), { authorization: "Bearer left-over" });
    expect(res.status).toBe(200);
    expect((await postToken(form({}), { authorization: "Bearer left-over" })).body).toMatchObject({ error: "invalid_request", error_description: "client_id is required" });
  });

  it("decodes form-urlencoded ids and secrets (RFC 6749 2.3.1): '+', '%3A' and a raw ':' in the secret", async () => {
    const { clientId, clientSecret } = await secretFor(SEED_IDS.agents.invoiceReconciliation);
    // A real secret, with every '-' of the id percent-encoded: the same client.
    const encodedId = clientId.replace(/-/g, "%2D");
    expect((await postToken(form({}), { authorization: `Basic ${Buffer.from(`${encodedId}:${encodeURIComponent(clientSecret)}`).toString("base64")}` })).status).toBe(200);
    // '+' is a space, '%3A' a colon, and everything after the first raw ':' belongs to the secret.
    expect(tokenRequestFields(`Basic ${Buffer.from("a%3Ab+c:d+e%2Bf:g%25").toString("base64")}`, { grant_type: "client_credentials" })).toEqual({
      grant_type: "client_credentials",
      client_id: "a:b c",
      client_secret: "d e+f:g%",
    });
  });

  it("rate limits Basic clients per client id, whatever the letter case of the id: 429 with Retry-After", async () => {
    const saved = { perSecond: process.env.STEWARD_RATE_LIMIT_PER_SECOND, burst: process.env.STEWARD_RATE_LIMIT_BURST };
    const { clientId } = await secretFor(SEED_IDS.agents.triage);
    process.env.STEWARD_RATE_LIMIT_PER_SECOND = "0.5";
    process.env.STEWARD_RATE_LIMIT_BURST = "4";
    const t0 = Date.now();
    setRateLimitClock(() => t0);
    try {
      const answers = [];
      for (let i = 0; i < 6; i++) answers.push(await postToken(form({}), { authorization: basic(i % 2 ? clientId.toUpperCase() : clientId, "wrong") }));
      expect(answers.map((a) => a.status)).toEqual([401, 401, 401, 401, 429, 429]);
      expect(answers[4].headers.get("retry-after")).toBe("2");
      expect(answers[4].body.error).toBe("temporarily_unavailable");
    } finally {
      setRateLimitClock(null);
      for (const [k, v] of [["STEWARD_RATE_LIMIT_PER_SECOND", saved.perSecond], ["STEWARD_RATE_LIMIT_BURST", saved.burst]] as const) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
  });
});
