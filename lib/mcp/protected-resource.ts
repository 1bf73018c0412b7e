import { SCOPES_SUPPORTED } from "@/lib/auth/discovery";

export const MCP_PATH = "/api/mcp";
/** RFC 9728 §3.1: the metadata of the resource `<origin>/api/mcp` is at the well-known URI with the path appended. */
export const MCP_RESOURCE_METADATA_PATH = `/.well-known/oauth-protected-resource${MCP_PATH}`;

/**
 * OAuth 2.0 Protected Resource Metadata (RFC 9728) of the MCP server, as MCP clients look it up from the
 * `resource_metadata` of a 401's WWW-Authenticate: which authorization server issues its tokens (Steward's own
 * token endpoint, client credentials; its discovery document is `<origin>/api/.well-known/openid-configuration`)
 * and how to present them.
 */
export function mcpResourceMetadata(origin: string) {
  return {
    resource: `${origin}${MCP_PATH}`,
    authorization_servers: [`${origin}/api`],
    bearer_methods_supported: ["header"],
    scopes_supported: SCOPES_SUPPORTED,
    resource_name: "Steward MCP server (agent identities acting for themselves)",
    resource_documentation: `${origin}/docs/api`,
  };
}
