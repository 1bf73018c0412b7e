import { handleMcpPost, mcpMethodNotAllowed } from "@/lib/mcp/handle-mcp-request";

export const dynamic = "force-dynamic";

/** MCP (Streamable HTTP, stateless) for agent identities: the agent's bearer token makes it the principal. */
export const POST = (req: Request) => handleMcpPost(req);
export const GET = () => mcpMethodNotAllowed();
export const DELETE = () => mcpMethodNotAllowed();
