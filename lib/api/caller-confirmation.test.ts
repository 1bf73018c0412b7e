import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import type { Database } from "@/db";
import { assignmentRequests, auditEvents, principals } from "@/db/schema";
import { SEED_IDS } from "@/db/seed";
import { createTestDatabase } from "@/lib/testing/test-db";
import { signAccessToken } from "@/lib/auth/tokens";
import { POST as requestsPOST } from "@/app/api/v1.0/identityGovernance/entitlementManagement/assignmentRequests/route";
import { GET as assignmentGET } from "@/app/api/v1.0/identityGovernance/entitlementManagement/assignments/[id]/route";

/*
 * The two routes whose verbs confirm the caller with the principal row their own first query reads (graphRoute's
 * callerConfirmedByVerb): whichever way a request goes — the one-query fast path, the general path, an error — a token
 * whose principal was disabled or deleted after it was issued gets 401 and changes nothing.
 */

const BASE = "http://127.0.0.1/api/v1.0/identityGovernance/entitlementManagement";
const A = SEED_IDS.agents;
const P = SEED_IDS.packages;
let database: Database;

beforeAll(async () => {
  database = await createTestDatabase();
  (globalThis as unknown as { __stewardDb?: Promise<Database> }).__stewardDb = Promise.resolve(database);
});
afterAll(async () => {
  (globalThis as unknown as { __stewardDb?: Promise<Database> }).__stewardDb = undefined;
  await database?.close();
});

const tokenFor = (sub: string, ptype: "agentIdentity" | "servicePrincipal" = "agentIdentity") => signAccessToken({ sub, appid: sub, idtyp: "app", ptype, roles: [] });

function post(token: string, body: unknown) {
  const init = { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: typeof body === "string" ? body : JSON.stringify(body) };
  return requestsPOST(new Request(`${BASE}/assignmentRequests`, init), { params: Promise.resolve({}) });
}

function get(token: string, id: string, query = "") {
  return assignmentGET(new Request(`${BASE}/assignments/${id}${query}`, { headers: { authorization: `Bearer ${token}` } }), { params: Promise.resolve({ id }) });
}

const MINE = "filterByCurrentUser(on='target')";

async function setEnabled(id: string, enabled: boolean) {
  await database.db.update(principals).set({ accountEnabled: enabled }).where(eq(principals.id, id));
}

async function expect401(res: Response) {
  const body = (await res.json()) as { error: { code: string; message: string } };
  expect({ status: res.status, code: body.error.code }).toEqual({ status: 401, code: "InvalidAuthenticationToken" });
  expect(body.error.message).toBe("The principal of this token no longer exists or is disabled.");
  expect(res.headers.get("www-authenticate")).toMatch(/invalid_token/);
}

async function requestsAndAuditOf(agentId: string) {
  const requests = await database.db.select({ id: assignmentRequests.id }).from(assignmentRequests).where(eq(assignmentRequests.targetId, agentId));
  const audit = await database.db.select({ id: auditEvents.id }).from(auditEvents).where(and(eq(auditEvents.actorId, agentId)));
  return { requests: requests.length, audit: audit.length };
}

describe("API callers confirmed by the verb's own query", () => {
  it("an enabled agent is served by both routes: a delivered self-request, then its plain and its filtered assignment lists", async () => {
    const token = await tokenFor(A.releaseNotes);
    const res = await post(token, { requestType: "userAdd", assignment: { accessPackageId: P.directoryRead8h } });
    expect(res.status).toBe(201);
    const created = (await res.json()) as { state: string };
    expect(created.state).toBe("delivered");
    const plain = (await (await get(token, MINE)).json()) as { value: { id: string }[] };
    const filtered = (await (await get(token, MINE, "?$filter=state eq 'delivered'")).json()) as { value: { id: string }[] };
    expect(plain.value.length).toBeGreaterThan(0);
    expect(filtered.value.map((a) => a.id)).toEqual(plain.value.map((a) => a.id));
  });

  it("an agent holding nothing gets an empty plain list, the same as the general path's", async () => {
    const [fresh] = await database.db.insert(principals).values({ type: "agentIdentity", displayName: "Fresh Agent", appId: crypto.randomUUID() }).returning();
    const token = await tokenFor(fresh.id);
    const plain = await get(token, MINE);
    const general = await get(token, MINE, "?$top=100");
    expect(plain.status).toBe(200);
    expect(((await plain.json()) as { value: unknown[] }).value).toEqual([]);
    expect(((await general.json()) as { value: unknown[] }).value).toEqual([]);
  });

  it("the plain list's one-query path answers exactly what the general path answers, in every state and to the millisecond", async () => {
    const [agent] = await database.db.insert(principals).values({ type: "agentIdentity", displayName: "State Mix Agent", appId: crypto.randomUUID() }).returning();
    const K = SEED_IDS.policies;
    // Timestamps with microseconds (both paths truncate to milliseconds), an end already passed on a live assignment
    // (reads expired before the sweep), removed (reads expired, status Removed), recorded expiry, no end, a failed
    // delivery with its own status, and two assignments starting at the same instant (ordered by id).
    await database.db.execute(sql`insert into assignments (id, access_package_id, assignment_policy_id, target_id, state, status, start_date_time, end_date_time, expired_date_time) values
      ('00000000-0000-4000-8000-0000000000a1', ${P.supportTicketTriage}, ${K.supportTicketTriage}, ${agent.id}, 'delivered', '', '2026-01-02 03:04:05.678901+00', '2026-01-03 00:00:00.999999+00', null),
      ('00000000-0000-4000-8000-0000000000a2', ${P.supportTicketTriage}, ${K.supportTicketTriage}, ${agent.id}, 'removed', '', '2025-11-02 03:04:05.1+00', null, null),
      ('00000000-0000-4000-8000-0000000000a3', ${P.supportTicketTriage}, ${K.supportTicketTriage}, ${agent.id}, 'expired', '', '2025-10-02 03:04:05+00', '2025-10-09 03:04:05+00', '2025-10-09 03:04:06.0004+00'),
      ('00000000-0000-4000-8000-0000000000a4', ${P.directoryRead8h}, ${K.directoryRead8h}, ${agent.id}, 'delivered', '', '2026-02-02 03:04:05.000001+00', null, null),
      ('00000000-0000-4000-8000-0000000000a5', ${P.financeReportingAgent}, ${K.financeReportingAgent}, ${agent.id}, 'deliveryFailed', 'Not delivered: Mailbox cannot be held by agents.', '2026-02-02 03:04:05.000001+00', null, null),
      ('00000000-0000-4000-8000-0000000000a6', ${P.helpdeskOperator}, ${K.helpdeskOperator}, ${agent.id}, 'partiallyDelivered', '', '2026-03-02 03:04:05.5+00', '2999-01-01 00:00:00+00', null)`);
    const token = await tokenFor(agent.id);
    type Item = { id: string; state: string; status: string; expiredDateTime: string | null; schedule: { startDateTime: string; expiration: { type: string; endDateTime: string | null } } };
    const plain = (await (await get(token, MINE)).json()) as { value: Item[] };
    const general = (await (await get(token, MINE, "?$top=99")).json()) as { value: Item[] };
    expect(plain.value).toEqual(general.value);
    const byId = new Map(plain.value.map((a) => [a.id.slice(-2), a]));
    expect(plain.value.map((a) => a.id.slice(-2))).toEqual(["a6", "a4", "a5", "a1", "a2", "a3"]);
    expect(byId.get("a1")).toMatchObject({ state: "expired", status: "Expired", expiredDateTime: "2026-01-03T00:00:00.999Z", schedule: { startDateTime: "2026-01-02T03:04:05.678Z" } });
    expect(byId.get("a2")).toMatchObject({ state: "expired", status: "Removed", expiredDateTime: null, schedule: { expiration: { type: "noExpiration", endDateTime: null } } });
    expect(byId.get("a3")).toMatchObject({ state: "expired", expiredDateTime: "2025-10-09T03:04:06.000Z" });
    expect(byId.get("a5")).toMatchObject({ state: "deliveryFailed", status: "Not delivered: Mailbox cannot be held by agents." });
    expect(byId.get("a6")).toMatchObject({ state: "partiallyDelivered", status: "PartiallyDelivered", schedule: { expiration: { type: "afterDateTime", endDateTime: "2999-01-01T00:00:00.000Z" } } });
  });

  it("an agent disabled after getting its token gets 401 on every path, and its refused request writes nothing", async () => {
    const token = await tokenFor(A.triage);
    // Served while enabled (so the token itself is fine).
    expect((await get(token, MINE)).status).toBe(200);
    await setEnabled(A.triage, false);
    try {
      const before = await requestsAndAuditOf(A.triage);
      // The one-query delivery path, an unknown package (404 for an enabled caller), a body that is not JSON (400),
      // a request for another agent (403): all 401, nothing written.
      await expect401(await post(token, { requestType: "userAdd", assignment: { accessPackageId: P.supportTicketTriage } }));
      await expect401(await post(token, { requestType: "userAdd", assignment: { accessPackageId: "00000000-0000-4000-8000-00000000beef" } }));
      await expect401(await post(token, "{not json"));
      await expect401(await post(token, { requestType: "userAdd", assignment: { accessPackageId: P.directoryRead8h, targetId: A.kbCurator } }));
      expect(await requestsAndAuditOf(A.triage)).toEqual(before);
      // The plain list (one query with the caller's row), the general OData path, a missing assignment, a malformed function.
      await expect401(await get(token, MINE));
      await expect401(await get(token, MINE, "?$top=1"));
      await expect401(await get(token, "00000000-0000-4000-8000-00000000beef"));
      await expect401(await get(token, "filterByCurrentUser(on='nobody')"));
    } finally {
      await setEnabled(A.triage, true);
    }
    expect((await get(token, MINE)).status).toBe(200);
  });

  it("a token whose principal no longer exists gets 401, also on the fast paths", async () => {
    const ghost = "00000000-0000-4000-8000-0000000a1b2c";
    const token = await tokenFor(ghost);
    await expect401(await post(token, { requestType: "userAdd", assignment: { accessPackageId: P.directoryRead8h } }));
    await expect401(await get(token, MINE));
    expect(await requestsAndAuditOf(ghost)).toEqual({ requests: 0, audit: 0 });
  });

  it("a token claiming to be an agent whose principal is now a user, or a service principal token for a person, gets 401", async () => {
    // Tokens are only issued to agents and service principals; a principal id of a person never passes, whatever the token says.
    const token = await tokenFor(SEED_IDS.users.maya, "servicePrincipal");
    await expect401(await post(token, { requestType: "userAdd", assignment: { accessPackageId: P.directoryRead8h } }));
    await expect401(await get(token, MINE));
  });
});
