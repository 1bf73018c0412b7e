import type { Db } from "@/db";
import { authenticate } from "@/lib/api/graph";
import type { Ctx } from "@/lib/auth/actor";
import { forbidden, unauthenticated } from "@/lib/errors";

/**
 * The MCP server's principal: the agent identity whose bearer token came with the request. The token is checked by
 * the Graph API's `authenticate` (one implementation); a session cookie is never enough here, and service principals
 * are refused because the tools speak for an agent acting for itself.
 */
export type AgentCtx = Ctx & { actor: { type: "agentIdentity"; id: string; displayName: string } };

export async function authenticateAgent(req: Request, db: Db): Promise<AgentCtx> {
  if (!req.headers.get("authorization")) {
    throw unauthenticated("Authentication required: send 'Authorization: Bearer <access token>' with a token from POST /api/oauth2/v2.0/token (client credentials).");
  }
  const ctx = await authenticate(req, db);
  const actor = ctx.actor;
  if (actor.type !== "agentIdentity") {
    throw forbidden(
      actor.type === "servicePrincipal"
        ? `${actor.displayName} is a service principal. This MCP server serves agent identities acting for themselves; service principals use the Graph API under /api/v1.0.`
        : "This MCP server serves agent identities; sign in with the agent's own client credentials.",
    );
  }
  return { ...ctx, actor };
}
