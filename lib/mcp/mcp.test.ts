import { execFile } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { and, eq } from "drizzle-orm";
import type { Database } from "@/db";
import { assignmentRequests, assignments, auditEvents, principals } from "@/db/schema";
import { SEED_IDS } from "@/db/seed";
import { createTestDatabase } from "@/lib/testing/test-db";
import { ctxAs } from "@/lib/testing/actors";
import { startRouteServer, type RouteServer } from "@/lib/testing/route-server";
import { createCredential } from "@/lib/directory/create-credential";
import { submitRequest } from "@/lib/requests/submit-request";
import { setRateLimitClock } from "@/lib/api/rate-limit";

const A = SEED_IDS.agents;
const P = SEED_IDS.packages;
let database: Database;
let server: RouteServer;
const clients: Client[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  server = await startRouteServer(database);
});
afterAll(async () => {
  for (const c of clients) await c.close().catch(() => undefined);
  await server?.close();
  await database?.close();
});

/** A client secret made by the seeded Identity Governance Administrator, exchanged for a token at the real endpoint. */
async function tokenFor(principalId: string): Promise<{ token: string; clientId: string; clientSecret: string }> {
  const ines = await ctxAs(database.db, SEED_IDS.users.ines);
  const secret = await createCredential({ ctx: ines, input: { principalId } });
  const res = await fetch(`${server.url}/api/oauth2/v2.0/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "client_credentials", client_id: secret.clientId, client_secret: secret.clientSecret }),
  });
  expect(res.status).toBe(200);
  return { token: ((await res.json()) as { access_token: string }).access_token, ...secret };
}

async function connect(token?: string): Promise<Client> {
  const client = new Client({ name: "steward-test-agent", version: "1.0.0" });
  const transport = new StreamableHTTPClientTransport(new URL(`${server.url}/api/mcp`), {
    requestInit: { headers: token ? { Authorization: `Bearer ${token}` } : {} },
  });
  await client.connect(transport);
  clients.push(client);
  return client;
}

async function call(client: Client, name: string, args: Record<string, unknown> = {}): Promise<{ text: string; isError: boolean }> {
  const res = await client.callTool({ name, arguments: args });
  const content = res.content as { type: string; text: string }[];
  if (process.env.MCP_DEBUG) console.log(`>>> ${name} ${JSON.stringify(args)}\n${content[0]?.text}`);
  expect(content).toHaveLength(1);
  expect(content[0].type).toBe("text");
  return { text: content[0].text, isError: res.isError === true };
}

const requestId = (text: string) => /Request ([0-9a-f-]{36})/.exec(text)?.[1];

describe("MCP server: the calling agent is the principal", () => {
  let auditor: Client;
  beforeAll(async () => {
    auditor = await connect((await tokenFor(A.expenseAuditor)).token);
  });

  it("lists the six tools, each with a description and an input schema", async () => {
    const { tools } = await auditor.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(["explain_access", "get_request_status", "list_my_access", "list_requestable_packages", "request_access", "request_extension"]);
    for (const t of tools) {
      expect(t.description!.length).toBeGreaterThan(80);
      expect(t.inputSchema.type).toBe("object");
    }
    expect(tools.find((t) => t.name === "request_access")!.inputSchema.required).toEqual(["package"]);
  });

  it("lists only packages an agent may request for itself, with the policy and what a request needs", async () => {
    const { text, isError } = await call(auditor, "list_requestable_packages");
    expect(isError).toBe(false);
    expect(text).toContain(`"Directory Read (8 hours)" (package id ${P.directoryRead8h}`);
    expect(text).toContain(`policy id ${SEED_IDS.policies.directoryRead8h}): no approval: granted at once; justification optional; lasts at most 8 hours`);
    // Approval previews name the approver the request would go to: Priya for Support Ticket Triage, the sponsor for Finance Reporting.
    expect(text).toMatch(/"Support Ticket Triage".*needs approval by Priya Raman; justification required; lasts at most 90 days/);
    expect(text).toMatch(/"Finance Reporting Agent".*needs approval by Leo Fischer/);
    // Employee-only and sponsor-only packages are not offered to the agent.
    expect(text).not.toContain("Project Phoenix Member");
    expect(text).not.toContain("Helpdesk Operator");
    expect(text).not.toContain("Production Break-Glass");
    expect(text).not.toMatch(/[{}]/);
  });

  it("requests the auto-approved package: delivered at once, its status reads delivered, and list_my_access shows the grants", async () => {
    const submitted = await call(auditor, "request_access", { package: P.directoryRead8h, policy: SEED_IDS.policies.directoryRead8h, justification: "Reconcile approvers against the directory" });
    expect(submitted.isError).toBe(false);
    expect(submitted.text).toMatch(/^Request [0-9a-f-]{36} \(new access\) for "Directory Read \(8 hours\)": delivered\. Access granted now, held until \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ \(assignment [0-9a-f-]{36}\)/);
    const id = requestId(submitted.text)!;
    const [row] = await database.db.select().from(assignmentRequests).where(eq(assignmentRequests.id, id));
    expect(row).toMatchObject({ requestType: "userAdd", requestorId: A.expenseAuditor, targetId: A.expenseAuditor, state: "delivered" });
    const [audit] = await database.db.select().from(auditEvents).where(and(eq(auditEvents.requestId, id), eq(auditEvents.action, "request.create")));
    expect(audit).toMatchObject({ actorType: "agentIdentity", actorId: A.expenseAuditor });

    const status = await call(auditor, "get_request_status", { requestId: id });
    expect(status.text).toContain(`Request ${id} (new access) for "Directory Read (8 hours)": delivered.`);
    expect(status.text).toContain('justification "Reconcile approvers against the directory"');

    const recent = await call(auditor, "get_request_status");
    expect(recent.text).toContain(`- ${id}: userAdd "Directory Read (8 hours)" — delivered`);
    // A page past the last says which is the last, instead of an empty list.
    expect((await call(auditor, "get_request_status", { page: 50 })).text).toMatch(
      /^You have \d+ requests?; there is no page 50: the last is page 1\. Call get_request_status without page for the newest\.$/,
    );

    const access = await call(auditor, "list_my_access");
    expect(access.text).toMatch(new RegExp(`assignment ${row.assignmentId}: "Directory Read \\(8 hours\\)" \\(package id ${P.directoryRead8h}\\), until `));
    expect(access.text).toContain('Directory Readers on Directory Readers (DirectoryRole) via "Directory Read (8 hours)", until');
    expect(access.text).toContain('Directory.Read.All (application) on Microsoft Graph (ApiPermission) via "Directory Read (8 hours)"');
  });

  it("requests a package that needs approval by name, and is told it waits for approval by its sponsor", async () => {
    const { text, isError } = await call(auditor, "request_access", { package: "finance reporting", justification: "Monthly expense reports" });
    expect(isError).toBe(false);
    expect(text).toMatch(/: pendingApproval\. Waiting for approval by Leo Fischer \(stage 1 of 1\)\. Nothing to do but wait/);
    const status = await call(auditor, "get_request_status", { requestId: requestId(text) });
    expect(status.text).toContain("Stage 1: pending — waiting for approval by Leo Fischer (stage 1 of 1).");
    const explained = await call(auditor, "explain_access", { package: P.financeReportingAgent });
    expect(explained.text).toContain(`A request for it is already open. Request ${requestId(text)}`);
  });

  it("explain_access says why an agent cannot get a package and whom to ask", async () => {
    const phoenix = await call(auditor, "explain_access", { package: "Project Phoenix Member" });
    expect(phoenix.isError).toBe(false);
    expect(phoenix.text).toContain(`Policy "Employees with manager approval" (policy id ${SEED_IDS.policies.projectPhoenixMember}): "Employees with manager approval" is for member users; Expense Auditor is not one.`);
    expect(phoenix.text).toContain('What would grant it: no policy allows agent identities — ask an owner of catalog "Finance & Operations" (Tomas Novak) to add a policy for agent identities');

    const held = await call(auditor, "explain_access", { package: "Directory Read (8 hours)" });
    expect(held.text).toMatch(/You already have it, until \S+Z \(assignment [0-9a-f-]{36}\)\. To keep it longer, call request_extension\./);

    // Break-glass is requested by sponsors only, and conflicts with Directory Read, which the auditor now holds.
    const glass = await call(auditor, "explain_access", { package: P.productionBreakGlass });
    expect(glass.text).toContain('incompatible with "Directory Read (8 hours)", which is already held');
    expect(glass.text).toContain("does not let anyone request it for themselves");
    expect(glass.text).toContain('your sponsor or owner Leo Fischer can request it for you in My Access (policy "Sponsors with security approval")');

    const requestable = await call(auditor, "explain_access", { package: P.supportTicketTriage });
    expect(requestable.text).toContain("you can request it now with request_access");
  });

  it("domain refusals and bad input come back as tool errors with plain messages, never stack traces", async () => {
    const again = await call(auditor, "request_access", { package: P.directoryRead8h });
    expect(again).toMatchObject({ isError: true });
    expect(again.text).toContain('You already have "Directory Read (8 hours)"; request an extension instead.');
    const noJustification = await call(auditor, "request_access", { package: P.supportTicketTriage });
    expect(noJustification).toMatchObject({ isError: true, text: "A justification is required by this policy.\nFix: justification: say why the access is needed" });
    const unknown = await call(auditor, "request_access", { package: "Root of everything" });
    expect(unknown).toMatchObject({ isError: true, text: 'No access package is named "Root of everything". Call list_requestable_packages to see the packages and their ids.' });
    const ambiguous = await call(auditor, "explain_access", { package: "a" });
    expect(ambiguous).toMatchObject({ isError: true, text: expect.stringMatching(/^"a" matches several access packages: .*Give the package id\.$/) });
    const badDates = await call(auditor, "request_access", { package: P.supportTicketTriage, justification: "x", duration: "tomorrow" });
    expect(badDates.isError).toBe(true);
    expect(badDates.text).toContain("duration must be ISO 8601");
    const custom = await call(auditor, "request_access", { package: P.supportTicketTriage, justification: "x", duration: "P7D" });
    expect(custom).toMatchObject({ isError: true, text: expect.stringContaining("does not allow a custom schedule") });
    for (const r of [again, noJustification, unknown, ambiguous, badDates, custom]) expect(r.text).not.toMatch(/\n\s+at |node_modules|\.ts:\d/);
  });

  it("request_extension submits an update request that needs approval again", async () => {
    const triage = await connect((await tokenFor(A.kbCurator)).token);
    const maya = await ctxAs(database.db, SEED_IDS.users.maya);
    const priya = await ctxAs(database.db, SEED_IDS.users.priya);
    const { decideApproval } = await import("@/lib/approvals/decide-approval");
    const add = await submitRequest({ ctx: maya, input: { accessPackageId: P.supportTicketTriage, targetId: A.kbCurator, justification: "Draft articles from tickets" } });
    await decideApproval({ ctx: priya, input: { requestId: add.id, decision: "Approve" } });
    const [held] = await database.db.select().from(assignments).where(and(eq(assignments.targetId, A.kbCurator), eq(assignments.accessPackageId, P.supportTicketTriage)));

    const missing = await call(triage, "request_extension", { justification: "x" });
    expect(missing).toMatchObject({ isError: true, text: expect.stringContaining("give assignmentId (from list_my_access) or package") });
    const ext = await call(triage, "request_extension", { assignmentId: held.id, justification: "Still curating the Q3 backlog" });
    expect(ext.isError).toBe(false);
    expect(ext.text).toMatch(/\(extension\) for "Support Ticket Triage": pendingApproval\. Waiting for approval by Priya Raman/);
    const [row] = await database.db.select().from(assignmentRequests).where(eq(assignmentRequests.id, requestId(ext.text)!));
    expect(row).toMatchObject({ requestType: "userUpdate", assignmentId: held.id, requestorId: A.kbCurator });

    // Directory Read's policy does not let holders extend it themselves.
    await call(triage, "request_access", { package: P.directoryRead8h });
    const refused = await call(triage, "request_extension", { package: "Directory Read (8 hours)" });
    expect(refused).toMatchObject({ isError: true, text: '"Agents, no approval (8 hours)" does not let holders extend it themselves.' });
  });

  it("another agent's request id is not found, and its assignment cannot be extended", async () => {
    const other = await connect((await tokenFor(A.releaseNotes)).token);
    const [theirs] = await database.db.select().from(assignmentRequests).where(eq(assignmentRequests.targetId, A.expenseAuditor)).limit(1);
    const peek = await call(other, "get_request_status", { requestId: theirs.id });
    expect(peek).toEqual({ isError: true, text: `No request with id ${theirs.id}.` });
    const [assignment] = await database.db.select().from(assignments).where(eq(assignments.targetId, A.expenseAuditor)).limit(1);
    const extend = await call(other, "request_extension", { assignmentId: assignment.id, justification: "mine now" });
    expect(extend).toMatchObject({ isError: true, text: expect.stringContaining(`You hold no active assignment with id ${assignment.id}`) });
    expect((await call(other, "get_request_status")).text).toBe("You have made no requests yet. Call list_requestable_packages to see what you can request.");
  });
});

describe("MCP server: who may connect", () => {
  const initialize = { jsonrpc: "2.0", id: 1, method: "initialize", params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "raw", version: "1" } } };
  const post = (headers: Record<string, string>) =>
    fetch(`${server.url}/api/mcp`, { method: "POST", headers: { "content-type": "application/json", accept: "application/json, text/event-stream", ...headers }, body: JSON.stringify(initialize) });

  it("no token gets 401 with a Bearer challenge, and the SDK client fails to connect", async () => {
    const res = await post({});
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toBe(`Bearer realm="steward", resource_metadata="${server.url}/.well-known/oauth-protected-resource/api/mcp"`);
    expect(await res.json()).toMatchObject({ jsonrpc: "2.0", error: { message: expect.stringContaining("Authorization: Bearer") } });
    await expect(connect()).rejects.toMatchObject({ code: 401, message: expect.stringContaining("Authentication required") });
  });

  it("the 401 leads a client to a token: resource metadata (RFC 9728) → authorization server discovery → token endpoint → connected", async () => {
    const challenge = (await post({})).headers.get("www-authenticate") ?? "";
    const metadataUrl = /resource_metadata="([^"]+)"/.exec(challenge)?.[1];
    expect(metadataUrl).toBe(`${server.url}/.well-known/oauth-protected-resource/api/mcp`);
    const metadataRes = await fetch(metadataUrl!);
    expect(metadataRes.status).toBe(200);
    const metadata = (await metadataRes.json()) as { resource: string; authorization_servers: string[]; bearer_methods_supported: string[]; scopes_supported: string[] };
    expect(metadata.resource).toBe(`${server.url}/api/mcp`);
    expect(metadata.bearer_methods_supported).toEqual(["header"]);
    expect(metadata.authorization_servers).toEqual([`${server.url}/api`]);

    const discovery = (await (await fetch(`${metadata.authorization_servers[0]}/.well-known/openid-configuration`)).json()) as { token_endpoint: string; grant_types_supported: string[] };
    expect(discovery.grant_types_supported).toEqual(["client_credentials"]);
    const ines = await ctxAs(database.db, SEED_IDS.users.ines);
    const secret = await createCredential({ ctx: ines, input: { principalId: A.kbCurator } });
    const tokenRes = await fetch(discovery.token_endpoint, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: "client_credentials", client_id: secret.clientId, client_secret: secret.clientSecret, scope: metadata.scopes_supported[0] }),
    });
    expect(tokenRes.status).toBe(200);
    const client = await connect(((await tokenRes.json()) as { access_token: string }).access_token);
    expect((await client.listTools()).tools.length).toBe(6);
  });

  it("a tampered token gets 401 invalid_token", async () => {
    const { token } = await tokenFor(A.onCall);
    const res = await post({ authorization: `Bearer ${token.slice(0, -3)}abc` });
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toMatch(/^Bearer realm="steward", resource_metadata="[^"]+", error="invalid_token", error_description="[^"]+"$/);
  });

  it("a service principal is refused with a message saying the server is for agent identities", async () => {
    const { token } = await tokenFor(SEED_IDS.servicePrincipals.payrollSync);
    const res = await post({ authorization: `Bearer ${token}` });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { message: string } }).error.message).toBe(
      "Payroll Sync is a service principal. This MCP server serves agent identities acting for themselves; service principals use the Graph API under /api/v1.0.",
    );
  });

  it("an agent disabled after getting its token is refused", async () => {
    const { token } = await tokenFor(A.invoiceReconciliation);
    await database.db.update(principals).set({ accountEnabled: false }).where(eq(principals.id, A.invoiceReconciliation));
    try {
      const res = await post({ authorization: `Bearer ${token}` });
      expect(res.status).toBe(401);
      expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/disabled/);
    } finally {
      await database.db.update(principals).set({ accountEnabled: true }).where(eq(principals.id, A.invoiceReconciliation));
    }
  });

  it("is rate limited per agent like the Graph API: 429 with Retry-After once the burst is spent", async () => {
    const saved = { perSecond: process.env.STEWARD_RATE_LIMIT_PER_SECOND, burst: process.env.STEWARD_RATE_LIMIT_BURST };
    const { token } = await tokenFor(A.releaseNotes);
    process.env.STEWARD_RATE_LIMIT_PER_SECOND = "0.5";
    process.env.STEWARD_RATE_LIMIT_BURST = "2";
    const t0 = Date.now();
    setRateLimitClock(() => t0);
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) statuses.push((await post({ authorization: `Bearer ${token}` })).status);
      expect(statuses.slice(0, 2)).not.toContain(429);
      const limited = await post({ authorization: `Bearer ${token}` });
      expect(limited.status).toBe(429);
      expect(limited.headers.get("retry-after")).toBe("2");
      expect(((await limited.json()) as { error: { message: string } }).error.message).toMatch(/Too many requests/);
    } finally {
      setRateLimitClock(null);
      for (const [k, v] of [["STEWARD_RATE_LIMIT_PER_SECOND", saved.perSecond], ["STEWARD_RATE_LIMIT_BURST", saved.burst]] as const) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
  });

  it("GET and DELETE answer 405 (stateless: no stream, no session)", async () => {
    for (const method of ["GET", "DELETE"]) {
      const res = await fetch(`${server.url}/api/mcp`, { method, headers: { accept: "text/event-stream" } });
      expect(res.status).toBe(405);
      expect(res.headers.get("allow")).toBe("POST");
    }
  });
});

describe("examples/agent.ts", () => {
  const runExample = (secret: { clientId: string; clientSecret: string }, extra: Record<string, string>) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(
        path.resolve("node_modules/.bin/tsx"),
        ["examples/agent.ts"],
        {
          timeout: 60_000,
          env: { ...process.env, STEWARD_URL: server.url, STEWARD_CLIENT_ID: secret.clientId, STEWARD_CLIENT_SECRET: secret.clientSecret, STEWARD_POLL_SECONDS: "0.2", ...extra },
        },
        (err, stdout, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
      );
    });

  it("gets a token, requests the package, waits for delivery and prints the grants; run again, it says the package is held", async () => {
    const secret = await tokenFor(A.onCall);
    const env = { STEWARD_ACCESS_PACKAGE_ID: P.directoryRead8h, STEWARD_POLICY_ID: SEED_IDS.policies.directoryRead8h, STEWARD_TIMEOUT_SECONDS: "20" };
    const first = await runExample(secret, env);
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/Request [0-9a-f-]{36}: delivered/);
    expect(first.stdout).toMatch(/Assignments:\n- Directory Read \(8 hours\) \(delivered\) until \d{4}-\d\d-\d\dT/);
    expect(first.stdout).toContain('Directory Readers on Directory Readers (DirectoryRole) via "Directory Read (8 hours)"');

    const second = await runExample(secret, env);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('Not submitted: You already have "Directory Read (8 hours)"; request an extension instead.');
    expect(second.stdout).toContain("Directory.Read.All (application) on Microsoft Graph (ApiPermission)");
  });

  it("stops polling at the timeout while the request waits for approval, exits 3, and follows the same request next time", async () => {
    const secret = await tokenFor(A.escalationSummarizer);
    const env = { STEWARD_ACCESS_PACKAGE_ID: P.supportTicketTriage, STEWARD_TIMEOUT_SECONDS: "1", STEWARD_JUSTIFICATION: "Summarise escalations" };
    const first = await runExample(secret, env);
    expect(first.code).toBe(3);
    expect(first.stdout).toMatch(/Request ([0-9a-f-]{36}): pendingApproval — Waiting for approval \(stage 1\)\./);
    expect(first.stdout).toContain("Still pendingApproval after 1 s; stopping.");
    expect(first.stdout).toContain("You hold no access packages right now.");
    const id = /Request ([0-9a-f-]{36}): pendingApproval/.exec(first.stdout)![1];
    const second = await runExample(secret, env);
    expect(second.code).toBe(3);
    expect(second.stdout).toContain(`Following the open request ${id} instead.`);
  });
});
