import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { SEED_IDS } from "@/db/seed";
import { createTestDatabase } from "@/lib/testing/test-db";
import { ctxAs } from "@/lib/testing/actors";
import { createCredential } from "@/lib/directory/create-credential";
import { signAccessToken } from "@/lib/auth/tokens";
import { POST as tokenPOST } from "@/app/api/oauth2/v2.0/token/route";
import { POST as requestsPOST, GET as requestsGET } from "@/app/api/v1.0/identityGovernance/entitlementManagement/assignmentRequests/route";
import { GET as requestGET } from "@/app/api/v1.0/identityGovernance/entitlementManagement/assignmentRequests/[id]/route";
import { POST as cancelPOST } from "@/app/api/v1.0/identityGovernance/entitlementManagement/assignmentRequests/[id]/cancel/route";

const BASE = "http://127.0.0.1/api/v1.0/identityGovernance/entitlementManagement";
let database: Database;
let secret: { clientId: string; clientSecret: string };

beforeAll(async () => {
  database = await createTestDatabase();
  // The route handlers open the app's database singleton; point it at this test's database.
  (globalThis as unknown as { __stewardDb?: Promise<Database> }).__stewardDb = Promise.resolve(database);
  const ines = await ctxAs(database.db, SEED_IDS.users.ines);
  secret = await createCredential({ ctx: ines, input: { principalId: SEED_IDS.agents.expenseAuditor } });
});
afterAll(async () => {
  (globalThis as unknown as { __stewardDb?: Promise<Database> }).__stewardDb = undefined;
  await database?.close();
});

const params = <T>(p: T) => ({ params: Promise.resolve(p) });

async function token(form: Record<string, string>) {
  return tokenPOST(new Request("http://127.0.0.1/api/oauth2/v2.0/token", { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(form).toString() }));
}

async function getToken(): Promise<string> {
  const res = await token({ grant_type: "client_credentials", client_id: secret.clientId, client_secret: secret.clientSecret, scope: "https://graph.microsoft.com/.default" });
  expect(res.status).toBe(200);
  const body = await res.json();
  expect(body).toMatchObject({ token_type: "Bearer", expires_in: 3599 });
  return body.access_token;
}

function post(bearer: string, body: unknown) {
  return requestsPOST(new Request(`${BASE}/assignmentRequests`, { method: "POST", headers: { authorization: `Bearer ${bearer}`, "content-type": "application/json" }, body: typeof body === "string" ? body : JSON.stringify(body) }), params({}));
}

function expectGraphError(body: unknown, code: string) {
  expect(body).toMatchObject({ error: { code, message: expect.any(String), innerError: { date: expect.any(String), "request-id": expect.any(String) } } });
  expect(JSON.stringify(body)).not.toMatch(/\n\s+at |node_modules/);
}

describe("agent pathway over the API", () => {
  it("an agent gets a token with its secret, requests the auto-approved package and reads it back delivered", async () => {
    const bearer = await getToken();
    const res = await post(bearer, { requestType: "userAdd", assignment: { accessPackageId: SEED_IDS.packages.directoryRead8h, assignmentPolicyId: SEED_IDS.policies.directoryRead8h }, justification: "Reconcile the directory" });
    expect(res.status).toBe(201);
    const created = await res.json();
    expect(created).toMatchObject({ requestType: "userAdd", state: "delivered", target: { objectId: SEED_IDS.agents.expenseAuditor } });
    const got = await requestGET(new Request(`${BASE}/assignmentRequests/${created.id}`, { headers: { authorization: `Bearer ${bearer}` } }), params({ id: created.id }));
    expect(got.status).toBe(200);
    expect(await got.json()).toMatchObject({ id: created.id, state: "delivered" });
    const list = await requestsGET(new Request(`${BASE}/assignmentRequests`, { headers: { authorization: `Bearer ${bearer}` } }), params({}));
    expect((await list.json()).value.map((r: { id: string }) => r.id)).toContain(created.id);
  });

  it("a wrong secret gets 401 invalid_client; a bad grant type gets 400", async () => {
    const res = await token({ grant_type: "client_credentials", client_id: secret.clientId, client_secret: "not-the-secret" });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: "invalid_client" });
    const unknown = await token({ grant_type: "client_credentials", client_id: "00000000-0000-4000-8000-000000000000", client_secret: "x" });
    expect(unknown.status).toBe(401);
    const grant = await token({ grant_type: "password", client_id: secret.clientId, client_secret: secret.clientSecret });
    expect(grant.status).toBe(400);
    expect(await grant.json()).toMatchObject({ error: "unsupported_grant_type" });
  });

  it("a body without accessPackageId, malformed JSON and an unknown requestType get 400 in Graph's error shape", async () => {
    const bearer = await getToken();
    for (const body of [{ requestType: "userAdd", assignment: { assignmentPolicyId: SEED_IDS.policies.directoryRead8h } }, "{not json", { requestType: "grantMeEverything", assignment: {} }, { requestType: "userAdd" }]) {
      const res = await post(bearer, body);
      expect(res.status).toBe(400);
      const json = await res.json();
      expectGraphError(json, "BadRequest");
      expect(res.headers.get("request-id")).toBe(json.error.innerError["request-id"]);
    }
  });

  it("an expired or tampered token gets 401; no token gets 401", async () => {
    const bearer = await getToken();
    const tampered = bearer.slice(0, -4) + (bearer.endsWith("AAAA") ? "BBBB" : "AAAA");
    const expired = await signAccessToken({ sub: SEED_IDS.agents.expenseAuditor, appid: secret.clientId, idtyp: "app", ptype: "agentIdentity", roles: [] }, new Date(Date.now() - 2 * 3600_000));
    for (const t of [tampered, expired]) {
      const res = await post(t, { requestType: "userAdd", assignment: { accessPackageId: SEED_IDS.packages.directoryRead8h } });
      expect(res.status).toBe(401);
      expectGraphError(await res.json(), "InvalidAuthenticationToken");
    }
  });

  it("an agent cannot read another agent's request (404) nor request for another agent (403)", async () => {
    const ines = await ctxAs(database.db, SEED_IDS.users.ines);
    const other = await createCredential({ ctx: ines, input: { principalId: SEED_IDS.agents.releaseNotes } });
    const res = await token({ grant_type: "client_credentials", client_id: other.clientId, client_secret: other.clientSecret });
    const otherBearer = (await res.json()).access_token as string;
    const mine = await post(await getToken(), { requestType: "userAdd", assignment: { accessPackageId: SEED_IDS.packages.supportTicketTriage }, justification: "Triage" });
    const created = await mine.json();
    expect(mine.status).toBe(201);
    const peek = await requestGET(new Request(`${BASE}/assignmentRequests/${created.id}`, { headers: { authorization: `Bearer ${otherBearer}` } }), params({ id: created.id }));
    expect(peek.status).toBe(404);
    const forOther = await post(otherBearer, { requestType: "userAdd", assignment: { accessPackageId: SEED_IDS.packages.directoryRead8h, targetId: SEED_IDS.agents.expenseAuditor } });
    expect(forOther.status).toBe(403);
    expectGraphError(await forOther.json(), "Forbidden");
  });

  it("filterByCurrentUser(on='target') lists the agent's requests; cancel works while pending and then conflicts", async () => {
    const bearer = await getToken();
    const created = await (await post(bearer, { requestType: "userAdd", assignment: { accessPackageId: SEED_IDS.packages.financeReportingAgent }, justification: "Reports" })).json();
    expect(created.state).toBe("pendingApproval");
    const fn = "filterByCurrentUser(on='target')";
    const listed = await requestGET(new Request(`${BASE}/assignmentRequests/${encodeURIComponent(fn)}`, { headers: { authorization: `Bearer ${bearer}` } }), params({ id: encodeURIComponent(fn) }));
    expect(listed.status).toBe(200);
    expect((await listed.json()).value.map((r: { id: string }) => r.id)).toContain(created.id);
    const bad = await requestGET(new Request(`${BASE}/assignmentRequests/x`, { headers: { authorization: `Bearer ${bearer}` } }), params({ id: "filterByCurrentUser(on='approver')" }));
    expect(bad.status).toBe(400);
    const cancel = () => cancelPOST(new Request(`${BASE}/assignmentRequests/${created.id}/cancel`, { method: "POST", headers: { authorization: `Bearer ${bearer}` } }), params({ id: created.id }));
    expect((await cancel()).status).toBe(200);
    const again = await cancel();
    expect(again.status).toBe(409);
    expectGraphError(await again.json(), "Conflict");
  });
});
