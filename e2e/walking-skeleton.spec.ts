import type { Locator, Page } from "@playwright/test";
import { SEED_IDS } from "../db/seed";
import { PERSONAS, expect, field, hydrated, shot, signInAs, test, visit } from "./fixtures";

/*
 * The walking skeleton: an administrator builds a catalog and an access package with an
 * approval policy, a sponsor requests it for their agent, an approver decides, and the
 * sponsor sees the agent's new access; a sponsor cannot act for an agent they do not sponsor.
 * Each test builds on the one before, on one fresh database.
 */

const CATALOG = "Support Operations";
const PACKAGE = "Tier 2 queue access for agents";
const TRIAGE = "Ticket Triage Agent";
const KB_CURATOR = "Knowledge Base Curator";
const SEEDED_PACKAGE = "Support Ticket Triage";
const REQUESTS_URL = "/api/v1.0/identityGovernance/entitlementManagement/assignmentRequests";




/**
 * Picks the option of a <select> whose text contains `text` (labels carry extra detail),
 * optionally within the <optgroup> labelled `group`.
 */
async function selectContaining(select: Locator, text: string | RegExp, group?: string): Promise<void> {
  const scope = group ? select.locator(`optgroup[label="${group}"]`) : select;
  const options = scope.locator("option").filter({ hasText: text });
  await expect(options.first(), `an option containing ${text}`).toBeAttached();
  const value = await options.first().getAttribute("value");
  await select.selectOption(value ?? { label: (await options.first().innerText()).trim() });
}

/** Chooses `option` in the select labelled `label`. */
async function choose(page: Page, label: string, option: string | RegExp): Promise<void> {
  await selectContaining(field(page, label), option);
}

/** The texts of a <select>'s options. */
async function optionTexts(select: Locator): Promise<string[]> {
  return select.locator("option").allInnerTexts();
}

/** A sponsor requests `pkg` for `agent` in My Access and lands on the request's pending state. */
async function requestForAgent(page: Page, agent: string, pkg: string, justification: string, shotName: string) {
  await visit(page, "/access");
  await choose(page, "Request for", agent);
  await choose(page, "Access package", pkg);
  await field(page, "Justification").fill(justification);
  await shot(page, `${shotName}-filled`);
  await page.getByRole("button", { name: "Submit request" }).click();
  await expect(page.getByRole("status").filter({ hasText: /pending approval/i })).toBeVisible();
  await shot(page, `${shotName}-submitted`);
}

/** The approver's pending inbox item for a request: the card headed by the package, naming the agent. */
function inboxItem(page: Page, agent: string, pkg: string): Locator {
  return page
    .getByRole("region", { name: /^Pending/ })
    .getByRole("listitem")
    .filter({ has: page.getByRole("heading", { name: pkg, exact: true }) })
    .filter({ hasText: agent });
}

/** Approve or Deny an inbox item, with a justification. */
async function decide(page: Page, item: Locator, decision: "Approve" | "Deny", justification: string, shotName: string) {
  await field(item, "Justification").fill(justification);
  await shot(page, `${shotName}-filled`);
  await item.getByRole("button", { name: decision, exact: true }).click();
}

/** My Access → My requests: the row of a request for `agent`. */
function myRequestRow(page: Page, agent: string, pkg: string): Locator {
  return page.getByRole("row").filter({ hasText: pkg }).filter({ hasText: agent });
}

test.describe.serial("Walking skeleton: catalog → package → request → approval → access", () => {
  test("[ADMIN] creates a catalog, adds resources, creates a package with an approval policy", async ({ page }) => {
    // The package wizard has seven steps; under `next dev` each first visit compiles, which can pass 60 s here.
    test.slow();
    await signInAs(page, PERSONAS.ines, "/admin/catalogs");
    await visit(page, "/admin/catalogs");
    await shot(page, "01-admin-catalogs");

    await field(page, "Catalog name").fill(CATALOG);
    await field(page, "Description").fill("Tools and groups for the support organisation's agents.");
    await page.getByRole("button", { name: "Create catalog" }).click();

    // The list shows the new catalog; open it.
    await page.getByRole("table", { name: "Catalogs" }).getByRole("link", { name: CATALOG, exact: true }).click();
    await page.waitForURL(/\/admin\/catalogs\/[0-9a-f-]{36}/);
    await hydrated(page);
    await expect(page.getByRole("heading", { level: 1, name: CATALOG })).toBeVisible();
    await shot(page, "02-admin-catalog-created");

    // Resources live on the catalog's Resources tab, added through the search picker.
    await page.getByRole("navigation", { name: "Catalog sections" }).getByRole("link", { name: /^Resources/ }).click();
    await page.waitForURL(/\/resources$/);
    await hydrated(page);
    for (const resource of ["Support Tier 2", "Microsoft Graph"]) {
      await page.getByRole("combobox", { name: "Find a resource" }).fill(resource);
      await page.getByRole("option", { name: new RegExp(`^${resource}`) }).first().click();
      await page.getByRole("button", { name: "Add resource" }).click();
      await expect(page.getByRole("heading", { name: resource, exact: true })).toBeVisible();
    }
    await shot(page, "03-admin-resources-added");

    await page.getByRole("link", { name: "New access package" }).first().click();
    await page.waitForURL(/\/packages\/new/);
    // The wizard: basics → resource roles → who can request → approval → lifecycle → questions → review.
    const nextButton = (to: string) => page.getByRole("button", { name: `Next: ${to}` });
    await expect(nextButton("Resource roles")).toBeVisible();
    await nextButton("Resource roles").evaluate((el) => new Promise<void>((resolve) => {
      const check = () => (Object.keys(el).some((k) => k.startsWith("__reactFiber")) ? resolve() : setTimeout(check, 50));
      check();
    }));
    await field(page, "Package name").fill(PACKAGE);
    await field(page, "Description").fill("Tier 2 support queues for triage agents; Security Operations approves.");
    await nextButton("Resource roles").click();
    await page.getByRole("checkbox", { name: /^Support Tier 2: Member/ }).check();
    await nextButton("Who can request").click();
    await page.getByRole("radio", { name: "All agents" }).check();
    await expect(page.getByRole("checkbox", { name: "Others can request it on behalf of a target" })).toBeChecked();
    await nextButton("Approval").click();
    await page.getByLabel("Search for specific approvers of stage 1").fill("Priya");
    await page.getByRole("button", { name: `Add ${PERSONAS.priya}`, exact: true }).click();
    await nextButton("Lifecycle").click();
    await nextButton("Questions").click();
    await nextButton("Review + create").click();
    await shot(page, "04-admin-new-package-form");
    await page.getByRole("button", { name: "Create access package" }).click();

    // The new package's page, then its catalog lists it with its role.
    await page.waitForURL(/\/admin\/packages\/[0-9a-f-]{36}/);
    await expect(page.getByRole("heading", { level: 1, name: PACKAGE })).toBeVisible();
    await page.getByRole("link", { name: CATALOG, exact: true }).click();
    await page.waitForURL(/\/admin\/catalogs\/[0-9a-f-]{36}$/);
    const created = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: PACKAGE, exact: true }) });
    await expect(created).toBeVisible();
    await expect(created).toContainText(/Support Tier 2.*Member/);
    await shot(page, "05-admin-package-created");
  });

  test("[SPONSOR] requests it for one of their agents", async ({ page }) => {
    await signInAs(page, PERSONAS.maya, "/access");
    await requestForAgent(page, TRIAGE, PACKAGE, "Triage needs to read and route Tier 2 tickets.", "06-sponsor-request");

    await visit(page, "/access/requests");
    const row = myRequestRow(page, TRIAGE, PACKAGE);
    await expect(row).toHaveCount(1);
    await expect(row).toContainText(/pending approval/i);
    await shot(page, "07-sponsor-request-history");
  });

  test("[APPROVER] approves it from the inbox", async ({ page }) => {
    await signInAs(page, PERSONAS.priya, "/access/approvals");
    await visit(page, "/access/approvals");
    const item = inboxItem(page, TRIAGE, PACKAGE);
    await expect(item).toBeVisible();
    await expect(item).toContainText(PERSONAS.maya);
    await expect(item).toContainText("Triage needs to read and route Tier 2 tickets.");
    await shot(page, "08-approver-inbox");

    await decide(page, item, "Approve", "Triage is a support agent; Tier 2 is its job.", "09-approver-approve");
    await expect(inboxItem(page, TRIAGE, PACKAGE)).toHaveCount(0);
    await page.reload();
    await expect(inboxItem(page, TRIAGE, PACKAGE)).toHaveCount(0);
    await shot(page, "10-approver-inbox-after-approve");
  });

  test("[SPONSOR] sees the agent's new grants in My Account", async ({ page }) => {
    await signInAs(page, PERSONAS.maya, "/account");
    await visit(page, "/account");
    await page.getByRole("table", { name: "My agents" }).getByRole("link", { name: TRIAGE, exact: true }).click();
    await page.waitForURL(/\/account\/agents\//);
    const grants = page.getByRole("list", { name: `Effective access of ${TRIAGE}` });
    await expect(grants).toBeVisible();
    await expect(grants).toContainText("Support Tier 2");
    // The package-wizard spec may have delivered the same role through its own package: look at this package's grant.
    await expect(grants.getByRole("listitem").filter({ hasText: "Support Tier 2" }).filter({ hasText: `via ${PACKAGE}` })).toContainText("Member");
    await grants.scrollIntoViewIfNeeded();
    await shot(page, "11-sponsor-my-account");

    await visit(page, "/access/requests");
    await expect(myRequestRow(page, TRIAGE, PACKAGE)).toContainText(/delivered/i);
  });

  test("[APPROVER] denies one", async ({ page }) => {
    await signInAs(page, PERSONAS.maya, "/access");
    await requestForAgent(page, KB_CURATOR, SEEDED_PACKAGE, "The curator wants to read tickets directly.", "12-sponsor-request-2");

    await signInAs(page, PERSONAS.priya, "/access/approvals");
    await visit(page, "/access/approvals");
    const item = inboxItem(page, KB_CURATOR, SEEDED_PACKAGE);
    await expect(item).toBeVisible();
    await decide(page, item, "Deny", "The curator works from resolved tickets; it does not need the queues.", "13-approver-deny");
    await expect(inboxItem(page, KB_CURATOR, SEEDED_PACKAGE)).toHaveCount(0);
    await shot(page, "14-approver-inbox-after-deny");

    await signInAs(page, PERSONAS.maya, "/access/requests");
    await visit(page, "/access/requests");
    // Newest first; other specs may have left earlier (canceled) requests for the same agent and package.
    await expect(myRequestRow(page, KB_CURATOR, SEEDED_PACKAGE).first()).toContainText(/denied/i);
    await shot(page, "15-sponsor-sees-denied");
  });

  test("[SPONSOR] can neither see nor request for an agent they do not sponsor", async ({ page }) => {
    await signInAs(page, PERSONAS.maya, "/access");
    await visit(page, "/access");
    const requestFor = field(page, "Request for");
    await expect(requestFor).toBeVisible();
    const options = await optionTexts(requestFor);
    expect(options.some((o) => o.includes(TRIAGE)), "her own agents are offered").toBe(true);
    expect(options.some((o) => o.includes("Expense Auditor")), "Leo's agent is not offered").toBe(false);
    await shot(page, "16-sponsor-request-for-options");

    await visit(page, "/account");
    await expect(page.getByText(TRIAGE).first()).toBeVisible();
    await expect(page.getByText("Expense Auditor")).toHaveCount(0);

    // Going round the form: the API with Maya's session refuses an on-behalf request for Leo's agent.
    const res = await page.request.post(REQUESTS_URL, {
      data: {
        requestType: "userAdd",
        assignment: {
          accessPackageId: SEED_IDS.packages.directoryRead8h,
          assignmentPolicyId: SEED_IDS.policies.directoryRead8h,
          targetId: SEED_IDS.agents.expenseAuditor,
        },
        justification: "x",
      },
    });
    expect(res.status(), await res.text()).toBe(403);
    const body = await res.json();
    expect(body.error.code).toEqual(expect.any(String));
    expect(body.error.innerError["request-id"]).toEqual(expect.any(String));
  });
});
