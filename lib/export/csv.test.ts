import { describe, expect, it } from "vitest";
import { csvRow } from "./csv";

describe("csvRow", () => {
  it.each([
    [["plain", "two words"], "plain,two words\r\n"],
    [['say "hi"', "a,b", "line\nbreak"], '"say ""hi""","a,b","line\nbreak"\r\n'],
    [[null, undefined, "", 3], ",,,3\r\n"],
    // Text a spreadsheet would evaluate is defused.
    [["=HYPERLINK(\"x\")", "+1", "-2", "@SUM(A1)"], "\"'=HYPERLINK(\"\"x\"\")\",'+1,'-2,'@SUM(A1)\r\n"],
  ])("%j", (values, expected) => {
    expect(csvRow(values)).toBe(expected);
  });
});
