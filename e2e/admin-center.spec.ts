import type { Locator, Page } from "@playwright/test";
import { PERSONAS, expect, field, hydrated, test, visit } from "./fixtures";
import { removeClientSecret } from "./client-secrets";
import { checkPage } from "./a11y";

/*
 * The admin center as the Identity Governance Administrator (Ines): catalogs (search, sort, page, create, edit,
 * roles, resources through the search picker), direct assignment, requests, the directory (sponsors, owners,
 * credentials, application permissions) and the audit log; then as Sam (no admin role) and Priya (approver).
 * Only seeded data and this spec's own objects are used; whatever is changed on seeded objects is put back.
 */

const API = "/api/v1.0/identityGovernance/entitlementManagement/assignmentRequests";

/** Types into a search picker and picks the first option whose name starts with `name`. */
async function pick(scope: Page | Locator, label: string, name: string): Promise<void> {
  const box = scope.getByRole("combobox", { name: new RegExp(`^${label}`) });
  await box.fill(name);
  const option = scope.getByRole("option", { name: new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`) }).first();
  await expect(option).toBeVisible();
  await option.click();
}

/** A `datetime-local` value `hours` from now, in the browser's (and this machine's) zone. */
function localInput(hours: number): string {
  const d = new Date(Date.now() + hours * 3_600_000);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

test("[ADMIN] runs the admin center: catalogs, roles, resources, direct assignment, requests, directory, audit", async ({ page, signInAs, shot }) => {
  test.setTimeout(900_000);
  const stamp = Date.now().toString(36);
  const catalogName = `E2E Catalog ${stamp}`;

  await test.step("home and shell: counts, navigation, and the menu at 375 px", async () => {
    await signInAs(PERSONAS.ines, "/admin");
    await visit(page, "/admin");
    await expect(page.getByRole("heading", { level: 1, name: "Admin center" })).toBeVisible();
    await expect(page.getByRole("link", { name: /Catalogs$/ }).first()).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Admin center" })).toHaveAttribute("aria-current", "page");
    await checkPage(page, "admin-home", { axeAt375: true });

    await page.setViewportSize({ width: 375, height: 812 });
    const menu = page.getByRole("button", { name: /^Menu/ });
    await expect(page.getByRole("navigation", { name: "Main" })).toBeHidden();
    await menu.focus();
    await page.keyboard.press("Enter");
    await expect(menu).toHaveAttribute("aria-expanded", "true");
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "My Access" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
    await checkPage(page, "admin-shell-375-menu-open");
    await page.keyboard.press("Escape");
    await expect(menu).toHaveAttribute("aria-expanded", "false");
    await expect(menu).toBeFocused();
    await page.setViewportSize({ width: 1280, height: 720 });
  });

  await test.step("catalogs: search, sort and pages", async () => {
    await visit(page, "/admin/catalogs");
    const table = page.getByRole("table", { name: "Catalogs" });
    await expect(table.getByRole("link", { name: "Agent Platform" })).toBeVisible();
    await checkPage(page, "admin-catalogs");

    const search = page.getByRole("search", { name: "Search catalogs" });
    await search.getByLabel("Search catalogs").fill("finance");
    await search.getByRole("button", { name: "Search" }).click();
    await page.waitForURL(/q=finance/);
    await expect(table.getByRole("row")).toHaveCount(2);
    await expect(table.getByRole("link", { name: "Finance & Operations" })).toBeVisible();

    await visit(page, "/admin/catalogs");
    await table.getByRole("columnheader", { name: /Name/ }).getByRole("link").click();
    await page.waitForURL(/sort=displayName&dir=desc/);
    await expect(table.getByRole("columnheader", { name: /Name/ })).toHaveAttribute("aria-sort", "descending");
    const names = await table.getByRole("row").locator("td:first-child").allInnerTexts();
    expect(names).toEqual([...names].sort((a, b) => b.localeCompare(a)));

    await visit(page, "/admin/catalogs?page=2");
    // Past the last page: said so, with the way back.
    await expect(page.getByRole("cell", { name: "Nothing on page 2." })).toBeVisible();
    const pagesBar = page.getByRole("navigation", { name: "Catalogs pages" });
    await expect(pagesBar).toContainText(/^There is no page 2: the \d+ entries are on page 1\./);
    await expect(pagesBar.getByRole("link", { name: "Go to page 1" })).toHaveAttribute("href", "/admin/catalogs");
  });

  await test.step("catalogs: create, then edit name and state", async () => {
    await visit(page, "/admin/catalogs");
    await field(page, "Catalog name").fill(catalogName);
    await field(page, "Description").fill("Made by the admin center spec.");
    await page.getByRole("button", { name: "Create catalog" }).click();
    await expect(page.getByRole("status").filter({ hasText: `Catalog "${catalogName}" created.` })).toBeVisible();
    await page.getByRole("table", { name: "Catalogs" }).getByRole("link", { name: catalogName, exact: true }).click();
    await page.waitForURL(/\/admin\/catalogs\/[0-9a-f-]{36}$/);
    await hydrated(page);
    await expect(page.getByRole("heading", { level: 1, name: catalogName })).toBeVisible();

    const edit = page.locator("section").filter({ has: page.getByRole("heading", { name: "Edit catalog" }) });
    await field(edit, "Catalog name").fill(`${catalogName} (edited)`);
    await field(edit, "State").selectOption("unpublished");
    await edit.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByRole("status").filter({ hasText: "saved" })).toBeVisible();
    await expect(page.getByRole("heading", { level: 1, name: `${catalogName} (edited)` })).toBeVisible();
    await expect(page.getByRole("main").getByText("Unpublished").first()).toBeVisible();
    await checkPage(page, "admin-catalog-overview");

    // Clearing the name is refused beside the field, and nothing changes.
    await field(edit, "Catalog name").fill("");
    await edit.getByRole("button", { name: "Save changes" }).click();
    await expect(edit.getByText("a catalog needs a name", { exact: true })).toBeVisible();
    await expect(page.getByRole("heading", { level: 1, name: `${catalogName} (edited)` })).toBeVisible();
  });

  await test.step("catalog roles: add a reader with the people picker, then remove", async () => {
    await page.getByRole("navigation", { name: "Catalog sections" }).getByRole("link", { name: /^Roles/ }).click();
    await page.waitForURL(/\/roles$/);
    await hydrated(page);
    await field(page, "Role").selectOption({ label: "Catalog reader" });
    await pick(page, "Person or service principal", "Helen Park");
    await page.getByRole("button", { name: "Add role" }).click();
    const readers = page.getByRole("list", { name: "Catalog readers" });
    await expect(readers.getByRole("listitem").filter({ hasText: "Helen Park" })).toBeVisible();
    await checkPage(page, "admin-catalog-roles");
    await readers.getByRole("button", { name: /^Remove Helen Park/ }).click();
    await page.getByRole("button", { name: /^Confirm remove Helen Park/ }).click();
    await expect(page.getByText("Nobody holds this role.").first()).toBeVisible();
    await expect(page.getByRole("list", { name: "Catalog readers" })).toHaveCount(0);
  });

  await test.step("resources: a group, an API and a directory role through the search picker; privileged badges", async () => {
    await page.getByRole("navigation", { name: "Catalog sections" }).getByRole("link", { name: /^Resources/ }).click();
    await page.waitForURL(/\/resources$/);
    await hydrated(page);
    const list = () => page.getByRole("list", { name: "Resources in this catalog" });

    // The type filter narrows the search on the server.
    await page.getByLabel("Type", { exact: true }).selectOption({ label: "Group" });
    await pick(page, "Find a resource", "Support Tier 2");
    await page.getByRole("button", { name: "Add resource" }).click();
    await expect(list().getByRole("heading", { name: "Support Tier 2" })).toBeVisible();

    await page.getByLabel("Type", { exact: true }).selectOption({ label: "API permissions" });
    await page.getByRole("combobox", { name: /^Find a resource/ }).fill("graph");
    const graph = page.getByRole("option", { name: /^Microsoft Graph/ });
    await expect(graph).toContainText("Privileged");
    // Keyboard: arrow to the option and Enter picks it.
    await page.getByRole("combobox", { name: /^Find a resource/ }).press("ArrowDown");
    await page.getByRole("combobox", { name: /^Find a resource/ }).press("Enter");
    await expect(page.getByText("Chosen:")).toContainText("Microsoft Graph");
    await page.getByRole("button", { name: "Add resource" }).click();
    await expect(list().getByRole("heading", { name: "Microsoft Graph" })).toBeVisible();

    await page.getByLabel("Type", { exact: true }).selectOption("");
    await pick(page, "Find a resource", "Directory Readers");
    await page.getByRole("button", { name: "Add resource" }).click();
    await expect(list().getByRole("heading", { name: "Directory Readers" })).toBeVisible();

    const graphItem = list().getByRole("listitem").filter({ has: page.getByRole("heading", { name: "Microsoft Graph" }) });
    await expect(graphItem.getByText("Privileged")).toBeVisible();
    await expect(list().getByRole("listitem").filter({ has: page.getByRole("heading", { name: "Support Tier 2" }) }).getByText("Privileged")).toHaveCount(0);
    await expect(page.getByRole("main").locator("header").getByText("Privileged")).toBeVisible();
    await checkPage(page, "admin-catalog-resources");

    // Already in the catalog: offered but not choosable.
    await page.getByRole("combobox", { name: /^Find a resource/ }).fill("Support Tier 2");
    await expect(page.getByRole("option", { name: /^Support Tier 2/ })).toHaveAttribute("aria-disabled", "true");
    await page.getByRole("combobox", { name: /^Find a resource/ }).press("Escape");

    // An unused resource is removed.
    await list().getByRole("button", { name: /^Remove Support Tier 2/ }).click();
    await page.getByRole("button", { name: /^Confirm remove Support Tier 2/ }).click();
    await expect(list().getByRole("heading", { name: "Support Tier 2" })).toHaveCount(0);
  });

  await test.step("resources: removal is refused while a package uses the resource", async () => {
    await visit(page, "/admin/catalogs?q=Agent%20Platform");
    await page.getByRole("table", { name: "Catalogs" }).getByRole("link", { name: "Agent Platform" }).click();
    await page.waitForURL(/\/admin\/catalogs\/[0-9a-f-]{36}$/);
    await page.getByRole("navigation", { name: "Catalog sections" }).getByRole("link", { name: /^Resources/ }).click();
    await page.waitForURL(/\/resources$/);
    await hydrated(page);
    const item = page.getByRole("list", { name: "Resources in this catalog" }).getByRole("listitem").filter({ has: page.getByRole("heading", { name: "Support Tier 2" }) });
    await item.getByRole("button", { name: /^Remove Support Tier 2/ }).click();
    await page.getByRole("button", { name: /^Confirm remove Support Tier 2/ }).click();
    await expect(page.getByRole("alert").filter({ hasText: /can't be removed.*"Support Ticket Triage"/ })).toBeVisible();
    await expect(item).toBeVisible();
  });

  await test.step("direct assignment: an agent with an end date; a service principal outside the policy is refused with the reason", async () => {
    await visit(page, "/admin/assignments");
    await page.getByRole("link", { name: "Assign access" }).click();
    await page.waitForURL(/\/admin\/assignments\/new/);
    await hydrated(page);
    await checkPage(page, "admin-assign-access");
    await pick(page, "People, agents or service principals", "Release Notes Writer");
    await page.getByLabel("Kind", { exact: true }).selectOption({ label: "Service principals" });
    await pick(page, "People, agents or service principals", "Payroll Sync");
    await expect(page.getByRole("list", { name: "Chosen targets" }).getByRole("listitem")).toHaveCount(2);
    await field(page, "Access package").selectOption({ label: "Directory Read (8 hours) (Agent Platform)" });
    await expect(field(page, "Policy")).toHaveValue(/[0-9a-f-]{36}/);
    await field(page, "End (your time)").fill(localInput(4));
    await field(page, "Justification").fill(`Release ${stamp} needs directory reads.`);
    await page.getByRole("button", { name: "Assign", exact: true }).click();
    const results = page.getByRole("list", { name: "Direct assignment results" });
    await expect(results.getByRole("listitem").filter({ hasText: "Release Notes Writer" })).toContainText("assigned");
    await expect(results.getByRole("listitem").filter({ hasText: "Payroll Sync" })).toContainText('refused — "Agents, no approval (8 hours)" is for agent identities; Payroll Sync is not one.');

    await page.getByRole("link", { name: "See this package's assignments" }).click();
    await page.waitForURL(/accessPackageId=/);
    const row = page.getByRole("table", { name: "Assignments" }).getByRole("row").filter({ hasText: "Release Notes Writer" }).first();
    await expect(row).toContainText("Agent");
    await expect(row).toContainText("Delivered");
    await expect(row).toContainText("Admin direct");
    await expect(row).not.toContainText("No end date");
    await checkPage(page, "admin-assignments");
  });

  await test.step("requests: filter by type, target and date; the request's timeline", async () => {
    await visit(page, "/admin/requests");
    const filters = page.getByRole("search", { name: "Filter requests" });
    await filters.getByLabel("Type", { exact: true }).selectOption("adminAdd");
    await filters.getByLabel("Target", { exact: true }).fill("Release Notes");
    const today = new Date().toISOString().slice(0, 10);
    await filters.getByLabel("Submitted from (UTC)").fill(today);
    await filters.getByRole("button", { name: "Apply filters" }).click();
    await page.waitForURL(/requestType=adminAdd/);
    const table = page.getByRole("table", { name: "Access requests" });
    await expect(table.getByRole("row").filter({ hasText: "Release Notes Writer" }).first()).toContainText("Delivered");
    await checkPage(page, "admin-requests");
    await visit(page, `/admin/requests?requestType=adminAdd&target=Release%20Notes&to=2000-01-01`);
    await expect(page.getByText("No requests match these filters.")).toBeVisible();

    await visit(page, `/admin/requests?requestType=adminAdd&target=Release%20Notes`);
    await table.getByRole("link", { name: /Directory Read \(8 hours\) request for Release Notes Writer/ }).first().click();
    await page.waitForURL(/\/admin\/requests\/[0-9a-f-]{36}$/);
    const timeline = page.getByRole("list", { name: "Request timeline" });
    await expect(timeline).toContainText(`Release ${stamp} needs directory reads.`);
    await expect(timeline).toContainText(/Delivered/);
    await checkPage(page, "admin-request-timeline");
  });

  await test.step("directory: every tab", async () => {
    for (const [tab, caption, sample] of [
      ["Agent identities", "Agent identities", "On-call Responder"],
      ["Service principals", "Service principals", "Payroll Sync"],
      ["Agent blueprints", "Agent blueprints", "Contoso Support Copilot"],
      ["Users", "People", "Sam Taylor"],
      ["Groups", "Groups", "Support Tier 2"],
      ["Applications", "Applications", "Microsoft Graph"],
    ] as const) {
      await visit(page, "/admin/directory");
      await page.getByRole("navigation", { name: "Directory sections" }).getByRole("link", { name: tab }).click();
      await expect(page.getByRole("navigation", { name: "Directory sections" }).getByRole("link", { name: tab })).toHaveAttribute("aria-current", "page");
      await expect(page.getByRole("table", { name: caption }).getByRole("row").filter({ hasText: sample }).first()).toBeVisible();
      await checkPage(page, `admin-directory-${tab.toLowerCase().replace(/\s+/g, "-")}`);
    }
    await visit(page, "/admin/directory?tab=users&q=taylor");
    await expect(page.getByRole("table", { name: "People" }).getByRole("row")).toHaveCount(2);
  });

  await test.step("an agent's sponsors: add one, remove it; the last sponsor cannot be removed", async () => {
    await visit(page, "/admin/directory?tab=agents&q=On-call");
    await page.getByRole("link", { name: "On-call Responder" }).click();
    await page.waitForURL(/\/admin\/directory\/principals\/[0-9a-f-]{36}$/);
    await hydrated(page);
    const sponsors = page.getByRole("list", { name: "Sponsors of On-call Responder" });
    await expect(sponsors.getByRole("listitem")).toHaveCount(1);
    await pick(page, "Add a sponsor", "Sam Taylor");
    await page.getByRole("button", { name: "Add sponsor" }).click();
    await expect(sponsors.getByRole("listitem").filter({ hasText: "Sam Taylor" })).toBeVisible();
    await checkPage(page, "admin-principal-agent");

    await sponsors.getByRole("button", { name: /^Remove Sam Taylor/ }).click();
    await page.getByRole("button", { name: /^Confirm remove Sam Taylor/ }).click();
    await expect(sponsors.getByRole("listitem")).toHaveCount(1);

    await sponsors.getByRole("button", { name: /^Remove Aisha Bello/ }).click();
    await page.getByRole("button", { name: /^Confirm remove Aisha Bello/ }).click();
    await expect(page.getByRole("alert").filter({ hasText: "On-call Responder must keep at least 1 sponsor" })).toBeVisible();
    await expect(sponsors.getByRole("listitem").filter({ hasText: "Aisha Bello" })).toBeVisible();
  });

  await test.step("a client secret is shown once", async () => {
    await page.getByRole("button", { name: "Create client secret" }).click();
    const secret = page.getByLabel("Client secret", { exact: true });
    await expect(secret).toBeVisible();
    await expect(page.getByText("won't be shown again")).toBeVisible();
    await expect(page.getByRole("button", { name: "Copy client secret" })).toBeVisible();
    // Where to use them: absolute URLs of the address the browser reached Steward at.
    const origin = new URL(page.url()).origin;
    await expect(page.getByLabel("Token endpoint", { exact: true })).toHaveValue(`${origin}/api/oauth2/v2.0/token`);
    await expect(page.getByLabel("Issuer", { exact: true })).toHaveValue(`${origin}/api`);
    await expect(page.getByRole("button", { name: "Copy issuer" })).toBeVisible();
    const value = await secret.inputValue();
    expect(value.length).toBeGreaterThan(30);
    await page.reload();
    await hydrated(page);
    await expect(page.getByLabel("Client secret", { exact: true })).toHaveCount(0);
    const creds = page.getByRole("list", { name: "Client secrets of On-call Responder" });
    const item = creds.getByRole("listitem").filter({ hasText: `${value.slice(0, 3)}•••` });
    await expect(item).toContainText(`by ${PERSONAS.ines}`);
    await expect(page.getByText(value)).toHaveCount(0);
    // Removing it asks once more, then the secret is gone from the list (the verb's tests cover the token endpoint).
    await removeClientSecret(page, item);
  });

  await test.step("a service principal gets EntitlementManagement.Read.All, then loses it", async () => {
    await visit(page, "/admin/directory?tab=servicePrincipals");
    await page.getByRole("link", { name: "Payroll Sync" }).click();
    await page.waitForURL(/\/admin\/directory\/principals\//);
    await hydrated(page);
    await expect(page.getByText("No application permissions.")).toBeVisible();
    await field(page, "Application permission").selectOption("EntitlementManagement.Read.All");
    await page.getByRole("button", { name: "Grant permission" }).click();
    const granted = page.getByRole("list", { name: "Granted application permissions" });
    await expect(granted.getByRole("listitem")).toHaveCount(1);
    await expect(granted).toContainText("EntitlementManagement.Read.All");
    await expect(granted).toContainText(`by ${PERSONAS.ines}`);
    await checkPage(page, "admin-principal-service-principal");
    await granted.getByRole("button", { name: /^Revoke EntitlementManagement\.Read\.All/ }).click();
    await page.getByRole("button", { name: /^Confirm revoke EntitlementManagement\.Read\.All/ }).click();
    await expect(page.getByText("No application permissions.")).toBeVisible();
  });

  await test.step("audit log: filter by action, target and outcome", async () => {
    await visit(page, "/admin/audit");
    const filters = page.getByRole("search", { name: "Filter the audit log" });
    await filters.getByLabel("Action", { exact: true }).selectOption("agent.sponsor.remove");
    await filters.getByLabel("Outcome", { exact: true }).selectOption("failure");
    await filters.getByLabel("Target", { exact: true }).selectOption("principal");
    await filters.getByRole("button", { name: "Apply filters" }).click();
    await page.waitForURL(/action=agent\.sponsor\.remove/);
    const table = page.getByRole("table", { name: "Audit events" });
    const row = table.getByRole("row").filter({ hasText: "On-call Responder" }).first();
    await expect(row).toContainText(PERSONAS.ines);
    await expect(row).toContainText("must keep at least 1 sponsor");
    await checkPage(page, "admin-audit");
    await visit(page, "/admin/audit?action=catalog.role.add");
    await expect(table.getByRole("row").filter({ hasText: `${catalogName} (edited)` }).first()).toContainText("Success");
    await shot("admin-center-audit");
  });
});

test("[EMPLOYEE] has no Admin center; [APPROVER] sees her pending approvals count", async ({ page, signInAs }) => {
  test.setTimeout(180_000);
  await test.step("Sam: no Admin center link, and /admin answers forbidden", async () => {
    await signInAs(PERSONAS.sam, "/access");
    await visit(page, "/access");
    const nav = page.getByRole("navigation", { name: "Main" });
    await expect(nav.getByRole("link", { name: "My Access" })).toBeVisible();
    await expect(nav.getByRole("link", { name: "Admin center" })).toHaveCount(0);
    await visit(page, "/admin");
    await expect(page.getByRole("heading", { level: 1, name: "You don't have access to the Admin center" })).toBeVisible();
    await expect(page.getByText("403 · Forbidden")).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Admin center" })).toHaveCount(0);
    await visit(page, "/admin/directory");
    await expect(page.getByRole("table")).toHaveCount(0);
    await checkPage(page, "admin-forbidden");
  });

  await test.step("Priya: the Approvals link counts what waits for her", async () => {
    // Maya asks (through the API, with her portal session) for a package Priya approves.
    await signInAs(PERSONAS.maya, "/access");
    const res = await page.request.post(API, {
      data: {
        requestType: "userAdd",
        assignment: { accessPackageId: "00000000-0000-4000-8000-000000001001", targetId: "00000000-0000-4000-8000-000000000202" },
        justification: "Curating articles from the triage queue.",
      },
    });
    expect(res.status(), await res.text()).toBe(201);
    const requestId = (await res.json()).id as string;

    await signInAs(PERSONAS.priya, "/access");
    await visit(page, "/access");
    const approvals = page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: /^Approvals/ });
    await expect(approvals).toContainText(/\d+ pending approvals/);
    const count = Number((await approvals.innerText()).match(/(\d+)/)?.[1]);
    expect(count).toBeGreaterThanOrEqual(1);

    // Put things back: Maya cancels her request, and the count drops by one.
    await signInAs(PERSONAS.maya, "/access");
    const cancel = await page.request.post(`${API}/${requestId}/cancel`);
    expect(cancel.status()).toBeLessThan(300);
    await signInAs(PERSONAS.priya, "/access");
    await visit(page, "/access");
    if (count === 1) await expect(approvals).not.toContainText("pending approvals");
    else await expect(approvals).toContainText(`${count - 1} pending approvals`);
  });
});
