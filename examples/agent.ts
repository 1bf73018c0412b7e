/**
 * An AI agent getting its own access from Steward, with nothing but fetch.
 *
 *   STEWARD_URL=http://localhost:3000 \
 *   STEWARD_CLIENT_ID=<the agent's client id> STEWARD_CLIENT_SECRET=<its secret> \
 *   STEWARD_ACCESS_PACKAGE_ID=<package id> [STEWARD_POLICY_ID=<policy id>] \
 *   npx tsx examples/agent.ts
 *
 * 1. gets an access token with the client credentials grant (as from Entra's v2.0 token endpoint);
 * 2. requests the access package for itself (Graph: POST …/assignmentRequests, requestType userAdd);
 * 3. polls the request until it is delivered, denied or canceled, or until the timeout;
 * 4. prints the assignments it holds and its effective grants.
 *
 * Optional: STEWARD_JUSTIFICATION, STEWARD_POLL_SECONDS (default 5), STEWARD_TIMEOUT_SECONDS (default 300).
 * Self-contained on purpose: copy it anywhere that has Node 20+ (or any runtime with fetch).
 */

type GraphError = { error?: { code?: string; message?: string } };
type AssignmentRequest = { id: string; state: string; status: string; accessPackage?: { id: string }; assignment?: { id: string } | null };
type Assignment = {
  id: string;
  state: string;
  accessPackage?: { id: string; displayName?: string };
  schedule?: { expiration?: { endDateTime?: string | null } };
};

const FINAL_STATES = new Set(["delivered", "denied", "canceled", "deliveryFailed", "partiallyDelivered"]);
const OPEN_STATES = new Set(["submitted", "pendingApproval", "delivering", "scheduled"]);

function env(name: string, fallback?: string): string {
  const value = process.env[name] ?? fallback;
  if (!value) {
    console.error(`Set ${name}. See examples/README.md.`);
    process.exit(2);
  }
  return value;
}

const base = env("STEWARD_URL").replace(/\/+$/, "");
const clientId = env("STEWARD_CLIENT_ID");
const clientSecret = env("STEWARD_CLIENT_SECRET");
const accessPackageId = env("STEWARD_ACCESS_PACKAGE_ID");
const policyId = process.env.STEWARD_POLICY_ID || undefined;
const justification = env("STEWARD_JUSTIFICATION", "Requested by the example agent (examples/agent.ts).");
const pollMs = Number(env("STEWARD_POLL_SECONDS", "5")) * 1000;
const timeoutMs = Number(env("STEWARD_TIMEOUT_SECONDS", "300")) * 1000;
const graph = `${base}/api/v1.0/identityGovernance/entitlementManagement`;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function getToken(): Promise<string> {
  const res = await fetch(`${base}/api/oauth2/v2.0/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "client_credentials", client_id: clientId, client_secret: clientSecret, scope: "https://graph.microsoft.com/.default" }),
  });
  const body = (await res.json()) as { access_token?: string; error?: string; error_description?: string };
  if (!res.ok || !body.access_token) throw new Error(`Token request failed (${res.status}): ${body.error_description ?? body.error ?? "no detail"}`);
  return body.access_token;
}

async function call<T>(token: string, method: string, url: string, body?: unknown): Promise<{ status: number; body: T & GraphError }> {
  const res = await fetch(url, {
    method,
    headers: { authorization: `Bearer ${token}`, accept: "application/json", ...(body ? { "content-type": "application/json" } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : {}) as T & GraphError };
}

/** Submits the request; if one is already open for the package, follows that one instead. Null: already held. */
async function requestPackage(token: string): Promise<AssignmentRequest | null> {
  const created = await call<AssignmentRequest>(token, "POST", `${graph}/assignmentRequests`, {
    requestType: "userAdd",
    assignment: { accessPackageId, ...(policyId ? { assignmentPolicyId: policyId } : {}) },
    justification,
  });
  if (created.status === 201) return created.body;
  const message = created.body.error?.message ?? `HTTP ${created.status}`;
  if (created.status !== 409) throw new Error(`The request was refused: ${message}`);
  console.log(`Not submitted: ${message}`);
  const mine = await call<{ value: AssignmentRequest[] }>(token, "GET", `${graph}/assignmentRequests/filterByCurrentUser(on='target')`);
  const open = (mine.body.value ?? []).find((r) => r.accessPackage?.id === accessPackageId && OPEN_STATES.has(r.state));
  if (open) console.log(`Following the open request ${open.id} instead.`);
  return open ?? null;
}

async function waitForRequest(token: string, request: AssignmentRequest): Promise<AssignmentRequest> {
  const deadline = Date.now() + timeoutMs;
  let current = request;
  let lastState = "";
  for (;;) {
    if (current.state !== lastState) console.log(`Request ${current.id}: ${current.state}${current.status ? ` — ${current.status}` : ""}`);
    lastState = current.state;
    if (FINAL_STATES.has(current.state)) return current;
    if (Date.now() + pollMs > deadline) {
      console.log(`Still ${current.state} after ${Math.round(timeoutMs / 1000)} s; stopping. Run again later: the request stays open.`);
      return current;
    }
    await sleep(pollMs);
    const got = await call<AssignmentRequest>(token, "GET", `${graph}/assignmentRequests/${current.id}`);
    if (got.status !== 200) throw new Error(`Could not read request ${current.id}: ${got.body.error?.message ?? got.status}`);
    current = got.body;
  }
}

async function printAssignments(token: string): Promise<void> {
  const res = await call<{ value: Assignment[] }>(token, "GET", `${graph}/assignments/filterByCurrentUser(on='target')?$expand=accessPackage`);
  if (res.status === 404 || res.status === 405) {
    console.log("(This Steward has no assignments listing yet; see the grants below.)");
    return;
  }
  if (res.status !== 200) throw new Error(`Could not list assignments: ${res.body.error?.message ?? res.status}`);
  console.log("Assignments:");
  for (const a of res.body.value ?? []) {
    const end = a.schedule?.expiration?.endDateTime;
    console.log(`- ${a.accessPackage?.displayName ?? a.accessPackage?.id ?? "?"} (${a.state})${end ? ` until ${end}` : ""}`);
  }
}

/** Effective grants through Steward's MCP endpoint: one stateless JSON-RPC call to the list_my_access tool. */
async function printGrants(token: string): Promise<void> {
  const res = await fetch(`${base}/api/mcp`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json", accept: "application/json, text/event-stream" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: "list_my_access", arguments: {} } }),
  });
  const body = (await res.json()) as { result?: { content?: { type: string; text?: string }[] }; error?: { message?: string } };
  if (!res.ok || !body.result) throw new Error(`Could not read grants: ${body.error?.message ?? res.status}`);
  console.log((body.result.content ?? []).map((c) => c.text ?? "").join("\n"));
}

async function main(): Promise<number> {
  const token = await getToken();
  console.log(`Signed in to ${base} as client ${clientId}.`);
  const request = await requestPackage(token);
  const final = request ? await waitForRequest(token, request) : null;
  await printAssignments(token);
  await printGrants(token);
  if (!final) return 0;
  return final.state === "delivered" ? 0 : OPEN_STATES.has(final.state) ? 3 : 1;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  },
);
