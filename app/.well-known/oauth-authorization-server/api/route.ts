/**
 * OAuth 2.0 authorization server metadata (RFC 8414 §3.1) of the issuer `<origin>/api`: the same document as the
 * OpenID discovery at /api/.well-known/openid-configuration, where RFC 8414 clients (the MCP SDK among them) look
 * first. Public.
 */
export { GET } from "../../../api/.well-known/openid-configuration/route";

export const dynamic = "force-dynamic";
