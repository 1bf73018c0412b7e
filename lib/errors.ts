import { z } from "zod";
import { findUnstorableText } from "@/lib/text/storable";

export type ErrorCode = "invalid" | "unauthenticated" | "forbidden" | "notFound" | "conflict" | "tooLarge" | "rateLimited";

const STATUS: Record<ErrorCode, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  notFound: 404,
  conflict: 409,
  tooLarge: 413,
  rateLimited: 429,
};

/** Graph's error codes for each of ours. */
const GRAPH_CODE: Record<ErrorCode, string> = {
  invalid: "BadRequest",
  unauthenticated: "InvalidAuthenticationToken",
  forbidden: "Forbidden",
  notFound: "ResourceNotFound",
  conflict: "Conflict",
  tooLarge: "RequestEntityTooLarge",
  rateLimited: "TooManyRequests",
};

export type FieldErrors = Record<string, string[]>;

/** The one error type of the domain layer; the edges map it to a form result or Graph error JSON. */
export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly fieldErrors?: FieldErrors;
  constructor(code: ErrorCode, message: string, fieldErrors?: FieldErrors) {
    super(message);
    this.name = "DomainError";
    this.code = code;
    this.fieldErrors = fieldErrors;
  }
  get status(): number {
    return STATUS[this.code];
  }
  get graphCode(): string {
    return GRAPH_CODE[this.code];
  }
}

export const invalid = (message: string, fieldErrors?: FieldErrors) => new DomainError("invalid", message, fieldErrors);
export const forbidden = (message: string) => new DomainError("forbidden", message);
export const notFound = (message: string) => new DomainError("notFound", message);
export const conflict = (message: string) => new DomainError("conflict", message);
export const unauthenticated = (message: string) => new DomainError("unauthenticated", message);

export function isDomainError(e: unknown): e is DomainError {
  return e instanceof DomainError;
}

/** Parses input with a zod schema; failures become one `invalid` error naming each field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) {
    // Valid by the schema, but text the database cannot store (NUL, a lone surrogate) would fail the write.
    const bad = findUnstorableText(result.data);
    if (bad) {
      const field = bad.path.join(".") || "_";
      return throwInvalid(`Invalid input. ${bad.path.length ? `${field} has` : "It has"} ${bad.problem}; remove it: it cannot be stored as text.`, { [field]: [`remove ${bad.problem}`] });
    }
    return result.data;
  }
  const fieldErrors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const key = issue.path.length ? issue.path.join(".") : "_";
    (fieldErrors[key] ??= []).push(issue.message);
  }
  const first = result.error.issues[0];
  return throwInvalid(`Invalid input. ${first ? describeIssue(first.path.map(String), first.message) : "Check the fields."}`, fieldErrors);
}

/**
 * One issue as a sentence that names the field once: "assignment.accessPackageId is required", not zod's
 * "assignment.accessPackageId: Invalid input: expected string, received undefined"; a message that already starts
 * with the field's name is not prefixed with it again.
 */
export function describeIssue(path: string[], message: string): string {
  const field = path.join(".");
  const missing = /^Invalid input: expected (.+), received undefined$/.exec(message);
  if (missing) return field ? `${field} is required (${missing[1]}).` : `A body is required (${missing[1]}).`;
  const text = message.replace(/^Invalid input: /, "");
  if (!field) return text;
  const last = path[path.length - 1];
  // The message's first word names the field already: as is, or by a longer path that ends with it
  // ("assignment.accessPackageId is required" for the field accessPackageId); or by its last segment only.
  const named = text.split(" ", 1)[0];
  if (named === field || named.endsWith(`.${field}`)) return text;
  if (named === last) return `${field}${text.slice(last.length)}`;
  return `${field}: ${text}`;
}

function throwInvalid(message: string, fieldErrors: FieldErrors): never {
  throw invalid(message, fieldErrors);
}

/** Postgres unique violations (e.g. the one-open-request index) become a conflict, never a 500. */
/** The name of the constraint a database error is about (PostgreSQL and PGlite both report it), if any. */
export function constraintOf(e: unknown): string | undefined {
  let cur: unknown = e;
  for (let i = 0; i < 4 && cur; i++) {
    if (typeof cur === "object" && cur !== null) {
      const c = cur as { constraint_name?: unknown; constraint?: unknown; cause?: unknown };
      if (typeof c.constraint_name === "string") return c.constraint_name;
      if (typeof c.constraint === "string") return c.constraint;
      cur = c.cause;
    } else break;
  }
  return undefined;
}

export function isUniqueViolation(e: unknown): boolean {
  let cur: unknown = e;
  for (let i = 0; i < 4 && cur; i++) {
    if (typeof cur === "object" && cur !== null && "code" in cur && (cur as { code: unknown }).code === "23505") return true;
    cur = (cur as { cause?: unknown }).cause;
  }
  return false;
}

export function isSerializationFailure(e: unknown): boolean {
  let cur: unknown = e;
  for (let i = 0; i < 4 && cur; i++) {
    const code = typeof cur === "object" && cur !== null && "code" in cur ? (cur as { code: unknown }).code : undefined;
    if (code === "40001" || code === "40P01") return true;
    cur = (cur as { cause?: unknown }).cause;
  }
  return false;
}
