import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Database } from "@/db";

type RouteHandler = (req: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
type RouteModule = Partial<Record<"GET" | "POST" | "PATCH" | "PUT" | "DELETE", RouteHandler>>;

/** Every API route module of the app, loaded lazily (vite's glob import). */
// Globs skip dot folders, so the `.well-known` folders (OpenID discovery, MCP resource metadata) are listed explicitly.
const modules = import.meta.glob<RouteModule>(["/app/api/**/route.ts", "/app/api/.well-known/**/route.ts", "/app/.well-known/**/route.ts"]);

type Route = { pattern: RegExp; names: string[]; load: () => Promise<RouteModule>; staticSegments: number };

function compile(): Route[] {
  const routes = Object.entries(modules).map(([file, load]) => {
    const segments = file.replace(/^\/app/, "").replace(/\/route\.ts$/, "").split("/").filter(Boolean);
    const names: string[] = [];
    let staticSegments = 0;
    const source = segments
      .map((s) => {
        const catchAll = /^\[\.\.\.(\w+)\]$/.exec(s);
        if (catchAll) {
          names.push(catchAll[1]);
          return "(.+)";
        }
        const dyn = /^\[(\w+)\]$/.exec(s);
        if (dyn) {
          names.push(dyn[1]);
          return "([^/]+)";
        }
        if (/^\(.*\)$/.test(s)) return null; // route groups do not appear in the URL
        staticSegments++;
        return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      })
      .filter((s): s is string => s !== null);
    return { pattern: new RegExp(`^/${source.join("/")}/?$`), names, load, staticSegments };
  });
  // Static segments win over dynamic ones, as in Next's router.
  return routes.sort((a, b) => b.staticSegments - a.staticSegments);
}

export type RouteServer = { url: string; close: () => Promise<void> };

/**
 * A real HTTP server on 127.0.0.1 that dispatches to the app's route handlers (app/api/**\/route.ts) the way
 * Next's router does, with the app's database singleton pointed at `database`. For tests that drive the API
 * with real HTTP clients (the Microsoft Graph SDK, the MCP SDK) without building the app.
 */
export async function startRouteServer(database: Database): Promise<RouteServer> {
  (globalThis as unknown as { __stewardDb?: Promise<Database> }).__stewardDb = Promise.resolve(database);
  const routes = compile();
  const server = http.createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? "/", `http://${req.headers.host ?? "127.0.0.1"}`);
      const path = url.pathname;
      let match: { route: Route; values: string[] } | null = null;
      for (const route of routes) {
        const m = route.pattern.exec(path);
        if (m) {
          match = { route, values: m.slice(1) };
          break;
        }
      }
      const method = (req.method ?? "GET").toUpperCase() as keyof RouteModule;
      const mod = match ? await match.route.load() : null;
      const handler = mod?.[method];
      if (!match || !handler) {
        res.writeHead(match ? 405 : 404, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: { code: match ? "MethodNotAllowed" : "NotFound", message: `${method} ${path}` } }));
        return;
      }
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
      const body = chunks.length && method !== "GET" ? Buffer.concat(chunks) : undefined;
      const request = new Request(url, { method, headers, body });
      // Next hands route handlers the raw (still percent-encoded) segment, e.g. filterByCurrentUser(on=%27target%27).
      const params = Object.fromEntries(match.route.names.map((n, i) => [n, match.values[i]]));
      const response = await handler(request, { params: Promise.resolve(params) });
      const out: Record<string, string> = {};
      response.headers.forEach((v, k) => (out[k] = v));
      res.writeHead(response.status, out);
      if (response.body) {
        const reader = response.body.getReader();
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          res.write(value);
        }
      }
      res.end();
    } catch (e) {
      // A handler that throws is a bug the tests must see as a 500, never hidden.
      res.writeHead(500, { "content-type": "text/plain" });
      res.end(`route server: ${(e as Error).message}`);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
        (globalThis as unknown as { __stewardDb?: Promise<Database> }).__stewardDb = undefined;
      }),
  };
}
