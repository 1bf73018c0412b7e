import { test, expect, PERSONAS } from "./fixtures";

/*
 * Every portal page, with query strings nobody should send: each must still answer with a page (or the not-found
 * page), never with a server error. A server error inside a page streams as the error boundary with a numeric digest
 * (`E{"digest":"1962572790"}` in the page's payload; not-found and redirects carry named digests instead), so that is
 * what is looked for besides the status. Found: `?page=99999999999999999999` (an offset past bigint) and `?q=%00`
 * (PostgreSQL text cannot hold NUL) broke every list.
 */
const BAD_QUERIES = [
  "page=abc",
  "page=-1",
  "page=99999999999999999999",
  "page=1&page=2",
  "q=%00%ff",
  `q=${"x".repeat(5000)}`,
  "q[]=1",
  "sort=bogus&dir=sideways",
  "state=nonsense&package=not-a-uuid&catalog=not-a-uuid",
  "from=2026-13-45&to=yesterday",
  "assignmentsPage=1e99&requestsPage=-3&activityPage=%00",
];
const PAGES = [
  "/access",
  "/access/approvals",
  "/access/approvals/history",
  "/access/mine",
  "/access/requests",
  "/access/requests/not-a-uuid",
  "/admin",
  "/admin/assignments",
  "/admin/assignments/new",
  "/admin/audit",
  "/admin/catalogs",
  "/admin/catalogs/not-a-uuid",
  "/admin/directory",
  "/admin/directory/principals/not-a-uuid",
  "/admin/packages",
  "/admin/packages/not-a-uuid",
  "/admin/packages/new",
  "/admin/requests",
  "/admin/requests/not-a-uuid",
  "/docs/api",
];
const SERVER_ERROR = /digest\\?":\\?"\d+/;

/** Tomas owns the Invoice Reconciliation Agent: My Account and its page (three paged lists) are his. */
const OWNER_PAGES = ["/account", "/account/agents/00000000-0000-4000-8000-000000000204"];

test("[ADMIN] [OWNER] every page takes bad query strings without a server error", async ({ page, signInAs }) => {
  test.setTimeout(300_000);
  const broken: string[] = [];
  for (const [who, paths] of [[PERSONAS.ines, PAGES], [PERSONAS.tomas, OWNER_PAGES]] as const) {
    await signInAs(who, paths[0]);
    for (const path of paths) {
      for (const query of ["", ...BAD_QUERIES]) {
        const url = query ? `${path}?${query}` : path;
        const res = await page.request.get(url);
        if (res.status() >= 500 || SERVER_ERROR.test(await res.text())) broken.push(`${who}: ${res.status()} ${url.slice(0, 100)}`);
      }
    }
  }
  expect(broken).toEqual([]);
});
