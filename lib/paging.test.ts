import { describe, expect, it } from "vitest";
import { MAX_PAGE, clampPage, pageOf } from "./paging";

describe("paging", () => {
  it("clampPage: a whole number from 1 to MAX_PAGE; anything else is page 1 or the highest page", () => {
    expect(clampPage(undefined)).toBe(1);
    expect(clampPage(3)).toBe(3);
    expect(clampPage(2.9)).toBe(2);
    expect(clampPage(0)).toBe(1);
    expect(clampPage(-4)).toBe(1);
    expect(clampPage(Number.NaN)).toBe(1);
    expect(clampPage(1e300)).toBe(MAX_PAGE);
  });

  it("pageOf: the list's default size when none is given, bounded by 1 and its maximum; the offset of the page", () => {
    expect(pageOf({})).toEqual({ page: 1, pageSize: 25, offset: 0 });
    expect(pageOf({ page: 3 }, 20)).toEqual({ page: 3, pageSize: 20, offset: 40 });
    expect(pageOf({ page: 2, pageSize: 0 }, 20)).toEqual({ page: 2, pageSize: 1, offset: 1 });
    expect(pageOf({ pageSize: 500 }, 10)).toEqual({ page: 1, pageSize: 100, offset: 0 });
    expect(pageOf({ pageSize: 500 }, 10, 50)).toEqual({ page: 1, pageSize: 50, offset: 0 });
    expect(pageOf({ page: -1, pageSize: 7 })).toEqual({ page: 1, pageSize: 7, offset: 0 });
  });
});
