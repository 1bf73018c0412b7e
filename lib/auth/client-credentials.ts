import { timingSafeEqual } from "node:crypto";
import { and, eq, gt } from "drizzle-orm";
import { z } from "zod";
import { credentials, principals } from "@/db/schema";
import type { Db } from "@/db";
import { recordAudit } from "@/lib/audit/record-audit";
import { hashSecret } from "@/lib/directory/create-credential";
import { listAppPermissions } from "@/lib/directory/app-permissions";
import { ACCESS_TOKEN_LIFETIME_S, defaultIssuer, signAccessToken } from "./tokens";

/** OAuth2 errors as the token endpoint returns them (RFC 6749 §5.2). */
export class OAuthError extends Error {
  constructor(
    readonly error: "invalid_request" | "invalid_client" | "unsupported_grant_type" | "invalid_scope",
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

export const tokenRequestSchema = z.object({
  grant_type: z.string({ message: "grant_type is required" }),
  client_id: z.string({ message: "client_id is required" }).max(200),
  client_secret: z.string({ message: "client_secret is required" }).max(500),
  scope: z.string().max(1000).optional(),
});

const BASIC_HELP = "The Authorization header must be HTTP Basic with base64(client_id:client_secret), each form-urlencoded (client_secret_basic).";

/**
 * The token request's fields, with the client's id and secret taken from HTTP Basic authentication when the client
 * sends them there (client_secret_basic, RFC 6749 §2.3.1: each form-urlencoded, then `id:secret` in base64) instead
 * of in the form (client_secret_post). A client uses one method: a secret in both places is refused, and so is a
 * form client_id that differs from the header's. Other Authorization schemes are ignored.
 */
export function tokenRequestFields(authorization: string | null, form: Record<string, string>): Record<string, string> {
  // Only the Basic scheme authenticates a client here; any other Authorization header (a leftover Bearer token, a
  // proxy's own scheme) is not ours to read, and the form's credentials stand.
  const header = authorization?.trim() ?? "";
  if (!/^Basic(?: |$)/i.test(header)) return form;
  const basic = /^Basic +([A-Za-z0-9+/]+={0,2})$/i.exec(header);
  if (!basic) throw new OAuthError("invalid_client", BASIC_HELP, 401);
  if (form.client_secret !== undefined) {
    throw new OAuthError("invalid_request", "Send the client secret once: in the Authorization header (client_secret_basic) or in the form (client_secret_post), not both.", 400);
  }
  const pair = Buffer.from(basic[1], "base64").toString("utf8");
  const colon = pair.indexOf(":");
  if (colon < 0) throw new OAuthError("invalid_client", BASIC_HELP, 401);
  const decode = (v: string) => {
    try {
      return decodeURIComponent(v.replace(/\+/g, " "));
    } catch {
      throw new OAuthError("invalid_client", BASIC_HELP, 401);
    }
  };
  const clientId = decode(pair.slice(0, colon));
  if (form.client_id !== undefined && form.client_id !== clientId) {
    throw new OAuthError("invalid_request", "The form's client_id differs from the one in the Authorization header.", 400);
  }
  return { ...form, client_id: clientId, client_secret: decode(pair.slice(colon + 1)) };
}

export type TokenResponse = { access_token: string; token_type: "Bearer"; expires_in: number; ext_expires_in: number };

/**
 * Client credentials grant for agent identities and service principals. `issuer` is `<origin>/api` of the address
 * the client used (the token endpoint passes it; the discovery document there names the same issuer).
 */
export async function issueClientCredentialsToken(db: Db, form: Record<string, string>, now: Date = new Date(), issuer: string = defaultIssuer()): Promise<TokenResponse> {
  const parsed = tokenRequestSchema.safeParse(form);
  if (!parsed.success) throw new OAuthError("invalid_request", parsed.error.issues[0]?.message ?? "Malformed token request.", 400);
  const { grant_type, client_id, client_secret, scope } = parsed.data;
  if (grant_type !== "client_credentials") throw new OAuthError("unsupported_grant_type", `grant_type ${grant_type} is not supported; use client_credentials.`, 400);
  if (scope && !scope.split(/\s+/).every((s) => s.endsWith("/.default"))) {
    throw new OAuthError("invalid_scope", "The client credentials flow takes a scope ending in /.default (for example https://graph.microsoft.com/.default).", 400);
  }
  const uuidLike = /^[0-9a-f-]{36}$/i.test(client_id);
  const [principal] = uuidLike ? await db.select().from(principals).where(eq(principals.appId, client_id)) : [];
  const refuse = async (reason: string) => {
    if (principal) {
      await recordAudit(db, { db, actor: { type: principal.type === "agentIdentity" ? "agentIdentity" : "servicePrincipal", id: principal.id, displayName: principal.displayName }, now: () => now }, {
        action: "signIn.clientCredentials",
        targetType: "principal",
        targetId: principal.id,
        outcome: "failure",
        detail: reason,
      });
    }
    return new OAuthError("invalid_client", "Invalid client_id or client_secret.", 401);
  };
  if (!principal || (principal.type !== "agentIdentity" && principal.type !== "servicePrincipal")) throw await refuse("unknown client");
  const candidates = await db
    .select({ id: credentials.id, secretHash: credentials.secretHash })
    .from(credentials)
    .where(and(eq(credentials.principalId, principal.id), gt(credentials.expiresAt, now)));
  const presented = Buffer.from(hashSecret(client_secret), "hex");
  const match = candidates.some((c) => {
    const stored = Buffer.from(c.secretHash, "hex");
    return stored.length === presented.length && timingSafeEqual(stored, presented);
  });
  if (!match) throw await refuse("wrong or expired secret");
  if (!principal.accountEnabled) throw new OAuthError("invalid_client", `${principal.displayName} is disabled.`, 401);
  const type = principal.type;
  // As in Entra, `roles` lists the service principal's application permissions. It is informational only:
  // authorization reads the grants from the database on every check (permissions.ts), so a revoke applies at
  // once instead of when the token expires. Agents hold access through access packages, never app permissions.
  const roles = type === "servicePrincipal" ? (await listAppPermissions(db, principal.id)).map((g) => g.permission) : [];
  const token = await signAccessToken({ sub: principal.id, appid: client_id, idtyp: "app", ptype: type, roles }, now, issuer);
  await db.transaction(async (tx) => {
    await tx.update(principals).set({ lastSignInAt: now }).where(eq(principals.id, principal.id));
    await recordAudit(tx, { db, actor: { type, id: principal.id, displayName: principal.displayName }, now: () => now }, {
      action: "signIn.clientCredentials",
      targetType: "principal",
      targetId: principal.id,
    });
  });
  return { access_token: token, token_type: "Bearer", expires_in: ACCESS_TOKEN_LIFETIME_S, ext_expires_in: ACCESS_TOKEN_LIFETIME_S };
}
