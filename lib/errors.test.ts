import { describe, expect, it } from "vitest";
import { z } from "zod";
import { DomainError, describeIssue, parseInput } from "./errors";

const schema = z.object({
  displayName: z.string().min(1, "displayName is required").max(5),
  assignment: z.object({ accessPackageId: z.string({ message: "accessPackageId is required" }), note: z.string().optional() }).optional(),
  count: z.number().int().min(1).optional(),
});

function messageOf(input: unknown): { message: string; fieldErrors: Record<string, string[]> | undefined } {
  try {
    parseInput(schema, input);
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    return { message: (e as DomainError).message, fieldErrors: (e as DomainError).fieldErrors };
  }
  throw new Error("parseInput accepted the input");
}

describe("parseInput's message names the field once, in words a client can act on", () => {
  it("a missing field says it is required, with the expected type", () => {
    expect(messageOf({}).message).toBe("Invalid input. displayName is required (string).");
  });
  it("a message that already names the field is not prefixed again; a nested one gets its full path", () => {
    expect(messageOf({ displayName: "" }).message).toBe("Invalid input. displayName is required");
    expect(messageOf({ displayName: "a", assignment: {} }).message).toBe("Invalid input. assignment.accessPackageId is required");
  });
  it("other problems keep zod's explanation after the field's path", () => {
    expect(messageOf({ displayName: "abcdefgh" }).message).toBe("Invalid input. displayName: Too big: expected string to have <=5 characters");
    expect(messageOf({ displayName: "a", count: 0 }).message).toBe("Invalid input. count: Too small: expected number to be >=1");
    expect(messageOf({ displayName: "a", assignment: { accessPackageId: "x", note: 5 } }).message).toBe("Invalid input. assignment.note: expected string, received number");
  });
  it("a body of the wrong type says so without repeating 'Invalid input'", () => {
    expect(messageOf(5).message).toBe("Invalid input. expected object, received number");
    expect(messageOf(undefined).message).toBe("Invalid input. A body is required (object).");
  });
  it("field errors still list every issue by path, for forms", () => {
    const { fieldErrors } = messageOf({ displayName: "abcdefgh", count: 0 });
    expect(Object.keys(fieldErrors ?? {}).sort()).toEqual(["count", "displayName"]);
  });
  it("text the database cannot store (NUL, a lone surrogate) is refused by field, before anything is written", () => {
    expect(messageOf({ displayName: "a\u0000b" })).toEqual({
      message: "Invalid input. displayName has a NUL character (\\u0000); remove it: it cannot be stored as text.",
      fieldErrors: { displayName: ["remove a NUL character (\\u0000)"] },
    });
    expect(messageOf({ displayName: "ab", assignment: { accessPackageId: "x", note: "\ud800" } }).message).toBe(
      "Invalid input. assignment.note has an unpaired UTF-16 surrogate; remove it: it cannot be stored as text.",
    );
    expect(parseInput(schema, { displayName: "ok", assignment: { accessPackageId: "x", note: "emoji 🙂 fine" } })).toMatchObject({ displayName: "ok" });
  });
  it("describeIssue on its own", () => {
    expect(describeIssue(["a", "b"], "b must be a uuid")).toBe("a.b must be a uuid");
    expect(describeIssue(["a", "b"], "a.b must be a uuid")).toBe("a.b must be a uuid");
    // A message that names the field by a longer path (a nested check run on its own) is kept as it is.
    expect(describeIssue(["accessPackageId"], "assignment.accessPackageId is required")).toBe("assignment.accessPackageId is required");
    expect(describeIssue(["b"], "xb is odd")).toBe("b: xb is odd");
    expect(describeIssue(["ab"], "abc is odd")).toBe("ab: abc is odd");
    expect(describeIssue([], "Invalid input: expected array, received string")).toBe("expected array, received string");
  });
});
