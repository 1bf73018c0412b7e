import type { Locator, Page } from "@playwright/test";
import { SEED_IDS } from "../db/seed";
import { PERSONAS, expect, shot, signInAs, test } from "./fixtures";

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

/** Picks the option of a <select> whose text contains `text` (labels carry extra detail). */
async function selectContaining(select: Locator, text: string | RegExp): Promise<void> {
  const options = select.locator("option").filter({ hasText: text });
  await expect(options.first(), `an option containing ${text}`).toBeAttached();
  const value = await options.first().getAttribute("value");
  await select.selectOption(value ?? { label: (await options.first().innerText()).trim() });
}

/**
 * Chooses `option` for the field labelled `label`, whether it is a <select> or a group of
 * radio buttons (a fieldset whose legend is the label).
 */
async function choose(page: Page, label: string, option: string | RegExp): Promise<void> {
  const select = page.getByLabel(label, { exact: true });
  if ((await select.count()) > 0 && (await select.first().evaluate((el) => el.tagName === "SELECT"))) {
    await selectContaining(select.first(), option);
    return;
  }
  await page.getByRole("group", { name: label }).getByRole("radio", { name: option }).check();
}

/** The texts of a <select>'s options. */
async function optionTexts(select: Locator): Promise<string[]> {
  return select.locator("option").allInnerTexts();
}

/** A sponsor requests `pkg` for `agent` in My Access and lands on the request's pending state. */
async function requestForAgent(page: Page, agent: string, pkg: string, justification: string, shotName: string) {
  await page.goto("/access");
  await choose(page, "Request for", agent);
  await choose(page, "Access package", pkg);
  await page.getByLabel("Justification", { exact: true }).fill(justification);
  await shot(page, `${shotName}-filled`);
  await page.getByRole("button", { name: "Submit request" }).click();
  await expect(page.getByText(/pending approval/i).first()).toBeVisible();
  await shot(page, `${shotName}-submitted`);
}

/** The approver's inbox item for a request: the smallest region naming both the agent and the package. */
function inboxItem(page: Page, agent: string, pkg: string): Locator {
  return page
    .locator("li, tr, article, section")
    .filter({ hasText: agent })
    .filter({ hasText: pkg })
    .filter({ has: page.getByRole("button", { name: /^(Approve|Deny)$/ }) })
    .last();
}

/** Approve or Deny from the inbox, with a justification (the field may be inline or in a dialog). */
async function decide(page: Page, item: Locator, decision: "Approve" | "Deny", justification: string, shotName: string) {
  const inline = item.getByLabel("Justification");
  if ((await inline.count()) > 0) await inline.first().fill(justification);
  await item.getByRole("button", { name: decision, exact: true }).click();
  const dialog = page.getByRole("dialog");
  if (await dialog.isVisible().catch(() => false)) {
    await dialog.getByLabel("Justification").fill(justification);
    await shot(page, `${shotName}-dialog`);
    await dialog.getByRole("button", { name: decision, exact: true }).click();
  }
}

test.describe.serial("Walking skeleton: catalog → package → request → approval → access", () => {
  test("[ADMIN] creates a catalog, adds resources, creates a package with an approval policy", async ({ page }) => {
    await signInAs(page, PERSONAS.ines, "/admin/catalogs");
    await page.goto("/admin/catalogs");
    await shot(page, "01-admin-catalogs");

    await page.getByLabel("Catalog name", { exact: true }).fill(CATALOG);
    await page.getByLabel("Description", { exact: true }).fill("Tools and groups for the support organisation's agents.");
    await page.getByRole("button", { name: "Create catalog" }).click();

    // Either the new catalog's page opens, or the list shows it: open it.
    const onCatalogPage = page.getByRole("heading", { name: CATALOG });
    await expect(onCatalogPage.or(page.getByRole("link", { name: CATALOG })).first()).toBeVisible();
    if (!/\/admin\/catalogs\/[^/]+/.test(page.url())) await page.getByRole("link", { name: CATALOG }).first().click();
    await expect(onCatalogPage.first()).toBeVisible();
    await shot(page, "02-admin-catalog-created");

    for (const resource of ["Support Tier 2", "Microsoft Graph"]) {
      await selectContaining(page.getByLabel("Resource", { exact: true }), resource);
      await page.getByRole("button", { name: "Add resource" }).click();
      await expect(page.getByRole("table").or(page.getByRole("list")).filter({ hasText: resource }).first()).toBeVisible();
    }
    await shot(page, "03-admin-resources-added");

    await page.getByRole("link", { name: "New access package" }).or(page.getByRole("button", { name: "New access package" })).first().click();
    await page.getByLabel("Package name", { exact: true }).fill(PACKAGE);
    const description = page.getByLabel("Description", { exact: true });
    if ((await description.count()) > 0) await description.fill("Tier 2 support queues for triage agents; Security Operations approves.");
    await page.getByRole("checkbox", { name: /Support Tier 2.*Member|Member.*Support Tier 2/ }).check();
    await choose(page, "Who can request", /All agents/i);
    await page.getByRole("checkbox", { name: /sponsor/i }).first().check();
    await choose(page, "Approval", /one stage/i);
    await choose(page, "Approver", PERSONAS.priya);
    await shot(page, "04-admin-new-package-form");
    await page.getByRole("button", { name: "Create access package" }).click();

    await expect(page.getByText(PACKAGE).first()).toBeVisible();
    await expect(page.getByText(/Support Tier 2/).first()).toBeVisible();
    await shot(page, "05-admin-package-created");
  });

  test("[SPONSOR] requests it for one of their agents", async ({ page }) => {
    await signInAs(page, PERSONAS.maya, "/access");
    await requestForAgent(page, TRIAGE, PACKAGE, "Triage needs to read and route Tier 2 tickets.", "06-sponsor-request");

    await page.goto("/access/requests");
    const row = page.getByRole("row").filter({ hasText: PACKAGE });
    await expect(row.first()).toBeVisible();
    await expect(row.first()).toContainText(TRIAGE);
    await expect(row.first()).toContainText(/pending approval/i);
    await shot(page, "07-sponsor-request-history");
  });

  test("[APPROVER] approves it from the inbox", async ({ page }) => {
    await signInAs(page, PERSONAS.priya, "/access/approvals");
    await page.goto("/access/approvals");
    const item = inboxItem(page, TRIAGE, PACKAGE);
    await expect(item).toBeVisible();
    await expect(item).toContainText(PERSONAS.maya);
    await shot(page, "08-approver-inbox");

    await decide(page, item, "Approve", "Triage is a support agent; Tier 2 is its job.", "09-approver-approve");
    await expect(inboxItem(page, TRIAGE, PACKAGE)).toHaveCount(0);
    await page.reload();
    await expect(inboxItem(page, TRIAGE, PACKAGE)).toHaveCount(0);
    await shot(page, "10-approver-inbox-after-approve");
  });

  test("[SPONSOR] sees the agent's new grants in My Account", async ({ page }) => {
    await signInAs(page, PERSONAS.maya, "/account");
    await page.goto("/account");
    const agent = page.locator("li, tr, article, section").filter({ hasText: TRIAGE }).filter({ hasText: "Support Tier 2" }).last();
    await expect(agent).toBeVisible();
    await shot(page, "11-sponsor-my-account");

    await page.goto("/access/requests");
    const row = page.getByRole("row").filter({ hasText: PACKAGE }).first();
    await expect(row).toContainText(/delivered/i);
  });

  test("[APPROVER] denies one", async ({ page }) => {
    await signInAs(page, PERSONAS.maya, "/access");
    await requestForAgent(page, KB_CURATOR, SEEDED_PACKAGE, "The curator wants to read tickets directly.", "12-sponsor-request-2");

    await signInAs(page, PERSONAS.priya, "/access/approvals");
    await page.goto("/access/approvals");
    const item = inboxItem(page, KB_CURATOR, SEEDED_PACKAGE);
    await expect(item).toBeVisible();
    await decide(page, item, "Deny", "The curator works from resolved tickets; it does not need the queues.", "13-approver-deny");
    await expect(inboxItem(page, KB_CURATOR, SEEDED_PACKAGE)).toHaveCount(0);
    await shot(page, "14-approver-inbox-after-deny");

    await signInAs(page, PERSONAS.maya, "/access/requests");
    await page.goto("/access/requests");
    const row = page.getByRole("row").filter({ hasText: SEEDED_PACKAGE }).filter({ hasText: KB_CURATOR }).first();
    await expect(row).toContainText(/denied/i);
    await shot(page, "15-sponsor-sees-denied");
  });

  test("[SPONSOR] can neither see nor request for an agent they do not sponsor", async ({ page }) => {
    await signInAs(page, PERSONAS.maya, "/access");
    await page.goto("/access");
    const requestFor = page.getByLabel("Request for", { exact: true });
    await expect(requestFor).toBeVisible();
    const options = await optionTexts(requestFor);
    expect(options.some((o) => o.includes(TRIAGE)), "her own agents are offered").toBe(true);
    expect(options.some((o) => o.includes("Expense Auditor")), "Leo's agent is not offered").toBe(false);
    await shot(page, "16-sponsor-request-for-options");

    await page.goto("/account");
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
