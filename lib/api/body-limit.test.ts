import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { catalogs } from "@/db/schema";
import { SEED_IDS } from "@/db/seed";
import { createTestDatabase } from "@/lib/testing/test-db";
import { MAX_BODY_BYTES } from "./graph";
import { EM, startGraphHarness, type GraphHarness } from "./graph-testkit";

let database: Database;
let h: GraphHarness;
let adminToken: string;
let agentToken: string;
beforeAll(async () => {
  database = await createTestDatabase();
  h = await startGraphHarness(database);
  adminToken = await h.tokenFor(SEED_IDS.servicePrincipals.stewardAutomation);
  agentToken = await h.tokenFor(SEED_IDS.agents.triage);
});
afterAll(async () => {
  await h?.close();
  await database?.close();
});

/** A JSON catalog whose description makes the body `bytes` long. */
function catalogBody(bytes: number): string {
  const shell = JSON.stringify({ displayName: "Huge", description: "" });
  return JSON.stringify({ displayName: "Huge", description: "x".repeat(bytes - shell.length) });
}

/** The same bytes sent as a stream: no Content-Length, so the server must count as it reads. */
function streamed(text: string): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  let at = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= bytes.length) return controller.close();
      controller.enqueue(bytes.subarray(at, at + 64 * 1024));
      at += 64 * 1024;
    },
  });
}

describe(`request bodies larger than ${MAX_BODY_BYTES / 1024 / 1024} MiB`, () => {
  const post = (path: string, body: BodyInit, headers: Record<string, string>) =>
    fetch(`${h.server.url}${path}`, { method: "POST", body, headers, duplex: "half" } as RequestInit & { duplex: "half" });

  it("the Graph API answers 413 in Graph's error shape and writes nothing, whether the size is declared or streamed", async () => {
    const before = (await database.db.select().from(catalogs)).length;
    const headers = { authorization: `Bearer ${adminToken}`, "content-type": "application/json" };
    for (const body of [catalogBody(MAX_BODY_BYTES + 1), streamed(catalogBody(3 * MAX_BODY_BYTES))]) {
      const res = await post(`/api/v1.0${EM}/catalogs`, body, headers);
      expect(res.status).toBe(413);
      const json = await res.json();
      expect(json.error).toMatchObject({ code: "RequestEntityTooLarge", message: "The request body is larger than 1 MiB; nothing was read." });
      expect(json.error.innerError["request-id"]).toEqual(expect.any(String));
    }
    // At the limit the body is read, and the usual validation answers (a description of 1 MiB is too long).
    const atLimit = await post(`/api/v1.0${EM}/catalogs`, catalogBody(MAX_BODY_BYTES), headers);
    expect(atLimit.status).toBe(400);
    expect((await atLimit.json()).error.message).toMatch(/description/);
    expect((await database.db.select().from(catalogs)).length).toBe(before);
  });

  it("the token endpoint answers 413 in OAuth's error shape; the MCP endpoint answers 413 in JSON-RPC's", async () => {
    const token = await post("/api/oauth2/v2.0/token", `grant_type=client_credentials&client_id=x&client_secret=${"y".repeat(MAX_BODY_BYTES)}`, { "content-type": "application/x-www-form-urlencoded" });
    expect(token.status).toBe(413);
    expect(await token.json()).toMatchObject({ error: "invalid_request", error_description: "The request body is larger than 1 MiB; nothing was read." });

    const rpc = JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list", params: { pad: "z".repeat(MAX_BODY_BYTES) } });
    const mcp = await post("/api/mcp", rpc, { authorization: `Bearer ${agentToken}`, "content-type": "application/json", accept: "application/json, text/event-stream" });
    expect(mcp.status).toBe(413);
    expect((await mcp.json()).jsonrpc).toBe("2.0");
  });
});
