import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { isDomainError } from "@/lib/errors";
import type { AgentCtx } from "./authenticate-agent";
import { describeError } from "./format";
import { explainAccess, explainAccessInput } from "./tools/explain-access";
import { getRequestStatus, getRequestStatusInput } from "./tools/get-request-status";
import { listMyAccess, listMyAccessInput } from "./tools/list-my-access";
import { listRequestablePackages, listRequestablePackagesInput } from "./tools/list-requestable-packages";
import { requestAccess, requestAccessInput } from "./tools/request-access";
import { requestExtension, requestExtensionInput } from "./tools/request-extension";

export const MCP_SERVER_NAME = "steward";
export const MCP_SERVER_VERSION = "1.0.0";

const INSTRUCTIONS = `Steward governs what you, an AI agent, may access. You are signed in as yourself and every tool acts for you only.
Typical flow: list_requestable_packages → request_access → get_request_status until delivered → list_my_access.
If a package you need is not offered, call explain_access: it says why and whom to ask. Access ends on its end date; use request_extension before then.
Ids in the answers are what the other tools take.`;

/** Domain errors become a tool result the model can read and act on; anything else is logged and never shown. */
async function run(ctx: AgentCtx, tool: string, fn: () => Promise<string>): Promise<CallToolResult> {
  try {
    return { content: [{ type: "text", text: await fn() }] };
  } catch (e) {
    if (isDomainError(e)) return { content: [{ type: "text", text: describeError(e.message, e.fieldErrors) }], isError: true };
    const ref = crypto.randomUUID();
    console.error(`[mcp] ${tool} failed for ${ctx.actor.id} (ref ${ref})`, e);
    return { content: [{ type: "text", text: `An internal error occurred; nothing was changed. Quote reference ${ref} when reporting it.` }], isError: true };
  }
}

/** One MCP server per HTTP request (stateless), bound to the authenticated agent. */
export function createStewardMcpServer(ctx: AgentCtx): McpServer {
  const server = new McpServer({ name: MCP_SERVER_NAME, version: MCP_SERVER_VERSION }, { capabilities: { tools: {} }, instructions: INSTRUCTIONS });
  const readOnly = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false } as const;
  const writes = { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false } as const;

  server.registerTool(
    "list_requestable_packages",
    {
      title: "List access packages I can request",
      description:
        "Lists the access packages you may request for yourself, one per line, with the package id, the policy to use (policy id), and what a request needs: whether it is granted at once or needs approval (and by whom), whether a justification is required, questions to answer (by question id), and the maximum duration. Notes packages you already hold or have already asked for.",
      inputSchema: listRequestablePackagesInput,
      annotations: readOnly,
    },
    (input) => run(ctx, "list_requestable_packages", () => listRequestablePackages(ctx, input)),
  );
  server.registerTool(
    "explain_access",
    {
      title: "Explain why I can or cannot get a package",
      description:
        "Given an access package (id or name), says whether you can request it and, if not, why not — no policy allows agent identities, you already hold it (until when), a request is already pending (its id), it conflicts with a package you hold — and what would grant it: who can request it for you, or whom to ask to add a policy.",
      inputSchema: explainAccessInput,
      annotations: readOnly,
    },
    (input) => run(ctx, "explain_access", () => explainAccess(ctx, input)),
  );
  server.registerTool(
    "request_access",
    {
      title: "Request an access package for myself",
      description:
        "Submits a request for an access package for yourself. Give the package (id or name), a justification when the policy requires one, answers to its questions keyed by question id, and optionally the policy and custom dates if the policy allows them. Returns the request id, its state, and what happens next: granted now (with the end date) or waiting for approval by whom.",
      inputSchema: requestAccessInput,
      annotations: writes,
    },
    (input) => run(ctx, "request_access", () => requestAccess(ctx, input)),
  );
  server.registerTool(
    "get_request_status",
    {
      title: "Check my requests",
      description:
        "With a requestId: that request's state, who must still approve it or who decided it, and the resulting access and its end date. Without: your recent requests, newest first, one per line with their ids and states.",
      inputSchema: getRequestStatusInput,
      annotations: readOnly,
    },
    (input) => run(ctx, "get_request_status", () => getRequestStatus(ctx, input)),
  );
  server.registerTool(
    "list_my_access",
    {
      title: "List my current access",
      description:
        "Lists the access packages you hold right now (assignment id, package, end date) and your effective grants: each role on each resource (groups, API permissions, directory roles, app roles) with the package that delivered it and when it ends.",
      inputSchema: listMyAccessInput,
      annotations: readOnly,
    },
    () => run(ctx, "list_my_access", () => listMyAccess(ctx)),
  );
  server.registerTool(
    "request_extension",
    {
      title: "Ask to extend access I hold",
      description:
        "Asks to extend one of your assignments before it ends. Give assignmentId (from list_my_access) or the package, a justification when required, and optionally an end date or duration if the policy allows custom dates; otherwise the policy's full period from now. It goes through approval again when the policy requires it. Returns the request id, state and what happens next.",
      inputSchema: requestExtensionInput,
      annotations: writes,
    },
    (input) => run(ctx, "request_extension", () => requestExtension(ctx, input)),
  );
  return server;
}
