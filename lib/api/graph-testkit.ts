import { Client, GraphError, HTTPMessageHandler, type Context, type Middleware } from "@microsoft/microsoft-graph-client";
import type { Database } from "@/db";
import { appPermissionGrants } from "@/db/schema";
import { SEED_IDS } from "@/db/seed";
import { createCredential } from "@/lib/directory/create-credential";
import { ctxAs } from "@/lib/testing/actors";
import { startRouteServer, type RouteServer } from "@/lib/testing/route-server";

/** Test helpers for driving the API through Microsoft's Graph SDK against a real HTTP route server. Tests only. */

export const EM = "/identityGovernance/entitlementManagement";

/**
 * The SDK's own AuthenticationHandler adds the token only for https Graph hosts (or https custom hosts); the test
 * server is plain http on 127.0.0.1, so this middleware always adds the bearer token, then the SDK's HTTP handler sends.
 */
class BearerMiddleware implements Middleware {
  private nextMiddleware?: Middleware;
  constructor(private readonly token: string) {}
  async execute(context: Context): Promise<void> {
    context.options = context.options ?? {};
    const headers = context.options.headers;
    if (headers instanceof Headers) headers.set("Authorization", `Bearer ${this.token}`);
    else context.options.headers = { ...(headers as Record<string, string> | undefined), Authorization: `Bearer ${this.token}` };
    return this.nextMiddleware!.execute(context);
  }
  setNext(next: Middleware): void {
    this.nextMiddleware = next;
  }
}

export type GraphHarness = {
  server: RouteServer;
  /** A bearer token for an agent or service principal (a fresh client secret, then the token endpoint). */
  tokenFor: (principalId: string) => Promise<string>;
  /** A Graph client whose base URL is this server's /api/ and version v1.0. */
  client: (token: string) => Client;
  /** A client signed in as this principal. */
  clientFor: (principalId: string) => Promise<Client>;
  /** Grants an application permission to a service principal (as an administrator would). */
  grant: (principalId: string, permission: "EntitlementManagement.Read.All" | "EntitlementManagement.ReadWrite.All") => Promise<void>;
  /** Follows an absolute @odata.nextLink with the SDK (which only strips https:// hosts itself). */
  next: (client: Client, nextLink: string) => Promise<GraphCollection>;
  close: () => Promise<void>;
};

export type GraphCollection<T = Record<string, unknown>> = { "@odata.context": string; "@odata.count"?: number; "@odata.nextLink"?: string; value: T[] };

export async function startGraphHarness(database: Database): Promise<GraphHarness> {
  const server = await startRouteServer(database);
  const base = `${server.url}/api/v1.0`;
  const ines = await ctxAs(database.db, SEED_IDS.users.ines);
  const tokenFor = async (principalId: string) => {
    const secret = await createCredential({ ctx: ines, input: { principalId } });
    const res = await fetch(`${server.url}/api/oauth2/v2.0/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: "client_credentials", client_id: secret.clientId, client_secret: secret.clientSecret, scope: "https://graph.microsoft.com/.default" }),
    });
    if (res.status !== 200) throw new Error(`token endpoint answered ${res.status}`);
    return ((await res.json()) as { access_token: string }).access_token;
  };
  const client = (token: string) =>
    Client.initWithMiddleware({ baseUrl: `${server.url}/api/`, defaultVersion: "v1.0", middleware: [new BearerMiddleware(token), new HTTPMessageHandler()] });
  return {
    server,
    tokenFor,
    client,
    clientFor: async (principalId) => client(await tokenFor(principalId)),
    grant: async (principalId, permission) => {
      await database.db.insert(appPermissionGrants).values({ principalId, permission, grantedById: SEED_IDS.users.ines });
    },
    next: (c, nextLink) => {
      if (!nextLink.startsWith(base)) throw new Error(`nextLink ${nextLink} is not under ${base}`);
      return c.api(nextLink.slice(base.length)).get();
    },
    close: () => server.close(),
  };
}

/** Awaits a call that must fail and returns the SDK's GraphError (with the parsed Graph error body). */
export async function graphFailure(call: Promise<unknown> | (() => Promise<unknown>)): Promise<GraphError & { error: { code: string; message: string; innerError: Record<string, string> } }> {
  try {
    await (typeof call === "function" ? call() : call);
  } catch (e) {
    if (!(e instanceof GraphError)) throw e;
    const parsed = typeof e.body === "string" ? (JSON.parse(e.body) as { code: string; message: string; innerError: Record<string, string> }) : null;
    if (!parsed || typeof parsed.code !== "string" || typeof parsed.message !== "string" || !parsed.innerError?.["request-id"] || !parsed.innerError?.date) {
      throw new Error(`error body is not in Graph's shape: ${String(e.body)}`);
    }
    if (/\n\s+at |node_modules|\.ts:\d+/.test(String(e.body))) throw new Error(`error body leaks a stack trace: ${String(e.body)}`);
    return Object.assign(e, { error: parsed });
  }
  throw new Error("expected the call to fail");
}
