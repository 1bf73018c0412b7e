/** The highest page a list serves: an offset beyond what the database takes (bigint) must never be built. */
export const MAX_PAGE = 1_000_000;

/** A 1-based page number as the lists use it: anything that is not a whole number from 1 is page 1; at most MAX_PAGE. */
export function clampPage(page: number | undefined): number {
  return Math.min(Math.max(Math.trunc(page ?? 1) || 1, 1), MAX_PAGE);
}

/** A list's page, page size and row offset: the page through clampPage; the size `defaultSize` when not given, 1..maxSize. */
export function pageOf(params: { page?: number; pageSize?: number }, defaultSize = 25, maxSize = 100): { page: number; pageSize: number; offset: number } {
  const page = clampPage(params.page);
  const pageSize = Math.min(Math.max(params.pageSize ?? defaultSize, 1), maxSize);
  return { page, pageSize, offset: (page - 1) * pageSize };
}
