import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
import { getDb } from "@/db";
import { isDomainError } from "@/lib/errors";
import { clientAddress, rateLimiter } from "@/lib/api/rate-limit";
import { publicOrigin } from "@/lib/api/origin";
import { MAX_BODY_BYTES } from "@/lib/api/graph";
import { authenticateAgent, type AgentCtx } from "./authenticate-agent";
import { createStewardMcpServer } from "./create-server";
import { MCP_RESOURCE_METADATA_PATH } from "./protected-resource";

/** A JSON-RPC error outside any request, as the SDK's transport writes its own HTTP errors. */
function rpcError(status: number, code: number, message: string, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify({ jsonrpc: "2.0", error: { code, message }, id: null }), {
    status,
    headers: { "content-type": "application/json", "cache-control": "no-store", ...headers },
  });
}

const quoteParam = (s: string) => s.replace(/["\\]/g, "'");

/**
 * POST /api/mcp: Streamable HTTP in stateless mode. Each request authenticates the agent by its bearer token, then
 * gets a fresh server and transport (nothing is kept between requests, so it runs in any route handler).
 */
export async function handleMcpPost(req: Request): Promise<Response> {
  let ctx: AgentCtx;
  // The same per-client token buckets as the Graph API: per agent once authenticated, per address before.
  const limited = (key: string) => {
    const d = rateLimiter().take(key);
    return d.allowed ? null : rpcError(429, -32029, `Too many requests; retry after ${d.retryAfterSeconds} s.`, { "Retry-After": String(d.retryAfterSeconds) });
  };
  try {
    ctx = await authenticateAgent(req, await getDb());
  } catch (e) {
    const tooMany = limited(`api:ip:${clientAddress(req)}`);
    if (tooMany) return tooMany;
    if (isDomainError(e) && e.code === "unauthenticated") {
      // RFC 9728 §5.1: where an MCP client finds how to get a token (the protected resource metadata).
      const metadata = `resource_metadata="${publicOrigin(req)}${MCP_RESOURCE_METADATA_PATH}"`;
      const challenge = req.headers.get("authorization")
        ? `Bearer realm="steward", ${metadata}, error="invalid_token", error_description="${quoteParam(e.message)}"`
        : `Bearer realm="steward", ${metadata}`;
      return rpcError(401, -32001, e.message, { "WWW-Authenticate": challenge });
    }
    if (isDomainError(e)) return rpcError(e.status, -32003, e.message);
    console.error("[mcp] authentication failed", e);
    return rpcError(500, -32603, "An internal error occurred.");
  }
  const tooMany = limited(`api:principal:${ctx.actor.id}`);
  if (tooMany) return tooMany;
  const server = createStewardMcpServer(ctx);
  // The same body limit as the Graph API (the SDK answers 413 beyond it).
  const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true, maxRequestBodySize: MAX_BODY_BYTES });
  try {
    await server.connect(transport);
    return await transport.handleRequest(req);
  } catch (e) {
    console.error(`[mcp] request from ${ctx.actor.id} failed`, e);
    return rpcError(500, -32603, "An internal error occurred; nothing was changed.");
  } finally {
    // JSON responses are complete once handleRequest resolves, so the per-request server can go.
    await server.close().catch(() => undefined);
  }
}

/** Stateless: no SSE stream to open (GET) and no session to end (DELETE). */
export function mcpMethodNotAllowed(): Response {
  return rpcError(405, -32000, "Method not allowed: this MCP server is stateless; send JSON-RPC messages with POST.", { Allow: "POST" });
}
