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

/*
 * A page number past the last page (an edited URL, a bookmark, or a list that shrank since the link was made) says
 * so and links to the last page, instead of an empty list that reads as "nothing here". Both pagers: the data table
 * (admin lists) and the pager of lists that are not tables (here the agent page, whose three lists each keep their
 * own page when another one moves).
 */
test("[ADMIN] [OWNER] a page number past the last page says so and links to the last page", async ({ page, signInAs, shot }) => {
  await signInAs(PERSONAS.ines, "/admin/packages?page=100000");
  const pages = page.getByRole("navigation", { name: /pages$/ });
  await expect(page.getByRole("cell", { name: "Nothing on page 100000." })).toBeVisible();
  await expect(pages).toContainText(/^There is no page 100000: the \d+ entries are on pages? 1(–\d+)?\./);
  await shot("past-last-page-admin-packages");
  const goLast = page.getByRole("link", { name: /^Go to page \d+$/ });
  const last = Number((await goLast.textContent())!.replace(/\D+/g, ""));
  await goLast.click();
  await expect(page).toHaveURL(last > 1 ? new RegExp(`[?&]page=${last}$`) : /\/admin\/packages$/);
  await expect(page.getByRole("table").getByRole("row")).not.toHaveCount(1); // more than the header row
  await expect(page.getByText(/There is no page/)).toHaveCount(0);

  // The demo data holds no audit events: Tomas disables his agent and enables it again, two events on its page.
  const agent = OWNER_PAGES[1];
  await signInAs(PERSONAS.tomas, agent);
  await page.getByRole("button", { name: "Disable agent" }).click();
  await page.getByRole("button", { name: /^Confirm disable/ }).click();
  await page.getByRole("button", { name: "Enable agent" }).click();
  await expect(page.getByRole("list", { name: /^Activity of / })).toContainText("agent.enable");

  await page.goto(`${agent}?assignmentsPage=1&activityPage=999`);
  const activity = page.getByRole("navigation", { name: "Activity pages" });
  await expect(activity).toContainText(/^There is no page 999: the \d+ entries are on pages? 1(–\d+)?\./);
  await expect(page.getByText("No audit events recorded.")).toHaveCount(0);
  await shot("past-last-page-agent-activity");
  const back = activity.getByRole("link", { name: /^Go to page \d+$/ });
  const href = (await back.getAttribute("href"))!;
  expect(href, "the other lists keep their page").toContain("assignmentsPage=1");
  await back.click();
  await expect(page.getByRole("list", { name: /^Activity of / })).toContainText("agent.disable");
  await expect(page.getByText(/There is no page/)).toHaveCount(0);
});
