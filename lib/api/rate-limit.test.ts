import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { SEED_IDS } from "@/db/seed";
import { createTestDatabase } from "@/lib/testing/test-db";
import { startRouteServer, type RouteServer } from "@/lib/testing/route-server";
import { signAccessToken } from "@/lib/auth/tokens";
import { eq } from "drizzle-orm";
import { assignmentRequests, principals } from "@/db/schema";
import { DEFAULT_BURST, DEFAULT_PER_SECOND, rateLimitSettings, setRateLimitClock } from "./rate-limit";

let database: Database;
let server: RouteServer;
let now = 1_700_000_000_000;
const saved = { perSecond: process.env.STEWARD_RATE_LIMIT_PER_SECOND, burst: process.env.STEWARD_RATE_LIMIT_BURST };

beforeAll(async () => {
  database = await createTestDatabase();
  server = await startRouteServer(database);
});
afterAll(async () => {
  await server?.close();
  await database?.close();
});
beforeEach(() => {
  // 3 at once, then one every 2 seconds. Changing the settings also empties every bucket.
  process.env.STEWARD_RATE_LIMIT_PER_SECOND = "0.5";
  process.env.STEWARD_RATE_LIMIT_BURST = "3";
  now += 3_600_000; // every bucket refilled: tests do not depend on each other
  setRateLimitClock(() => now);
});
afterEach(() => {
  setRateLimitClock(null);
  for (const [k, v] of [["STEWARD_RATE_LIMIT_PER_SECOND", saved.perSecond], ["STEWARD_RATE_LIMIT_BURST", saved.burst]] as const) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

const LIST = "/api/v1.0/identityGovernance/entitlementManagement/assignmentRequests";
const tokenOf = (sub: string) => signAccessToken({ sub, appid: "x", idtyp: "app", ptype: "servicePrincipal", roles: [] });
const get = (headers: Record<string, string>) => fetch(`${server.url}${LIST}`, { headers });

describe("rate limiting", () => {
  it("a client that exceeds its burst gets 429 in Graph's shape with Retry-After, and is served again once the bucket refills", async () => {
    const auth = { authorization: `Bearer ${await tokenOf(SEED_IDS.servicePrincipals.stewardAutomation)}` };
    for (let i = 0; i < 3; i++) expect((await get(auth)).status).toBe(200);
    const limited = await get(auth);
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("2");
    expect(await limited.json()).toMatchObject({ error: { code: "TooManyRequests", message: expect.stringMatching(/retry after 2 second/), innerError: { date: expect.any(String), "request-id": expect.any(String) } } });

    // Another client has its own bucket.
    const other = { authorization: `Bearer ${await tokenOf(SEED_IDS.servicePrincipals.payrollSync)}` };
    expect((await get(other)).status).toBe(200);

    now += 1000; // half a token: still limited, one more second to wait
    const stillLimited = await get(auth);
    expect(stillLimited.status).toBe(429);
    expect(stillLimited.headers.get("retry-after")).toBe("1");
    now += 1000;
    expect((await get(auth)).status).toBe(200);
    expect((await get(auth)).status).toBe(429);
  });

  it("a disabled or deleted caller over its limit gets 401, not 429, also on the routes whose verb confirms the caller", async () => {
    const agent = SEED_IDS.agents.kbCurator;
    const auth = { authorization: `Bearer ${await signAccessToken({ sub: agent, appid: "x", idtyp: "app", ptype: "agentIdentity", roles: [] })}` };
    const mine = `${server.url}/api/v1.0/identityGovernance/entitlementManagement/assignments/filterByCurrentUser(on='target')`;
    const submit = () =>
      fetch(`${server.url}${LIST}`, {
        method: "POST",
        headers: { ...auth, "content-type": "application/json" },
        body: JSON.stringify({ requestType: "userAdd", assignment: { accessPackageId: SEED_IDS.packages.directoryRead8h } }),
      });
    for (let i = 0; i < 3; i++) expect((await fetch(mine, { headers: auth })).status).toBe(200);
    expect((await fetch(mine, { headers: auth })).status).toBe(429);
    const before = await database.db.select({ id: assignmentRequests.id }).from(assignmentRequests).where(eq(assignmentRequests.targetId, agent));

    await database.db.update(principals).set({ accountEnabled: false }).where(eq(principals.id, agent));
    try {
      const refused = await fetch(mine, { headers: auth });
      expect(refused.status).toBe(401);
      expect(await refused.json()).toMatchObject({ error: { code: "InvalidAuthenticationToken", message: expect.stringMatching(/disabled/) } });
      expect((await submit()).status).toBe(401);
    } finally {
      await database.db.update(principals).set({ accountEnabled: true }).where(eq(principals.id, agent));
    }
    // Enabled again, it is still over its limit, and nothing was written meanwhile.
    expect((await submit()).status).toBe(429);
    const after = await database.db.select({ id: assignmentRequests.id }).from(assignmentRequests).where(eq(assignmentRequests.targetId, agent));
    expect(after).toHaveLength(before.length);
  });

  it("requests that fail authentication are limited per address, so token guessing is throttled", async () => {
    const bad = { authorization: "Bearer not-a-token", "x-forwarded-for": "203.0.113.7, 10.0.0.1" };
    for (let i = 0; i < 3; i++) expect((await get(bad)).status).toBe(401);
    const limited = await get(bad);
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("2");
    expect((await get({ ...bad, "x-forwarded-for": "198.51.100.1" })).status).toBe(401);
  });

  it("the token endpoint is limited per client_id with Retry-After", async () => {
    const form = (clientId: string) =>
      fetch(`${server.url}/api/oauth2/v2.0/token`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ grant_type: "client_credentials", client_id: clientId, client_secret: "guess" }).toString(),
      });
    const target = SEED_IDS.applicationAppIds.stewardAutomation;
    for (let i = 0; i < 3; i++) expect((await form(target)).status).toBe(401);
    const limited = await form(target);
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("2");
    expect(await limited.json()).toMatchObject({ error: "temporarily_unavailable" });
    expect((await form(SEED_IDS.applicationAppIds.payrollSync)).status).toBe(401);
  });

  it("STEWARD_RATE_LIMIT_PER_SECOND=0 disables limiting", async () => {
    process.env.STEWARD_RATE_LIMIT_PER_SECOND = "0";
    const auth = { authorization: `Bearer ${await tokenOf(SEED_IDS.servicePrincipals.stewardAutomation)}` };
    for (let i = 0; i < 6; i++) expect((await get(auth)).status).toBe(200);
  });

  it("settings come from the environment with documented defaults; nonsense falls back to them", () => {
    expect(rateLimitSettings({})).toEqual({ perSecond: DEFAULT_PER_SECOND, burst: DEFAULT_BURST });
    expect(rateLimitSettings({ STEWARD_RATE_LIMIT_PER_SECOND: "1000", STEWARD_RATE_LIMIT_BURST: "5000" })).toEqual({ perSecond: 1000, burst: 5000 });
    expect(rateLimitSettings({ STEWARD_RATE_LIMIT_PER_SECOND: "0" })).toBeNull();
    expect(rateLimitSettings({ STEWARD_RATE_LIMIT_PER_SECOND: "fast", STEWARD_RATE_LIMIT_BURST: "-3" })).toEqual({ perSecond: DEFAULT_PER_SECOND, burst: DEFAULT_BURST });
  });
});
