import { createHmac, timingSafeEqual } from "node:crypto";
import { and, asc, desc, eq, gt, gte, ilike, isNotNull, isNull, lt, lte, ne, not, or, sql, type AnyColumn, type SQL } from "drizzle-orm";
import { requireAuthSecret } from "@/auth.config";
import { escapeLike } from "@/lib/text/search";
import { DomainError } from "@/lib/errors";
import { publicUrl } from "./origin";

/**
 * OData query options for Graph-compatible list endpoints, over drizzle.
 *
 * Each endpoint declares an {@link ODataSpec}: the Graph property paths it can filter and sort on (each mapped to a
 * SQL column or expression with a type), the properties `$select` may name and the navigation properties `$expand`
 * may name. {@link parseODataQuery} validates the whole query string against it and throws only `DomainError("invalid")`
 * with a message naming what is unsupported and what is supported; {@link runODataList} pages with an opaque, signed
 * `$skiptoken`; {@link odataCollection} builds Graph's response (`@odata.context`, `@odata.count`, `@odata.nextLink`).
 */

export type ODataEnum = { enum: readonly string[] };
export type ODataType = "string" | "guid" | "boolean" | "datetime" | "number" | ODataEnum;
export type ODataValue = string | number | boolean | Date | null;
export type ComparisonOp = "eq" | "ne" | "gt" | "ge" | "lt" | "le";

export type ODataField = {
  type: ODataType;
  /** The column or SQL expression the property maps to. */
  column: AnyColumn | SQL;
  /** May appear in $filter (default true). */
  filter?: boolean;
  /** May appear in $orderby (default false). */
  sort?: boolean;
  /** The column may be null: `ne 'x'` then also matches rows where it is null, as OData says. */
  nullable?: boolean;
  /** Replaces the plain comparison for eq/ne (and `in`), e.g. an assignment's state as it is now. */
  compare?: (op: "eq" | "ne", value: ODataValue) => SQL;
};

export type ODataSpec = {
  /** The entity set for `@odata.context`, e.g. "identityGovernance/entitlementManagement/catalogs". */
  entitySet: string;
  /** Property paths (as Graph names them, e.g. "accessPackage/id") that $filter and $orderby may use. */
  fields: Record<string, ODataField>;
  /** Properties $select may name (the entity's top-level properties). */
  select: readonly string[];
  /** Navigation properties $expand may name. */
  expand?: readonly string[];
  /** Order when $orderby is absent; the key is always appended so pages never overlap. */
  defaultOrderBy: { field: string; desc?: boolean }[];
  /** A unique column: the last sort key. */
  key: AnyColumn;
};

export type ODataQuery = {
  where: SQL | undefined;
  orderBy: SQL[];
  /** Canonical names from spec.select, or null for all. */
  select: string[] | null;
  expand: Set<string>;
  top: number;
  count: boolean;
  /** Rows to skip, from a validated $skiptoken. */
  skip: number;
  /** Ties a $skiptoken to the filter and order it was issued for. */
  fingerprint: string;
  /** Whether the caller gave $orderby (otherwise orderBy is the spec's default order). */
  ordered: boolean;
};

export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 999;
const MAX_FILTER_LENGTH = 4000;
const MAX_DEPTH = 32;
const MAX_NODES = 200;
const MAX_IN_VALUES = 100;

const SUPPORTED_OPTIONS = ["$filter", "$select", "$expand", "$top", "$orderby", "$count", "$skiptoken"] as const;
const SUPPORTED_FUNCTIONS = ["startswith", "endswith", "contains"] as const;
const SUPPORTED_OPERATORS = "eq, ne, gt, ge, lt, le, in, and, or, not";

const bad = (message: string) => new DomainError("invalid", message);

// ---------------------------------------------------------------- $filter: tokens

export type Literal =
  | { kind: "string"; value: string }
  | { kind: "guid"; value: string }
  | { kind: "boolean"; value: boolean }
  | { kind: "null" }
  | { kind: "number"; value: number; text: string }
  | { kind: "datetime"; value: string };

type Token = { t: "(" | ")" | "," } | { t: "name"; v: string } | { t: "lit"; v: Literal };

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}(?![\w-])/;
const DATETIME = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2}))?(?![\w:.+-])/;
const NUMBER = /^-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?(?![\w.])/;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*(?:\/[A-Za-z_][A-Za-z0-9_]*)*/;
const GUID_FULL = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

function isValidDatetime(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || y < 1) return false;
  return !Number.isNaN(Date.parse(text.length === 10 ? `${text}T00:00:00Z` : text));
}

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (c === " " || c === "\t" || c === "\n" || c === "\r") {
      i++;
      continue;
    }
    if (c === "(" || c === ")" || c === ",") {
      out.push({ t: c });
      i++;
      continue;
    }
    if (c === "'") {
      let value = "";
      let j = i + 1;
      for (;;) {
        if (j >= src.length) throw bad(`$filter has an unterminated string starting at position ${i + 1}; write quotes inside a string as ''.`);
        if (src[j] === "'") {
          if (src[j + 1] === "'") {
            value += "'";
            j += 2;
            continue;
          }
          break;
        }
        value += src[j++];
      }
      out.push({ t: "lit", v: { kind: "string", value } });
      i = j + 1;
      continue;
    }
    const rest = src.slice(i);
    let m = GUID.exec(rest);
    if (m) {
      out.push({ t: "lit", v: { kind: "guid", value: m[0].toLowerCase() } });
      i += m[0].length;
      continue;
    }
    m = DATETIME.exec(rest);
    if (m) {
      if (!isValidDatetime(m[0])) throw bad(`$filter: '${m[0]}' is not a valid date and time (use ISO 8601, e.g. 2025-01-31T00:00:00Z).`);
      out.push({ t: "lit", v: { kind: "datetime", value: m[0] } });
      i += m[0].length;
      continue;
    }
    m = NUMBER.exec(rest);
    if (m) {
      const value = Number(m[0]);
      if (!Number.isFinite(value)) throw bad(`$filter: the number ${m[0].slice(0, 40)} is out of range.`);
      out.push({ t: "lit", v: { kind: "number", value, text: m[0] } });
      i += m[0].length;
      continue;
    }
    m = NAME.exec(rest);
    if (m) {
      const word = m[0];
      const lower = word.toLowerCase();
      if (lower === "true" || lower === "false") out.push({ t: "lit", v: { kind: "boolean", value: lower === "true" } });
      else if (lower === "null") out.push({ t: "lit", v: { kind: "null" } });
      else out.push({ t: "name", v: word });
      i += word.length;
      continue;
    }
    throw bad(`$filter: unexpected character '${c}' at position ${i + 1}. Supported: property paths, ${SUPPORTED_OPERATORS}, parentheses, and literals ('text', ids, true/false, null, numbers, ISO dates).`);
  }
  return out;
}

// ---------------------------------------------------------------- $filter: syntax tree

export type FilterNode =
  | { kind: "and" | "or"; left: FilterNode; right: FilterNode }
  | { kind: "not"; operand: FilterNode }
  | { kind: "cmp"; op: ComparisonOp; path: string; value: Literal }
  | { kind: "in"; path: string; values: Literal[] }
  | { kind: "fn"; name: (typeof SUPPORTED_FUNCTIONS)[number]; path: string; value: Literal };

const COMPARISONS = new Set<string>(["eq", "ne", "gt", "ge", "lt", "le"]);
const UNSUPPORTED_OPERATORS = new Set(["has", "add", "sub", "mul", "div", "divby", "mod"]);

function describe(tok: Token | undefined): string {
  if (!tok) return "the end of the filter";
  if (tok.t === "name") return `'${tok.v}'`;
  if (tok.t === "lit") return tok.v.kind === "string" ? `the string '${tok.v.value.slice(0, 40)}'` : tok.v.kind === "null" ? "null" : `'${"value" in tok.v ? String(tok.v.kind === "number" ? tok.v.text : tok.v.value) : ""}'`;
  return `'${tok.t}'`;
}

/** Parses a $filter expression. Throws only DomainError("invalid"). */
export function parseFilter(src: string): FilterNode {
  if (typeof src !== "string") throw bad("$filter must be text.");
  if (src.length > MAX_FILTER_LENGTH) throw bad(`$filter is too long (at most ${MAX_FILTER_LENGTH} characters).`);
  if (!src.trim()) throw bad("$filter is empty; leave it out or give an expression such as displayName eq 'Sales'.");
  if (/\/\s*(any|all)\s*\(/i.test(src)) throw bad(`$filter: lambda operators any() and all() are not supported. Supported operators: ${SUPPORTED_OPERATORS}; functions: ${SUPPORTED_FUNCTIONS.join(", ")}.`);
  const tokens = tokenize(src);
  let pos = 0;
  let nodes = 0;
  const peek = () => tokens[pos];
  const isWord = (tok: Token | undefined, w: string) => tok?.t === "name" && tok.v.toLowerCase() === w;
  const count = () => {
    if (++nodes > MAX_NODES) throw bad(`$filter is too complex (at most ${MAX_NODES} conditions).`);
  };

  const literal = (): Literal => {
    const tok = tokens[pos];
    if (tok?.t !== "lit") throw bad(`$filter: expected a value but found ${describe(tok)}.`);
    pos++;
    return tok.v;
  };

  const expr = (depth: number): FilterNode => {
    if (depth > MAX_DEPTH) throw bad(`$filter is nested too deeply (at most ${MAX_DEPTH} levels).`);
    let left = andExpr(depth);
    while (isWord(peek(), "or")) {
      pos++;
      count();
      left = { kind: "or", left, right: andExpr(depth) };
    }
    return left;
  };
  const andExpr = (depth: number): FilterNode => {
    let left = unary(depth);
    while (isWord(peek(), "and")) {
      pos++;
      count();
      left = { kind: "and", left, right: unary(depth) };
    }
    return left;
  };
  const unary = (depth: number): FilterNode => {
    if (depth > MAX_DEPTH) throw bad(`$filter is nested too deeply (at most ${MAX_DEPTH} levels).`);
    if (isWord(peek(), "not")) {
      pos++;
      count();
      return { kind: "not", operand: unary(depth + 1) };
    }
    return primary(depth);
  };
  const primary = (depth: number): FilterNode => {
    const tok = peek();
    count();
    if (tok?.t === "(") {
      pos++;
      const inner = expr(depth + 1);
      if (peek()?.t !== ")") throw bad(`$filter: expected ')' but found ${describe(peek())}.`);
      pos++;
      return inner;
    }
    if (tok?.t !== "name") throw bad(`$filter: expected a property name, 'not' or '(' but found ${describe(tok)}.`);
    pos++;
    if (peek()?.t === "(") {
      const name = tok.v.toLowerCase();
      if (!(SUPPORTED_FUNCTIONS as readonly string[]).includes(name)) {
        throw bad(`$filter: the function '${tok.v}' is not supported. Supported functions: ${SUPPORTED_FUNCTIONS.join(", ")}; operators: ${SUPPORTED_OPERATORS}.`);
      }
      pos++;
      const arg = peek();
      if (arg?.t !== "name") throw bad(`$filter: ${name}() takes a property name first, then a 'text' value.`);
      pos++;
      if (peek()?.t !== ",") throw bad(`$filter: ${name}() takes two arguments: ${name}(property, 'text').`);
      pos++;
      const value = literal();
      if (peek()?.t !== ")") throw bad(`$filter: expected ')' to close ${name}( but found ${describe(peek())}.`);
      pos++;
      return { kind: "fn", name: name as (typeof SUPPORTED_FUNCTIONS)[number], path: arg.v, value };
    }
    const opTok = peek();
    if (opTok?.t !== "name") throw bad(`$filter: expected an operator after '${tok.v}' (${SUPPORTED_OPERATORS}) but found ${describe(opTok)}.`);
    const op = opTok.v.toLowerCase();
    pos++;
    if (op === "in") {
      if (peek()?.t !== "(") throw bad(`$filter: 'in' takes a list in parentheses, e.g. state in ('delivered', 'expired').`);
      pos++;
      const values: Literal[] = [literal()];
      while (peek()?.t === ",") {
        pos++;
        values.push(literal());
        if (values.length > MAX_IN_VALUES) throw bad(`$filter: an 'in' list holds at most ${MAX_IN_VALUES} values.`);
      }
      if (peek()?.t !== ")") throw bad(`$filter: expected ')' or ',' in the 'in' list but found ${describe(peek())}.`);
      pos++;
      return { kind: "in", path: tok.v, values };
    }
    if (!COMPARISONS.has(op)) {
      const what = UNSUPPORTED_OPERATORS.has(op) || /^(any|all)$/.test(op) ? `the operator '${opTok.v}' is not supported` : `'${opTok.v}' is not an operator`;
      throw bad(`$filter: ${what}. Supported operators: ${SUPPORTED_OPERATORS}; functions: ${SUPPORTED_FUNCTIONS.join(", ")}.`);
    }
    return { kind: "cmp", op: op as ComparisonOp, path: tok.v, value: literal() };
  };

  const tree = expr(0);
  if (pos < tokens.length) throw bad(`$filter: unexpected ${describe(tokens[pos])} after a complete expression; join conditions with 'and' or 'or'.`);
  return tree;
}

// ---------------------------------------------------------------- $filter: to SQL

function typeName(type: ODataType): string {
  return typeof type === "string" ? type : `one of ${type.enum.join(", ")}`;
}

function findField(spec: ODataSpec, path: string, use: "filter" | "sort"): [string, ODataField] {
  const entry = Object.entries(spec.fields).find(([name]) => name.toLowerCase() === path.toLowerCase());
  const allowed = Object.entries(spec.fields)
    .filter(([, f]) => (use === "filter" ? f.filter !== false : f.sort === true))
    .map(([n]) => n);
  const option = use === "filter" ? "$filter" : "$orderby";
  if (!entry || (use === "filter" ? entry[1].filter === false : entry[1].sort !== true)) {
    throw bad(`${option}: '${path}' is not supported here. Supported properties: ${allowed.join(", ") || "none"}.`);
  }
  return entry;
}

/** The literal as a value of the property's type, or a 400 saying which type was expected. */
function coerce(name: string, field: ODataField, lit: Literal): ODataValue {
  if (lit.kind === "null") return null;
  const type = field.type;
  const wrong = () => bad(`$filter: ${name} is ${typeof type === "string" ? `a ${type}` : typeName(type)}; ${describeLiteral(lit)} does not fit.`);
  if (typeof type === "object") {
    if (lit.kind !== "string") throw wrong();
    const hit = type.enum.find((v) => v.toLowerCase() === lit.value.toLowerCase());
    if (hit === undefined) throw bad(`$filter: '${lit.value.slice(0, 60)}' is not a value of ${name}; use one of ${type.enum.join(", ")}.`);
    return hit;
  }
  switch (type) {
    case "string":
      if (lit.kind === "string") return lit.value;
      throw wrong();
    case "guid": {
      const v = lit.kind === "guid" ? lit.value : lit.kind === "string" && GUID_FULL.test(lit.value) ? lit.value.toLowerCase() : null;
      if (v === null) throw bad(`$filter: ${name} is an id; ${describeLiteral(lit)} is not an id (expected e.g. 00000000-0000-4000-8000-000000000000).`);
      return v;
    }
    case "boolean":
      if (lit.kind === "boolean") return lit.value;
      throw wrong();
    case "number":
      if (lit.kind === "number") return lit.value;
      throw wrong();
    case "datetime": {
      const text = lit.kind === "datetime" ? lit.value : lit.kind === "string" && DATETIME.test(lit.value) && isValidDatetime(lit.value) ? lit.value : null;
      if (text === null) throw bad(`$filter: ${name} is a date and time; ${describeLiteral(lit)} is not one (use ISO 8601, e.g. 2025-01-31T00:00:00Z).`);
      return new Date(text.length === 10 ? `${text}T00:00:00Z` : text);
    }
  }
}

function describeLiteral(lit: Literal): string {
  switch (lit.kind) {
    case "string":
      return `the string '${lit.value.slice(0, 60)}'`;
    case "null":
      return "null";
    case "number":
      return `the number ${lit.text.slice(0, 40)}`;
    default:
      return `${lit.kind} ${String(lit.value)}`;
  }
}

function param(field: ODataField, value: Exclude<ODataValue, null>): SQL | unknown {
  // Dates go through an explicit cast so SQL expressions and columns compare the same way on PGlite and Postgres.
  if (value instanceof Date) return sql`${value.toISOString()}::timestamptz`;
  if (field.type === "guid") return sql`${value}::uuid`;
  return value;
}

function compileNode(node: FilterNode, spec: ODataSpec): SQL {
  switch (node.kind) {
    case "and":
      return and(compileNode(node.left, spec), compileNode(node.right, spec))!;
    case "or":
      return or(compileNode(node.left, spec), compileNode(node.right, spec))!;
    case "not":
      return not(compileNode(node.operand, spec));
    case "fn": {
      const [name, field] = findField(spec, node.path, "filter");
      if (field.type !== "string") throw bad(`$filter: ${node.name}() works on text properties; ${name} is ${typeName(field.type)}.`);
      if (node.value.kind !== "string") throw bad(`$filter: ${node.name}(${name}, …) takes a 'text' value.`);
      const v = escapeLike(node.value.value);
      const pattern = node.name === "startswith" ? `${v}%` : node.name === "endswith" ? `%${v}` : `%${v}%`;
      return ilike(field.column as AnyColumn, pattern);
    }
    case "in": {
      const [name, field] = findField(spec, node.path, "filter");
      const values = node.values.map((l) => coerce(name, field, l));
      return or(...values.map((v) => compare(field, "eq", v)))!;
    }
    case "cmp": {
      const [name, field] = findField(spec, node.path, "filter");
      const value = coerce(name, field, node.value);
      if (node.op !== "eq" && node.op !== "ne") {
        if (field.type !== "datetime" && field.type !== "number") throw bad(`$filter: '${node.op}' compares dates and numbers; ${name} supports eq, ne and in.`);
        if (value === null) throw bad(`$filter: '${node.op} null' is not meaningful; use eq null or ne null.`);
      }
      return compare(field, node.op, value);
    }
  }
}

function compare(field: ODataField, op: ComparisonOp, value: ODataValue): SQL {
  if ((op === "eq" || op === "ne") && field.compare) return field.compare(op, value);
  // eq/ne/… accept any SQL chunk at run time; the cast only picks an overload.
  const col = field.column as AnyColumn;
  if (value === null) return op === "eq" ? isNull(col) : isNotNull(col);
  const p = param(field, value) as SQL;
  switch (op) {
    case "eq":
      return eq(col, p);
    case "ne":
      return field.nullable ? or(isNull(col), ne(col, p))! : ne(col, p);
    case "gt":
      return gt(col, p);
    case "ge":
      return gte(col, p);
    case "lt":
      return lt(col, p);
    case "le":
      return lte(col, p);
  }
}

/** A parsed $filter checked against the spec and turned into SQL. */
export function compileFilter(src: string, spec: ODataSpec): SQL {
  return compileNode(parseFilter(src), spec);
}

// ---------------------------------------------------------------- $orderby, $select, $expand, $top

export function parseOrderBy(src: string, spec: ODataSpec): SQL[] {
  if (!src.trim()) throw bad("$orderby is empty; give e.g. displayName or createdDateTime desc.");
  const parts = src.split(",");
  if (parts.length > 8) throw bad("$orderby takes at most 8 properties.");
  const seen = new Set<string>();
  return parts.map((raw) => {
    const m = /^\s*([A-Za-z_][A-Za-z0-9_]*(?:\/[A-Za-z_][A-Za-z0-9_]*)*)(?:\s+(asc|desc))?\s*$/i.exec(raw);
    if (!m) throw bad(`$orderby: '${raw.trim().slice(0, 60)}' is not understood; write property [asc|desc], separated by commas.`);
    const [name, field] = findField(spec, m[1], "sort");
    if (seen.has(name)) throw bad(`$orderby names ${name} twice.`);
    seen.add(name);
    return m[2]?.toLowerCase() === "desc" ? desc(field.column) : asc(field.column);
  });
}

function parseList(option: string, src: string, allowed: readonly string[]): string[] {
  if (!src.trim()) throw bad(`${option} is empty; leave it out or name properties from: ${allowed.join(", ") || "none"}.`);
  if (src.trim() === "*") return [...allowed];
  const out: string[] = [];
  for (const raw of src.split(",")) {
    const item = raw.trim();
    if (item.includes("(")) throw bad(`${option}: options inside ${option} (such as ${item.slice(0, 60)}) are not supported; name properties only.`);
    if (item.includes("/")) throw bad(`${option}: paths such as '${item.slice(0, 60)}' are not supported; name top-level properties from: ${allowed.join(", ") || "none"}.`);
    const hit = allowed.find((a) => a.toLowerCase() === item.toLowerCase());
    if (!hit) throw bad(`${option}: '${item.slice(0, 60)}' is not supported here. Supported: ${allowed.join(", ") || "none"}.`);
    if (!out.includes(hit)) out.push(hit);
  }
  return out;
}

function parseTop(src: string): number {
  if (!/^\d{1,6}$/.test(src.trim())) throw bad(`$top must be a whole number from 1 to ${MAX_PAGE_SIZE}.`);
  const n = Number(src.trim());
  if (n < 1 || n > MAX_PAGE_SIZE) throw bad(`$top must be from 1 to ${MAX_PAGE_SIZE}; ${n} is out of range.`);
  return n;
}

// ---------------------------------------------------------------- $skiptoken

function skiptokenKey(): string {
  return `odata-skiptoken:${requireAuthSecret()}`;
}

const sign = (payload: string) => createHmac("sha256", skiptokenKey()).update(payload).digest("base64url");

/** An opaque continuation: base64url JSON of { offset, query fingerprint } plus an HMAC, so a changed token is refused. */
export function encodeSkiptoken(offset: number, fingerprint: string): string {
  const payload = Buffer.from(JSON.stringify({ o: offset, f: fingerprint })).toString("base64url");
  return `${payload}.${sign(payload)}`;
}

export function decodeSkiptoken(token: string, fingerprint: string): number {
  const refuse = () => bad("$skiptoken is not valid for this query. Follow @odata.nextLink exactly as returned, without changing the other query options.");
  const m = /^([A-Za-z0-9_-]{1,400})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!m) throw refuse();
  const expected = Buffer.from(sign(m[1]));
  const given = Buffer.from(m[2]);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw refuse();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(m[1], "base64url").toString("utf8"));
  } catch {
    throw refuse();
  }
  const p = parsed as { o?: unknown; f?: unknown };
  if (!p || typeof p !== "object" || !Number.isSafeInteger(p.o) || (p.o as number) < 0 || p.f !== fingerprint) throw refuse();
  return p.o as number;
}

// ---------------------------------------------------------------- the whole query string

/** Options the caller sent, by lower-cased name; repeated options are refused. */
function readOptions(params: URLSearchParams): Map<string, string> {
  const out = new Map<string, string>();
  for (const [rawKey, value] of params) {
    const key = rawKey.trim().toLowerCase();
    if (!key.startsWith("$")) continue; // Graph ignores query parameters that are not system query options.
    if (!(SUPPORTED_OPTIONS as readonly string[]).includes(key)) {
      throw bad(`The query option '${rawKey.slice(0, 40)}' is not supported on this endpoint. Supported: ${SUPPORTED_OPTIONS.join(", ")}.`);
    }
    if (out.has(key)) throw bad(`The query option ${key} is given more than once.`);
    out.set(key, value);
  }
  return out;
}

/** Validates every OData option of a list request against the endpoint's spec. Throws only DomainError("invalid"). */
export function parseODataQuery(url: URL | string, spec: ODataSpec): ODataQuery {
  let parsed: URL;
  try {
    parsed = typeof url === "string" ? new URL(url) : url;
  } catch {
    throw bad("The request URL is not valid.");
  }
  const opts = readOptions(parsed.searchParams);
  const filterSrc = opts.get("$filter");
  const orderSrc = opts.get("$orderby");
  const where = filterSrc !== undefined ? compileFilter(filterSrc, spec) : undefined;
  const orderBy = orderSrc !== undefined ? parseOrderBy(orderSrc, spec) : spec.defaultOrderBy.map((o) => (o.desc ? desc(spec.fields[o.field].column) : asc(spec.fields[o.field].column)));
  orderBy.push(asc(spec.key));
  const select = opts.has("$select") ? parseList("$select", opts.get("$select")!, spec.select) : null;
  const expand = new Set(opts.has("$expand") ? parseList("$expand", opts.get("$expand")!, spec.expand ?? []) : []);
  const top = opts.has("$top") ? parseTop(opts.get("$top")!) : DEFAULT_PAGE_SIZE;
  const countSrc = opts.get("$count");
  if (countSrc !== undefined && countSrc !== "true" && countSrc !== "false") throw bad("$count must be true or false.");
  // Computed when a skiptoken is read or written, not on every list call.
  let fingerprint: string | undefined;
  const fingerprintOf = () =>
    (fingerprint ??= createHmac("sha256", "odata-fingerprint")
      .update(JSON.stringify([parsed.pathname, filterSrc ?? null, orderSrc ?? null]))
      .digest("base64url")
      .slice(0, 22));
  const tokenSrc = opts.get("$skiptoken");
  const skip = tokenSrc !== undefined ? decodeSkiptoken(tokenSrc, fingerprintOf()) : 0;
  return {
    where,
    orderBy,
    select,
    expand,
    top,
    count: countSrc === "true",
    skip,
    get fingerprint() {
      return fingerprintOf();
    },
    ordered: orderSrc !== undefined,
  };
}

/** For a single entity: only $select and $expand apply. Throws only DomainError("invalid"). */
export function parseEntityOptions(url: URL | string, spec: Pick<ODataSpec, "select" | "expand">): { select: string[] | null; expand: Set<string> } {
  let parsed: URL;
  try {
    parsed = typeof url === "string" ? new URL(url) : url;
  } catch {
    throw bad("The request URL is not valid.");
  }
  const opts = readOptions(parsed.searchParams);
  for (const key of opts.keys()) {
    if (key !== "$select" && key !== "$expand") throw bad(`The query option ${key} applies to collections; a single entity takes only $select and $expand.`);
  }
  return {
    select: opts.has("$select") ? parseList("$select", opts.get("$select")!, spec.select) : null,
    expand: new Set(opts.has("$expand") ? parseList("$expand", opts.get("$expand")!, spec.expand ?? []) : []),
  };
}

// ---------------------------------------------------------------- running and answering

export type ODataPage<Row> = { rows: Row[]; total: number | null; nextSkip: number | null };

/**
 * Runs a list with the query's filter, order and page. `base` is the endpoint's own condition (visibility, scope);
 * `rows` and `count` run the endpoint's select with the combined condition.
 */
export async function runODataList<Row>(
  q: ODataQuery,
  base: SQL | undefined,
  run: {
    rows: (args: { where: SQL | undefined; orderBy: SQL[]; limit: number; offset: number }) => Promise<Row[]>;
    count: (where: SQL | undefined) => Promise<number>;
  },
): Promise<ODataPage<Row>> {
  const where = base && q.where ? and(base, q.where) : (base ?? q.where);
  const fetched = await run.rows({ where, orderBy: q.orderBy, limit: q.top + 1, offset: q.skip });
  const more = fetched.length > q.top;
  const total = q.count ? await run.count(where) : null;
  return { rows: more ? fetched.slice(0, q.top) : fetched, total, nextSkip: more ? q.skip + q.top : null };
}

/** `https://host/api/v1.0` for a request under it, with the origin clients reach the server at (publicOrigin). */
export function apiBase(req: Request): string {
  return baseOf(publicUrl(req));
}

function baseOf(url: URL): string {
  const i = url.pathname.indexOf("/v1.0");
  return `${url.origin}${i >= 0 ? url.pathname.slice(0, i + 5) : ""}`;
}

/** The request URL with $skiptoken replaced, keeping the other options exactly as the caller wrote them. */
export function nextLinkFor(url: URL, token: string): string {
  const kept = url.search
    .replace(/^\?/, "")
    .split("&")
    .filter((p) => {
      if (!p) return false;
      let key = p.split("=")[0];
      try {
        key = decodeURIComponent(key);
      } catch {
        /* keep the raw key */
      }
      return key.trim().toLowerCase() !== "$skiptoken";
    });
  kept.push(`$skiptoken=${token}`);
  return `${url.origin}${url.pathname}?${kept.join("&")}`;
}

/** Keeps only the $select-ed properties, id and the $expand-ed navigation properties; never drops OData annotations. */
export function applySelect<T extends Record<string, unknown>>(item: T, select: string[] | null, expand: Set<string> = new Set()): Partial<T> {
  if (!select) return item;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(item)) if (k === "id" || k.startsWith("@odata.") || select.includes(k) || expand.has(k)) out[k] = v;
  return out as Partial<T>;
}

/** Graph's collection response: @odata.context, @odata.count when asked, value, @odata.nextLink when there is more. */
export function odataCollection<T extends Record<string, unknown>>(req: Request, spec: ODataSpec, q: ODataQuery, page: ODataPage<unknown>, items: T[], entitySet = spec.entitySet) {
  const url = publicUrl(req);
  const body: Record<string, unknown> = { "@odata.context": `${baseOf(url)}/$metadata#${entitySet}` };
  if (page.total !== null) body["@odata.count"] = page.total;
  body.value = items.map((i) => applySelect(i, q.select, q.expand));
  if (page.nextSkip !== null) body["@odata.nextLink"] = nextLinkFor(url, encodeSkiptoken(page.nextSkip, q.fingerprint));
  return body;
}

/** Graph's @odata.context for a single entity of the set. */
export function entityContext(req: Request, entitySet: string): string {
  return `${apiBase(req)}/$metadata#${entitySet}/$entity`;
}

/**
 * Reads a bound-function path segment such as `filterByCurrentUser(on='target')` or
 * `additionalAccess(accessPackageId='…',incompatibleAccessPackageId='…')` (raw or percent-encoded).
 * Null when the segment is not a function call (then it is an id); DomainError("invalid") when it is a malformed one.
 */
export function parseFunctionSegment(raw: string): { name: string; args: Record<string, string> } | null {
  let seg: string;
  try {
    seg = decodeURIComponent(raw);
  } catch {
    return null;
  }
  const m = /^([A-Za-z][A-Za-z0-9]*)\((.*)\)$/s.exec(seg);
  if (!m) return null;
  const args: Record<string, string> = {};
  let rest = m[2].trim();
  while (rest) {
    const a = /^([A-Za-z][A-Za-z0-9]*)\s*=\s*(?:'((?:[^']|'')*)'|([0-9a-fA-F-]{36}))\s*(,|$)/.exec(rest);
    if (!a) throw bad(`${m[1]}(…): the parameters must be written name='value', separated by commas.`);
    if (a[1] in args) throw bad(`${m[1]}(…): the parameter ${a[1]} is given twice.`);
    args[a[1]] = a[2] !== undefined ? a[2].replace(/''/g, "'") : a[3];
    rest = rest.slice(a[0].length).trim();
    if (a[4] === "," && !rest) throw bad(`${m[1]}(…): a parameter is missing after the last comma.`);
  }
  return { name: m[1], args };
}
