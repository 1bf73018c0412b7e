import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { PgDialect } from "drizzle-orm/pg-core";
import type { SQL } from "drizzle-orm";
import { catalogs, catalogState } from "@/db/schema";
import { DomainError } from "@/lib/errors";
import {
  applySelect,
  compileFilter,
  decodeSkiptoken,
  encodeSkiptoken,
  nextLinkFor,
  odataCollection,
  parseFilter,
  parseODataQuery,
  type ODataSpec,
} from "./odata";

const spec: ODataSpec = {
  entitySet: "identityGovernance/entitlementManagement/catalogs",
  fields: {
    id: { type: "guid", column: catalogs.id },
    displayName: { type: "string", column: catalogs.displayName, sort: true },
    description: { type: "string", column: catalogs.description, nullable: true },
    state: { type: { enum: catalogState.enumValues }, column: catalogs.state },
    isExternallyVisible: { type: "boolean", column: catalogs.isExternallyVisible },
    createdDateTime: { type: "datetime", column: catalogs.createdAt, sort: true },
    modifiedDateTime: { type: "datetime", column: catalogs.modifiedAt, filter: false, sort: true },
  },
  select: ["id", "displayName", "description", "state", "isExternallyVisible", "createdDateTime"],
  expand: ["accessPackages"],
  defaultOrderBy: [{ field: "displayName" }],
  key: catalogs.id,
};

const dialect = new PgDialect();
const render = (s: SQL) => dialect.sqlToQuery(s);
const URL_BASE = "https://steward.test/api/v1.0/identityGovernance/entitlementManagement/catalogs";
const q = (query: string) => parseODataQuery(`${URL_BASE}?${query}`, spec);

/** Runs fn and returns the DomainError it throws (failing if it throws anything else or nothing). */
function invalidOf(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    expect((e as DomainError).code).toBe("invalid");
    return e as DomainError;
  }
  throw new Error("expected a DomainError");
}

describe("$filter parser", () => {
  it("parses eq/ne/and/or/not/in with OData precedence (and binds tighter than or)", () => {
    expect(parseFilter("state eq 'published' or displayName eq 'A' and isExternallyVisible eq true")).toEqual({
      kind: "or",
      left: { kind: "cmp", op: "eq", path: "state", value: { kind: "string", value: "published" } },
      right: {
        kind: "and",
        left: { kind: "cmp", op: "eq", path: "displayName", value: { kind: "string", value: "A" } },
        right: { kind: "cmp", op: "eq", path: "isExternallyVisible", value: { kind: "boolean", value: true } },
      },
    });
    expect(parseFilter("not (state in ('published','unpublished'))")).toEqual({
      kind: "not",
      operand: { kind: "in", path: "state", values: [{ kind: "string", value: "published" }, { kind: "string", value: "unpublished" }] },
    });
  });

  it("reads every literal kind: '' escapes, guids, booleans, null, numbers, ISO datetimes", () => {
    const lit = (src: string) => (parseFilter(`x eq ${src}`) as { value: unknown }).value;
    expect(lit("'O''Brien'")).toEqual({ kind: "string", value: "O'Brien" });
    expect(lit("00000000-0000-4000-8000-0000000000AB")).toEqual({ kind: "guid", value: "00000000-0000-4000-8000-0000000000ab" });
    expect(lit("false")).toEqual({ kind: "boolean", value: false });
    expect(lit("null")).toEqual({ kind: "null" });
    expect(lit("-12.5")).toMatchObject({ kind: "number", value: -12.5 });
    expect(lit("2025-01-31T08:00:00Z")).toEqual({ kind: "datetime", value: "2025-01-31T08:00:00Z" });
    expect(lit("2025-01-31")).toEqual({ kind: "datetime", value: "2025-01-31" });
  });

  it.each([
    ["displayName eq 'unterminated", /unterminated string/],
    ["displayName has 'x'", /operator 'has' is not supported.*Supported operators: eq, ne/],
    ["substringof('a', displayName)", /function 'substringof' is not supported.*startswith/],
    ["accessPackages/any(p: p/displayName eq 'x')", /lambda operators any\(\) and all\(\) are not supported/],
    ["displayName eq", /expected a value but found the end/],
    ["(displayName eq 'a'", /expected '\)'/],
    ["displayName eq 'a' 'b'", /unexpected the string 'b' after a complete expression/],
    ["displayName ~ 'a'", /unexpected character '~'/],
    ["2025-13-40T00:00:00Z eq x", /not a valid date/],
    ["", /empty/],
  ])("refuses %j with a message saying what to fix", (src, message) => {
    expect(invalidOf(() => parseFilter(src)).message).toMatch(message);
  });

  it("refuses filters nested or chained beyond the limits instead of overflowing the stack", () => {
    expect(invalidOf(() => parseFilter("(".repeat(5000) + "a eq 1" + ")".repeat(5000))).message).toMatch(/too (long|deeply)/);
    expect(invalidOf(() => parseFilter("not ".repeat(40) + "a eq 1")).message).toMatch(/nested too deeply/);
    expect(invalidOf(() => parseFilter(Array.from({ length: 300 }, () => "a eq 1").join(" or "))).message).toMatch(/too complex/);
  });
});

describe("$filter against an endpoint spec", () => {
  it("compiles to parameterised SQL (values never spliced into the text)", () => {
    const { sql, params } = render(compileFilter("displayName eq 'x''; drop table catalogs; --' and state ne 'unpublished'", spec));
    expect(sql).toContain('"catalogs"."display_name" = $1');
    expect(sql).toContain('"catalogs"."state" <> $2');
    expect(params).toEqual(["x'; drop table catalogs; --", "unpublished"]);
  });

  it("matches property names and enum values case-insensitively, mapping to the canonical value", () => {
    const { params } = render(compileFilter("STATE eq 'Published'", spec));
    expect(params).toEqual(["published"]);
  });

  it("ne on a nullable property also matches null; eq null is IS NULL", () => {
    expect(render(compileFilter("description ne 'x'", spec)).sql).toMatch(/is null or .* <> /);
    expect(render(compileFilter("description eq null", spec)).sql).toMatch(/"description" is null/);
  });

  it("compares datetimes with gt/ge/lt/le and casts them explicitly; startswith escapes LIKE wildcards", () => {
    const d = render(compileFilter("createdDateTime ge 2025-01-01T00:00:00Z and createdDateTime lt '2026-01-01'", spec));
    expect(d.sql).toMatch(/>= \$1::timestamptz.*< \$2::timestamptz/);
    expect(d.params).toEqual(["2025-01-01T00:00:00.000Z", "2026-01-01T00:00:00.000Z"]);
    const s = render(compileFilter("startswith(displayName, '50%_off')", spec));
    expect(s.sql).toMatch(/ilike/);
    expect(s.params).toEqual(["50\\%\\_off%"]);
  });

  it.each([
    ["nope eq 'x'", /'nope' is not supported here. Supported properties: id, displayName, description, state, isExternallyVisible, createdDateTime\./],
    ["modifiedDateTime eq 2025-01-01", /'modifiedDateTime' is not supported here/],
    ["state eq 'archived'", /not a value of state; use one of published, unpublished/],
    ["isExternallyVisible eq 'yes'", /isExternallyVisible is a boolean/],
    ["id eq 'not-a-guid'", /id is an id; the string 'not-a-guid' is not an id/],
    ["displayName gt 'a'", /'gt' compares dates and numbers; displayName supports eq, ne and in/],
    ["createdDateTime eq 'yesterday'", /is a date and time/],
    ["startswith(state, 'p')", /startswith\(\) works on text properties/],
  ])("refuses %j naming the problem and what is supported", (src, message) => {
    expect(invalidOf(() => compileFilter(src, spec)).message).toMatch(message);
  });
});

describe("query options", () => {
  it("defaults: 100 per page, default order then the key, no count, all properties", () => {
    const parsed = q("");
    expect(parsed).toMatchObject({ top: 100, count: false, select: null, skip: 0 });
    expect(render(parsed.orderBy[0]).sql).toBe('"catalogs"."display_name" asc');
    expect(render(parsed.orderBy.at(-1)!).sql).toBe('"catalogs"."id" asc');
  });

  it("reads $select, $expand, $top, $orderby (several, asc/desc) and $count", () => {
    const parsed = q("$select=displayName,STATE&$expand=accessPackages&$top=5&$orderby=createdDateTime desc, displayName&$count=true");
    expect(parsed.select).toEqual(["displayName", "state"]);
    expect([...parsed.expand]).toEqual(["accessPackages"]);
    expect(parsed.top).toBe(5);
    expect(parsed.count).toBe(true);
    expect(parsed.orderBy.map((o) => render(o).sql)).toEqual(['"catalogs"."created_at" desc', '"catalogs"."display_name" asc', '"catalogs"."id" asc']);
  });

  it.each([
    ["$search=finance", /'\$search' is not supported on this endpoint. Supported: \$filter, \$select, \$expand, \$top, \$orderby, \$count, \$skiptoken/],
    ["$skip=10", /'\$skip' is not supported/],
    ["$apply=groupby((state))", /'\$apply' is not supported/],
    ["$format=json", /'\$format' is not supported/],
    ["$top=0", /from 1 to 999/],
    ["$top=1000", /from 1 to 999/],
    ["$top=ten", /whole number/],
    ["$count=yes", /\$count must be true or false/],
    ["$select=secret", /\$select: 'secret' is not supported here. Supported: id, displayName/],
    ["$expand=resources", /\$expand: 'resources' is not supported here. Supported: accessPackages/],
    ["$expand=accessPackages($select=id)", /options inside \$expand/],
    ["$orderby=state", /\$orderby: 'state' is not supported here. Supported properties: displayName, createdDateTime, modifiedDateTime/],
    ["$orderby=displayName sideways", /not understood/],
    ["$top=1&$top=2", /more than once/],
    ["$filter=", /empty/],
  ])("refuses %s with a 400 naming what is unsupported and what is", (query, message) => {
    expect(invalidOf(() => q(query)).message).toMatch(message);
  });

  it("ignores query parameters that are not system query options, as Graph does", () => {
    expect(q("api-version=2&foo=bar").top).toBe(100);
  });
});

describe("$skiptoken and @odata.nextLink", () => {
  it("round-trips an issued token; a token altered in any way, or replayed on another filter, is refused", () => {
    const first = q("$filter=state eq 'published'&$top=2");
    const token = encodeSkiptoken(2, first.fingerprint);
    expect(q(`$filter=state eq 'published'&$top=2&$skiptoken=${token}`).skip).toBe(2);
    const [payload, sig] = token.split(".");
    const forged = Buffer.from(JSON.stringify({ o: 1000, f: first.fingerprint })).toString("base64url");
    for (const bad of [`${forged}.${sig}`, `${payload}.${sig.slice(0, -1)}${sig.endsWith("A") ? "B" : "A"}`, "garbage", `${payload}`, "e30.e30"]) {
      expect(invalidOf(() => q(`$filter=state eq 'published'&$skiptoken=${bad}`)).message).toMatch(/\$skiptoken is not valid/);
    }
    expect(invalidOf(() => q(`$filter=state eq 'unpublished'&$skiptoken=${token}`)).message).toMatch(/\$skiptoken is not valid/);
    expect(() => decodeSkiptoken(token, first.fingerprint)).not.toThrow();
  });

  it("nextLink is absolute and keeps the other options exactly as written, replacing an old $skiptoken", () => {
    const url = new URL(`${URL_BASE}?$filter=state%20eq%20'published'&$top=2&$skiptoken=old`);
    const link = nextLinkFor(url, "NEW.tok");
    expect(link).toBe(`${URL_BASE}?$filter=state%20eq%20%27published%27&$top=2&$skiptoken=NEW.tok`);
  });

  it("builds Graph's collection body with context, count, the page and a nextLink only when there is more", () => {
    const req = new Request(`${URL_BASE}?$select=displayName&$count=true&$top=1`);
    const parsed = parseODataQuery(req.url, spec);
    const body = odataCollection(req, spec, parsed, { rows: [], total: 3, nextSkip: 1 }, [{ id: "a", displayName: "A", state: "published" }]);
    expect(body).toMatchObject({
      "@odata.context": "https://steward.test/api/v1.0/$metadata#identityGovernance/entitlementManagement/catalogs",
      "@odata.count": 3,
      value: [{ id: "a", displayName: "A" }],
      "@odata.nextLink": expect.stringMatching(/^https:\/\/steward\.test\/api\/v1\.0\/.*\$skiptoken=/),
    });
    expect((body.value as object[])[0]).not.toHaveProperty("state");
    const last = odataCollection(req, spec, parsed, { rows: [], total: null, nextSkip: null }, []);
    expect(last).not.toHaveProperty("@odata.nextLink");
    expect(last).not.toHaveProperty("@odata.count");
  });

  it("$select keeps id and expanded navigation properties", () => {
    expect(applySelect({ id: "1", a: 1, b: 2, accessPackages: [] }, ["a"], new Set(["accessPackages"]))).toEqual({ id: "1", a: 1, accessPackages: [] });
  });
});

describe("properties of the parser", () => {
  const noCrash = (fn: () => unknown) => {
    try {
      fn();
    } catch (e) {
      if (!(e instanceof DomainError) || e.code !== "invalid") throw e;
    }
  };

  it("any text as $filter either parses or is refused with DomainError 'invalid' — nothing else is thrown", () => {
    const alphabet = fc.constantFrom(..."abc eqnotandor()',/-:.0123456789TZ$ \t'x_".split(""), "eq", "and", "or", "not", "in", "'", "''", "(", ")", "null", "true", "2025-01-01T00:00:00Z", "00000000-0000-4000-8000-000000000001");
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 40 }).map((a) => a.join(" ")), (src) => {
        noCrash(() => compileFilter(src, spec));
      }),
      { numRuns: 500 },
    );
    fc.assert(fc.property(fc.string({ maxLength: 200 }), (src) => noCrash(() => compileFilter(src, spec))), { numRuns: 500 });
  });

  it("any query string either parses or is refused with DomainError 'invalid'", () => {
    const key = fc.constantFrom("$filter", "$select", "$expand", "$top", "$orderby", "$count", "$skiptoken", "$search", "$skip", "x");
    fc.assert(
      fc.property(fc.array(fc.tuple(key, fc.string({ maxLength: 30 })), { maxLength: 5 }), (pairs) => {
        const search = new URLSearchParams(pairs).toString();
        noCrash(() => q(search));
      }),
      { numRuns: 500 },
    );
  });

  it("every string survives quoting with '' escapes and comes back unchanged", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 100 }), (s) => {
        const tree = parseFilter(`displayName eq '${s.replace(/'/g, "''")}'`);
        expect(tree).toEqual({ kind: "cmp", op: "eq", path: "displayName", value: { kind: "string", value: s } });
      }),
      { numRuns: 300 },
    );
  });

  it("generated well-formed filters over the spec always compile, and render one parameter per literal", () => {
    const leaf = fc.oneof(
      fc.string({ maxLength: 12 }).map((s) => ({ src: `displayName eq '${s.replace(/'/g, "''")}'`, params: 1 })),
      fc.constantFrom("published", "unpublished").map((s) => ({ src: `state ne '${s}'`, params: 1 })),
      fc.boolean().map((b) => ({ src: `isExternallyVisible eq ${b}`, params: 1 })),
      fc.uuid().map((u) => ({ src: `id in (${u}, '${u}')`, params: 2 })),
      fc.date({ min: new Date("2000-01-01"), max: new Date("2100-01-01"), noInvalidDate: true }).map((d) => ({ src: `createdDateTime le ${d.toISOString()}`, params: 1 })),
    );
    const tree = fc.letrec<{ node: { src: string; params: number } }>((tie) => ({
      node: fc.oneof(
        { depthSize: "small", withCrossShrink: true },
        leaf,
        fc.tuple(tie("node"), fc.constantFrom("and", "or"), tie("node")).map(([a, op, b]) => ({ src: `(${a.src}) ${op} (${b.src})`, params: a.params + b.params })),
        tie("node").map((a) => ({ src: `not (${a.src})`, params: a.params })),
      ),
    })).node;
    fc.assert(
      fc.property(tree, ({ src, params }) => {
        expect(render(compileFilter(src, spec)).params).toHaveLength(params);
      }),
      { numRuns: 300 },
    );
  });
});
