import type { APIRequestContext, Locator, Page } from "@playwright/test";
import { SEED_IDS } from "../db/seed";
import { PERSONAS, expect, shot, signInAs, test } from "./fixtures";

/*
 * Pathway A: an agent authenticates with its own client secret (OAuth2 client credentials)
 * and requests an auto-approved package for itself through the Graph-compatible API.
 */

const TOKEN_URL = "/api/oauth2/v2.0/token";
const REQUESTS_URL = "/api/v1.0/identityGovernance/entitlementManagement/assignmentRequests";
const SCOPE = "https://graph.microsoft.com/.default";

const AGENT_ID = SEED_IDS.agents.expenseAuditor;
const AGENT_APP_ID = SEED_IDS.agentAppIds.expenseAuditor;
const PACKAGE_ID = SEED_IDS.packages.directoryRead8h;
const POLICY_ID = SEED_IDS.policies.directoryRead8h;

type ClientCredentials = { clientId: string; clientSecret: string };

let created: ClientCredentials | undefined;

/** An administrator creates a client secret for Expense Auditor in the portal; it is shown once. */
async function clientCredentials(page: Page): Promise<ClientCredentials> {
  if (created) return created;
  await signInAs(page, PERSONAS.ines, "/admin/directory");
  await page.goto("/admin/directory");
  await expect(page.getByText("Expense Auditor").first()).toBeVisible();

  // The button sits in the agent's row (or on its detail page), never on another principal's.
  const row = page.getByRole("row").filter({ hasText: "Expense Auditor" });
  const inRow = row.getByRole("button", { name: "Create client secret" });
  let scope: Page | Locator = page;
  if ((await inRow.count()) > 0) {
    scope = row;
  } else {
    await page.getByRole("link", { name: "Expense Auditor" }).first().click();
    await expect(page.getByRole("heading", { name: /Expense Auditor/ }).first()).toBeVisible();
  }
  await scope.getByRole("button", { name: "Create client secret" }).click();

  // Shown once: read from the marked elements, or from the labelled read-only fields.
  const clientId = page.getByTestId("client-id").or(scope.getByLabel("Client ID", { exact: true })).first();
  const clientSecret = page.getByTestId("client-secret").or(scope.getByLabel("Client secret", { exact: true })).first();
  await expect(clientSecret).toBeVisible();
  const creds = {
    clientId: (await textOf(clientId)).trim(),
    clientSecret: (await textOf(clientSecret)).trim(),
  };
  await shot(page, "api-00-admin-created-client-secret");
  expect(creds.clientId).toBe(AGENT_APP_ID);
  expect(creds.clientSecret.length).toBeGreaterThanOrEqual(20);
  created = creds;
  return creds;
}

/** The text of an element, or its value when it is an input (a read-only field to copy from). */
async function textOf(locator: Locator): Promise<string> {
  const tag = await locator.evaluate((el) => el.tagName.toLowerCase());
  return tag === "input" || tag === "textarea" ? locator.inputValue() : locator.innerText();
}

async function token(request: APIRequestContext, creds: ClientCredentials): Promise<string> {
  const res = await request.post(TOKEN_URL, {
    form: { grant_type: "client_credentials", client_id: creds.clientId, client_secret: creds.clientSecret, scope: SCOPE },
  });
  expect(res.status(), await res.text()).toBe(200);
  const body = await res.json();
  expect(body.token_type).toBe("Bearer");
  expect(typeof body.access_token).toBe("string");
  expect(body.access_token.length).toBeGreaterThan(20);
  expect(body.expires_in).toBeGreaterThan(0);
  return body.access_token as string;
}

test.describe("Agents and the Graph API", () => {
  test("[AGENT] gets a token and is delivered the auto-approved package", async ({ page, request }) => {
    const creds = await clientCredentials(page);
    const accessToken = await token(request, creds);
    const auth = { Authorization: `Bearer ${accessToken}` };

    const res = await request.post(REQUESTS_URL, {
      headers: auth,
      data: {
        requestType: "userAdd",
        assignment: { accessPackageId: PACKAGE_ID, assignmentPolicyId: POLICY_ID },
        justification: "Monthly audit run needs to resolve approvers in the directory.",
      },
    });
    expect(res.status(), await res.text()).toBe(201);
    const submitted = await res.json();
    expect(submitted.id).toEqual(expect.any(String));
    expect(submitted.requestType).toBe("userAdd");
    expect(submitted.state).toEqual(expect.any(String));
    expect(submitted.accessPackage?.id).toBe(PACKAGE_ID);
    expect(submitted.target?.objectId).toBe(AGENT_ID);

    // Auto-approved: delivered at once (or immediately after the submitting transaction).
    await expect
      .poll(
        async () => {
          const r = await request.get(`${REQUESTS_URL}/${submitted.id}`, { headers: auth });
          expect(r.status(), await r.text()).toBe(200);
          return (await r.json()).state;
        },
        { timeout: 15_000 },
      )
      .toBe("delivered");

    const fetched = await (await request.get(`${REQUESTS_URL}/${submitted.id}`, { headers: auth })).json();
    expect(fetched.id).toBe(submitted.id);
    expect(fetched.target?.objectId).toBe(AGENT_ID);
    // Time-bound: the policy gives 8 hours.
    const end = fetched.schedule?.expiration?.endDateTime;
    expect(end, "an 8-hour package has an end date").toBeTruthy();
    const hours = (Date.parse(end) - Date.parse(fetched.schedule.startDateTime)) / 3_600_000;
    expect(hours).toBeCloseTo(8, 1);

    // The agent's own request list shows it.
    const listed = await request.get(REQUESTS_URL, { headers: auth });
    expect(listed.status()).toBe(200);
    const ids = ((await listed.json()).value as { id: string }[]).map((r) => r.id);
    expect(ids).toContain(submitted.id);

    // Without a token the API answers 401, not a sign-in page.
    const anonymous = await request.get(`${REQUESTS_URL}/${submitted.id}`);
    expect(anonymous.status()).toBe(401);
  });

  test("[AGENT] absolute URLs name the address the client used, also behind a proxy", async ({ page, request }) => {
    // `next start` hands route handlers http://localhost:<port> whatever the client sent; the API must not echo that.
    const direct = await request.get("/api/.well-known/openid-configuration");
    expect(direct.status()).toBe(200);
    const origin = new URL(direct.url()).origin;
    const directDoc = await direct.json();
    expect(directDoc.token_endpoint).toBe(`${origin}${TOKEN_URL}`);
    // The issuer is the address followed by /api: OpenID clients discover it from that URL.
    expect(directDoc.issuer).toBe(`${origin}/api`);

    // Behind a reverse proxy (AUTH_TRUST_HOST=true, as the e2e server runs): the forwarded host and protocol.
    const proxied = { "X-Forwarded-Host": "steward.example.org", "X-Forwarded-Proto": "https" };
    const discovery = await (await request.get("/api/.well-known/openid-configuration", { headers: proxied })).json();
    expect(discovery.token_endpoint).toBe(`https://steward.example.org${TOKEN_URL}`);
    expect(discovery.jwks_uri).toMatch(/^https:\/\/steward\.example\.org\/api\//);
    expect(discovery.issuer).toBe("https://steward.example.org/api");
    // RFC 8414 metadata of that issuer: public (no sign-in redirect), the same document.
    const rfc8414 = await request.get("/.well-known/oauth-authorization-server/api", { headers: proxied, maxRedirects: 0 });
    expect(rfc8414.status()).toBe(200);
    expect(await rfc8414.json()).toEqual(discovery);
    const authorize = await request.get(new URL(discovery.authorization_endpoint).pathname, { maxRedirects: 0 });
    expect(authorize.status()).toBe(400);
    expect((await authorize.json()).error).toBe("unsupported_response_type");
    const openapi = await (await request.get("/api/openapi.json", { headers: proxied })).json();
    expect(openapi.servers[0].url).toBe("https://steward.example.org");

    // A malformed forwarded host is ignored, never echoed.
    const bad = await (await request.get("/api/.well-known/openid-configuration", { headers: { "X-Forwarded-Host": "evil.example/<x>" } })).json();
    expect(bad.token_endpoint).toBe(`${origin}${TOKEN_URL}`);

    // @odata.context and @odata.nextLink of a paged list (an administrator's session; the seed has several catalogs).
    // Forwarded as http: with https, Auth.js would look for its __Secure- cookie, which a plain-http sign-in never set.
    const viaProxy = { "X-Forwarded-Host": "steward.example.org", "X-Forwarded-Proto": "http" };
    await signInAs(page, PERSONAS.ines, "/admin");
    const listed = await page.request.get("/api/v1.0/identityGovernance/entitlementManagement/catalogs?$top=1", { headers: viaProxy });
    expect(listed.status(), await listed.text()).toBe(200);
    const body = await listed.json();
    expect(body["@odata.context"]).toBe("http://steward.example.org/api/v1.0/$metadata#identityGovernance/entitlementManagement/catalogs");
    expect(body["@odata.nextLink"]).toMatch(/^http:\/\/steward\.example\.org\/api\/v1\.0\/identityGovernance\/entitlementManagement\/catalogs\?(\$|%24)top=1&\$skiptoken=/);
    // The link works when followed through the same proxy (here: the same server, the same forwarded headers).
    const next = new URL(body["@odata.nextLink"]);
    const second = await page.request.get(`${next.pathname}${next.search}`, { headers: viaProxy });
    expect(second.status(), await second.text()).toBe(200);
    expect((await second.json()).value[0].id).not.toBe(body.value[0].id);

    // The MCP server's 401 names its resource metadata at the public address; the metadata is public (no sign-in redirect).
    const mcp = await request.post("/api/mcp", { headers: { ...proxied, accept: "application/json, text/event-stream" }, data: { jsonrpc: "2.0", id: 1, method: "tools/list" } });
    expect(mcp.status()).toBe(401);
    expect(mcp.headers()["www-authenticate"]).toBe('Bearer realm="steward", resource_metadata="https://steward.example.org/.well-known/oauth-protected-resource/api/mcp"');
    const metadata = await request.get("/.well-known/oauth-protected-resource/api/mcp", { headers: proxied, maxRedirects: 0 });
    expect(metadata.status()).toBe(200);
    expect(await metadata.json()).toMatchObject({ resource: "https://steward.example.org/api/mcp", authorization_servers: ["https://steward.example.org/api"] });
  });

  test("[AGENT] wrong secret gets 401", async ({ request }) => {
    const res = await request.post(TOKEN_URL, {
      form: {
        grant_type: "client_credentials",
        client_id: AGENT_APP_ID,
        client_secret: "abc8Q~this-is-not-the-secret-0000000000000000",
        scope: SCOPE,
      },
    });
    expect(res.status()).toBe(401);
    const body = await res.json();
    expect(body.error).toBe("invalid_client");
    expect(body).not.toHaveProperty("access_token");
  });

  test("[AGENT] request without accessPackageId gets 400 Graph error", async ({ page, request }) => {
    const accessToken = await token(request, await clientCredentials(page));
    const res = await request.post(REQUESTS_URL, {
      headers: { Authorization: `Bearer ${accessToken}` },
      data: { requestType: "userAdd", assignment: { assignmentPolicyId: POLICY_ID }, justification: "Missing the package." },
    });
    expect(res.status()).toBe(400);
    const body = await res.json();
    expect(body.error.code).toEqual(expect.any(String));
    expect(body.error.message).toMatch(/accessPackageId/);
    expect(body.error.innerError.date).toEqual(expect.any(String));
    expect(Number.isNaN(Date.parse(body.error.innerError.date))).toBe(false);
    expect(body.error.innerError["request-id"]).toEqual(expect.any(String));
    // Bad input never leaks a stack trace.
    expect(JSON.stringify(body)).not.toMatch(/\bat .+\.(ts|js):\d+/);

    // A body over 1 MiB is refused before it is read (through next start, not only the route handler).
    const huge = await request.post(REQUESTS_URL, {
      headers: { Authorization: `Bearer ${accessToken}`, "content-type": "application/json" },
      data: JSON.stringify({ requestType: "userAdd", justification: "x".repeat(2 * 1024 * 1024), assignment: { accessPackageId: PACKAGE_ID } }),
    });
    expect(huge.status()).toBe(413);
    expect((await huge.json()).error.code).toBe("RequestEntityTooLarge");
  });
});
