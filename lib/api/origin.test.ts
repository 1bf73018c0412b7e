import { describe, expect, it } from "vitest";
import { publicOrigin, publicOriginOfHeaders, publicUrl } from "./origin";

// What `next start` hands a route handler: its own address, whatever the client sent.
const OWN = "http://localhost:3000/api/v1.0/identityGovernance/entitlementManagement/catalogs?$top=1&$filter=displayName%20eq%20'a'";

function req(headers: Record<string, string>, url = OWN): Request {
  return new Request(url, { headers });
}

describe("publicOrigin", () => {
  it("uses AUTH_URL (or NEXTAUTH_URL) whatever the headers say", () => {
    const r = req({ host: "other.example", "x-forwarded-host": "proxy.example", "x-forwarded-proto": "http" });
    expect(publicOrigin(r, { AUTH_URL: "https://steward.example.com/some/path", AUTH_TRUST_HOST: "true" })).toBe("https://steward.example.com");
    expect(publicOrigin(r, { NEXTAUTH_URL: "https://n.example.com:8443" })).toBe("https://n.example.com:8443");
  });

  it("ignores an AUTH_URL that is not an http(s) URL", () => {
    expect(publicOrigin(req({ host: "steward.example.org" }), { AUTH_URL: "not a url" })).toBe("http://steward.example.org");
    expect(publicOrigin(req({ host: "steward.example.org" }), { AUTH_URL: "ftp://files.example" })).toBe("http://steward.example.org");
  });

  it("without a trusted proxy: the Host header the client sent, never X-Forwarded-*", () => {
    const r = req({ host: "steward.example.org:8080", "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" });
    expect(publicOrigin(r, {})).toBe("http://steward.example.org:8080");
    expect(publicOrigin(r, { AUTH_TRUST_HOST: "false" })).toBe("http://steward.example.org:8080");
  });

  it("behind a trusted proxy: the first forwarded host and protocol", () => {
    const r = req({ host: "10.0.0.5:3000", "x-forwarded-host": "steward.example.org, inner.example", "x-forwarded-proto": "HTTPS,http" });
    expect(publicOrigin(r, { AUTH_TRUST_HOST: "true" })).toBe("https://steward.example.org");
    expect(publicOrigin(req({ host: "steward.example.org", "x-forwarded-proto": "https" }), { AUTH_TRUST_HOST: "1" })).toBe("https://steward.example.org");
  });

  it("normalises the origin as a URL does: default ports dropped, IPv6 compressed, lower case (the token issuer is built from it)", () => {
    const env = { AUTH_TRUST_HOST: "true" };
    expect(publicOrigin(req({ host: "10.0.0.5:3000", "x-forwarded-host": "Steward.Example.org:443", "x-forwarded-proto": "https" }), env)).toBe("https://steward.example.org");
    expect(publicOrigin(req({ host: "steward.example.org:80" }), {})).toBe("http://steward.example.org");
    expect(publicOrigin(req({ host: "[0:0:0:0:0:0:0:1]:3000" }), {})).toBe("http://[::1]:3000");
    expect(publicOrigin(req({ host: "steward.example.org:99999" }), {})).toBe("http://localhost:3000");
  });

  it("for server components, from the headers alone (http unless a trusted proxy says https)", () => {
    expect(publicOriginOfHeaders(new Headers({ host: "steward.example.org:8080" }), {})).toBe("http://steward.example.org:8080");
    expect(publicOriginOfHeaders(new Headers({ host: "a", "x-forwarded-host": "steward.example.org", "x-forwarded-proto": "https" }), { AUTH_TRUST_HOST: "true" })).toBe("https://steward.example.org");
    expect(publicOriginOfHeaders(new Headers({ host: "a" }), { AUTH_URL: "https://steward.example.com/x" })).toBe("https://steward.example.com");
  });

  it("never echoes a malformed host or protocol", () => {
    const env = { AUTH_TRUST_HOST: "true" };
    expect(publicOrigin(req({ "x-forwarded-host": "evil.example/<script>", host: "steward.example.org" }), env)).toBe("http://steward.example.org");
    expect(publicOrigin(req({ "x-forwarded-host": "a b", host: "bad host" }), env)).toBe("http://localhost:3000");
    expect(publicOrigin(req({ host: "steward.example.org", "x-forwarded-proto": "javascript" }), env)).toBe("http://steward.example.org");
    expect(publicOrigin(req({ host: "-lead.example" }), {})).toBe("http://localhost:3000");
    expect(publicOrigin(req({ host: `${"a".repeat(300)}.example` }), {})).toBe("http://localhost:3000");
  });

  it("accepts IPv4 and bracketed IPv6 hosts, and lowercases names", () => {
    expect(publicOrigin(req({ host: "127.0.0.1:3100" }), {})).toBe("http://127.0.0.1:3100");
    expect(publicOrigin(req({ host: "[::1]:3100" }), {})).toBe("http://[::1]:3100");
    expect(publicOrigin(req({ host: "Steward.Example.ORG" }), {})).toBe("http://steward.example.org");
  });

  it("falls back to the request URL's origin without a Host header", () => {
    expect(publicOrigin(req({}), {})).toBe("http://localhost:3000");
  });
});

describe("publicUrl", () => {
  it("keeps the path and the query string exactly as sent", () => {
    const r = req({ host: "10.0.0.5", "x-forwarded-host": "steward.example.org", "x-forwarded-proto": "https" });
    const own = new URL(r.url);
    const u = publicUrl(r, { AUTH_TRUST_HOST: "true" });
    expect(u.href).toBe(`https://steward.example.org${own.pathname}${own.search}`);
    expect(u.search).toBe(own.search);
    expect(u.search).toContain("$top=1&$filter=displayName%20eq%20");
  });
});
