import { ISSUER, SIGNING_ALG } from "./tokens";

export const TOKEN_PATH = "/api/oauth2/v2.0/token";
export const JWKS_PATH = "/api/discovery/v2.0/keys";
export const OPENID_CONFIGURATION_PATH = "/api/.well-known/openid-configuration";
export const SCOPES_SUPPORTED = ["https://graph.microsoft.com/.default", "api://steward/.default"];

/** The discovery document (the subset of OpenID Provider Metadata that a client-credentials client needs). */
export function openIdConfiguration(origin: string) {
  return {
    issuer: ISSUER,
    token_endpoint: `${origin}${TOKEN_PATH}`,
    jwks_uri: `${origin}${JWKS_PATH}`,
    grant_types_supported: ["client_credentials"],
    token_endpoint_auth_methods_supported: ["client_secret_post"],
    response_types_supported: ["token"],
    subject_types_supported: ["pairwise"],
    id_token_signing_alg_values_supported: [SIGNING_ALG],
    scopes_supported: SCOPES_SUPPORTED,
    claims_supported: ["sub", "oid", "appid", "idtyp", "roles", "iss", "aud", "iat", "nbf", "exp", "jti"],
  };
}
