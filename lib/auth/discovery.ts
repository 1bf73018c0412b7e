import { issuerOf, SIGNING_ALG } from "./tokens";

export const TOKEN_PATH = "/api/oauth2/v2.0/token";
/** Named because OpenID Discovery (and the MCP SDK's metadata schema) require it; it answers every request with unsupported_response_type. */
export const AUTHORIZE_PATH = "/api/oauth2/v2.0/authorize";
export const JWKS_PATH = "/api/discovery/v2.0/keys";
export const OPENID_CONFIGURATION_PATH = "/api/.well-known/openid-configuration";
/** RFC 8414 §3.1: the well-known URI with the issuer's path (`/api`) appended. */
export const AUTHORIZATION_SERVER_METADATA_PATH = "/.well-known/oauth-authorization-server/api";
export const SCOPES_SUPPORTED = ["https://graph.microsoft.com/.default", "api://steward/.default"];

export type ClientEndpoints = { tokenEndpoint: string; issuer: string };

/** What a client needs besides its id and secret, for the portal's one-time secret panel. */
export function clientEndpoints(origin: string): ClientEndpoints {
  return { tokenEndpoint: `${origin}${TOKEN_PATH}`, issuer: issuerOf(origin) };
}

/**
 * The discovery document (the subset of OpenID Provider Metadata that a client-credentials client needs), served
 * both where OpenID Connect Discovery looks (`<issuer>/.well-known/openid-configuration`) and where RFC 8414
 * looks (`/.well-known/oauth-authorization-server/api`); the fields it has mean the same in both.
 */
export function openIdConfiguration(origin: string) {
  const { issuer, tokenEndpoint } = clientEndpoints(origin);
  return {
    issuer,
    authorization_endpoint: `${origin}${AUTHORIZE_PATH}`,
    token_endpoint: tokenEndpoint,
    jwks_uri: `${origin}${JWKS_PATH}`,
    grant_types_supported: ["client_credentials"],
    token_endpoint_auth_methods_supported: ["client_secret_post", "client_secret_basic"],
    // No response type is offered: the authorization endpoint refuses every request (client credentials only).
    response_types_supported: [],
    subject_types_supported: ["pairwise"],
    id_token_signing_alg_values_supported: [SIGNING_ALG],
    scopes_supported: SCOPES_SUPPORTED,
    claims_supported: ["sub", "oid", "appid", "idtyp", "roles", "iss", "aud", "iat", "nbf", "exp", "jti"],
  };
}
