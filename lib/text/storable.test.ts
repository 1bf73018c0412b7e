import { describe, expect, it } from "vitest";
import { findUnstorableText } from "./storable";

describe("findUnstorableText", () => {
  it("names the first string PostgreSQL cannot store by its path (property names at their object's path)", () => {
    expect(findUnstorableText({ a: [{ b: "x" }, { c: "\ud800" }] })).toEqual({ path: ["a", "1", "c"], problem: "an unpaired UTF-16 surrogate" });
    expect(findUnstorableText({ a: [{ b: "x" }, { "c\u0000": 1 }] })).toEqual({ path: ["a", "1"], problem: "a NUL character (\\u0000)" });
    expect(findUnstorableText("\u0000")).toEqual({ path: [], problem: "a NUL character (\\u0000)" });
    expect(findUnstorableText({ ok: ["emoji 🙂", 1, null, true, { deeper: "fine" }] })).toBeNull();
  });

  it("walks a body nested 300,000 deep in linear time (a body of ~600 KB, under the API's 1 MiB limit)", () => {
    const depth = 300_000;
    const value = JSON.parse(`${"[".repeat(depth)}"a\\u0000"${"]".repeat(depth)}`);
    const found = findUnstorableText(value);
    expect(found?.problem).toBe("a NUL character (\\u0000)");
    expect(found?.path).toHaveLength(depth);
    expect(findUnstorableText(JSON.parse(`${"[".repeat(depth)}"a"${"]".repeat(depth)}`))).toBeNull();
  }, 20_000);
});
