import { afterAll, beforeAll, expect, it } from "vitest";
import type { Database } from "@/db";
import { createTestDatabase } from "@/lib/testing/test-db";
import { startRouteServer, type RouteServer } from "@/lib/testing/route-server";

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

it("dispatches to the app's route handlers over real HTTP, dynamic segments included", async () => {
  const health = await fetch(`${server.url}/api/health`);
  expect(health.status).toBe(200);
  const anon = await fetch(`${server.url}/api/v1.0/identityGovernance/entitlementManagement/assignmentRequests/filterByCurrentUser(on='target')`);
  expect(anon.status).toBe(401);
  expect(await anon.json()).toMatchObject({ error: { code: expect.any(String) } });
  const missing = await fetch(`${server.url}/api/nothing-here`);
  expect(missing.status).toBe(404);
});
