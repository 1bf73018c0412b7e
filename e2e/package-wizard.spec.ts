import type { Locator, Page } from "@playwright/test";
import { checkPage } from "./a11y";
import { PERSONAS, expect, field, hydrated, shot, signInAs, test, visit } from "./fixtures";

/*
 * The access package wizard end to end: an administrator builds a package with a two-stage approval policy
 * step by step (fixing a validation error on the way), a sponsor requests it for their agent, the first-stage
 * approver and then the second-stage approver decide, and the administrator edits the package afterwards.
 * Each test builds on the one before, on one fresh database.
 */

const CATALOG = "Agent Platform";
const PACKAGE = "Tier 2 queues, two approvals";
const RENAMED = "Tier 2 queues (two approvals)";
const AGENT = "Ticket Triage Agent";
const QUESTION = "Which support queue will the agent work?";
let packageUrl = "";

/** Waits until React has hydrated the element (buttons of the wizard are not in a <form>, so `hydrated` can't tell). */
async function reactReady(locator: Locator): Promise<void> {
  await expect(locator).toBeVisible();
  await locator.evaluate((el) => new Promise<void>((resolve) => {
    const check = () => (Object.keys(el).some((k) => k.startsWith("__reactFiber")) ? resolve() : setTimeout(check, 50));
    check();
  }));
}

function stepHeading(page: Page, name: string): Locator {
  return page.getByRole("heading", { level: 2, name, exact: true });
}

async function expectStep(page: Page, name: string, check: string) {
  await expect(stepHeading(page, name)).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Steps" }).getByRole("button", { name: new RegExp(`^${name.replace(/[+]/g, "\\+")}`) })).toHaveAttribute("aria-current", "step");
  await checkPage(page, check);
}

async function next(page: Page, to: string) {
  await page.getByRole("button", { name: `Next: ${to}` }).click();
}

/** Searches a people picker and adds the person. */
async function pick(page: Page, pickerLabel: string, name: string) {
  await page.getByLabel(`Search for ${pickerLabel.toLowerCase()}`).fill(name.split(" ")[0]);
  // Several pickers can show matches at once: choose from this picker's own list.
  const matches = page.getByRole("list", { name: `Matches for ${pickerLabel.toLowerCase()}`, exact: true });
  await matches.getByRole("button", { name: `Add ${name}`, exact: true }).click();
  await expect(page.getByRole("list", { name: `Chosen: ${pickerLabel}` })).toContainText(name);
}

/** The approver's pending inbox item for the package, naming the agent. */
function inboxItem(page: Page): Locator {
  return page
    .getByRole("region", { name: /^Pending/ })
    .getByRole("listitem")
    .filter({ has: page.getByRole("heading", { name: PACKAGE, exact: true }) })
    .filter({ hasText: AGENT });
}

async function approve(page: Page, justification: string) {
  const item = inboxItem(page);
  await expect(item).toBeVisible();
  await field(item, "Justification").fill(justification);
  await item.getByRole("button", { name: "Approve", exact: true }).click();
  await expect(inboxItem(page)).toHaveCount(0);
}

// `next dev` compiles each page on first visit: allow for that on a busy machine.
test.describe.configure({ timeout: 300_000 });

test.describe.serial("Access package wizard: create a two-stage package, request it, approve both stages, edit it", () => {
  test("[ADMIN] creates a two-stage package with the wizard", async ({ page }) => {
    await signInAs(page, PERSONAS.ines, "/admin/packages");
    await visit(page, "/admin/packages");
    await checkPage(page, "packages-list");
    await page.getByRole("link", { name: "New access package" }).first().click();
    await page.waitForURL(/\/admin\/packages\/new/);
    await checkPage(page, "packages-new-choose-catalog");
    await field(page, "Catalog").selectOption({ label: `${CATALOG} (5 resources)` });
    await page.getByRole("button", { name: "Continue" }).click();
    await page.waitForURL(/\/admin\/catalogs\/[0-9a-f-]{36}\/packages\/new/);
    await reactReady(page.getByRole("button", { name: "Next: Resource roles" }));

    // Basics: Next without a name shows the error beside the field; fixing it lets the wizard go on.
    await expectStep(page, "Basics", "wizard-1-basics");
    await next(page, "Resource roles");
    const name = field(page, "Package name");
    await expect(name).toHaveAttribute("aria-invalid", "true");
    await expect(page.locator("#field-displayName-error")).toHaveText("Give the package a name.");
    await expect(name).toBeFocused();
    await checkPage(page, "wizard-1-basics-error");
    await name.fill(PACKAGE);
    await expect(page.locator("#field-displayName-error")).toHaveCount(0);
    await field(page, "Description").fill("Tier 2 support queues for triage agents. Two approvals: Finance Systems, then Security Operations.");
    await next(page, "Resource roles");

    // Resource roles: privileged resources are marked; search narrows the list; a role is required.
    await expectStep(page, "Resource roles", "wizard-2-roles");
    await expect(page.getByRole("heading", { name: /Microsoft Graph/ })).toContainText("Privileged");
    await next(page, "Who can request");
    await expect(page.locator("#roles-error")).toContainText("Choose at least one resource role");
    await page.getByLabel("Search resources and roles").fill("tier");
    await expect(page.getByRole("heading", { name: /Microsoft Graph/ })).toHaveCount(0);
    await page.getByRole("checkbox", { name: "Support Tier 2: Member" }).check();
    await expect(page.locator("#roles-error")).toHaveCount(0);
    await next(page, "Who can request");

    // Browser back returns to the previous step with what was entered.
    await expectStep(page, "Who can request", "wizard-3-requests");
    await page.goBack();
    await expect(stepHeading(page, "Resource roles")).toBeVisible();
    await expect(page.getByRole("checkbox", { name: "Support Tier 2: Member" })).toBeChecked();
    await page.goForward();
    await expect(stepHeading(page, "Who can request")).toBeVisible();
    await expect(page.getByRole("radio", { name: "All agents" })).toBeChecked();
    await expect(page.getByRole("checkbox", { name: "The agent's sponsors and owners" })).toBeChecked();
    await next(page, "Approval");

    // Approval: a stage without approvers is refused beside its approvers; then two stages.
    await expectStep(page, "Approval", "wizard-4-approval");
    await next(page, "Lifecycle");
    await expect(page.locator("#stage-0-approvers-error")).toHaveText("Choose at least one approver for this stage.");
    await pick(page, "Specific approvers of stage 1", PERSONAS.tomas);
    await expect(page.locator("#stage-0-approvers-error")).toHaveCount(0);
    await field(page, "Days to decide").fill("7");
    await page.getByRole("button", { name: "Add stage 2" }).click();
    await pick(page, "Specific approvers of stage 2", PERSONAS.priya);
    await pick(page, "Fallback approvers of stage 2", PERSONAS.ines);
    await page.locator("#stage-1-onTimeout-escalate").check();
    await page.locator("#field-stage-1-escalationDays").fill("3");
    await pick(page, "Escalation approvers of stage 2", "Helen Park");
    await checkPage(page, "wizard-4-approval-two-stages", { axeAt375: true });
    await next(page, "Lifecycle");

    await expectStep(page, "Lifecycle", "wizard-5-lifecycle");
    await field(page, "Duration").fill("30");
    await next(page, "Questions");

    await expectStep(page, "Questions", "wizard-6-questions");
    await page.getByRole("button", { name: "Add a question" }).click();
    await field(page, "Question 1 text").fill(QUESTION);
    await next(page, "Review + create");

    // Review: every choice, with Edit links back to each step.
    await expectStep(page, "Review + create", "wizard-7-review");
    const approval = page.getByRole("region", { name: "Approval" });
    await expect(approval.getByRole("definition").filter({ hasText: "Tomas Novak" })).toContainText("7 days to decide");
    await expect(approval).toContainText("Stage 2");
    await expect(approval.getByRole("definition").filter({ hasText: "Priya Raman" })).toContainText("fallback: Ines Alvarez");
    await expect(page.getByRole("region", { name: "Lifecycle" })).toContainText("After 30 days");
    await expect(page.getByRole("region", { name: "Questions" })).toContainText(QUESTION);
    await page.getByRole("button", { name: "Edit basics" }).click();
    await expect(field(page, "Package name")).toHaveValue(PACKAGE);
    await page.getByRole("navigation", { name: "Steps" }).getByRole("button", { name: /Review \+ create/ }).click();
    await page.getByRole("button", { name: "Create access package" }).click();

    await page.waitForURL(/\/admin\/packages\/[0-9a-f-]{36}$/);
    packageUrl = new URL(page.url()).pathname;
    await expect(page.getByRole("heading", { level: 1, name: PACKAGE })).toBeVisible();
    await expect(page.getByRole("status").filter({ hasText: "Access package created" })).toBeVisible();
    await expect(page.getByRole("list", { name: "Resource roles of this package" })).toContainText("Support Tier 2: Member");
    await expect(page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: "Initial policy" }) })).toContainText("2 stages");
    await checkPage(page, "package-page-created");
  });

  test("[SPONSOR → APPROVERS] the package is requestable; stage 1 goes to Tomas, then stage 2 to Priya", async ({ page }) => {
    await signInAs(page, PERSONAS.maya, "/access");
    await visit(page, "/access");
    await field(page, "Request for").selectOption({ label: AGENT });
    const pkg = field(page, "Access package");
    const option = pkg.locator("option").filter({ hasText: PACKAGE });
    await expect(option).toHaveCount(1);
    await pkg.selectOption((await option.getAttribute("value")) ?? "");
    await field(page, QUESTION).fill("Tier 2 billing");
    await field(page, "Justification").fill("Triage routes Tier 2 billing tickets.");
    await page.getByRole("button", { name: "Submit request" }).click();
    await expect(page.getByRole("status").filter({ hasText: /pending approval/i })).toBeVisible();
    await shot(page, "wizard-sponsor-request-submitted");

    // The second-stage approver has nothing yet.
    await signInAs(page, PERSONAS.priya, "/access/approvals");
    await visit(page, "/access/approvals");
    await expect(inboxItem(page)).toHaveCount(0);

    await signInAs(page, PERSONAS.tomas, "/access/approvals");
    await visit(page, "/access/approvals");
    await expect(inboxItem(page)).toContainText("Stage 1 of 2");
    await expect(inboxItem(page)).toContainText("Tier 2 billing");
    await shot(page, "wizard-stage1-approver-inbox");
    await approve(page, "Billing queue is Finance Systems' call: yes.");

    await signInAs(page, PERSONAS.priya, "/access/approvals");
    await visit(page, "/access/approvals");
    await expect(inboxItem(page)).toContainText("Stage 2 of 2");
    await approve(page, "Security agrees.");
  });

  test("[ADMIN] edits the package: rename, roles, an incompatible package, a policy setting; a used policy cannot be deleted", async ({ page }) => {
    await signInAs(page, PERSONAS.ines, packageUrl);
    await visit(page, packageUrl);
    await expect(page.getByRole("heading", { level: 1, name: PACKAGE })).toBeVisible();

    // Rename.
    await field(page, "Package name").fill(RENAMED);
    await page.getByRole("button", { name: "Save basics" }).click();
    await expect(page.getByRole("heading", { level: 1, name: RENAMED })).toBeVisible();

    // Add a resource role, then remove it again (with confirmation).
    const roles = page.getByRole("list", { name: "Resource roles of this package" });
    const addRole = field(page, "Resource role to add");
    const helpdesk = addRole.locator("option").filter({ hasText: "Contoso Helpdesk: Ticket.Read" });
    await addRole.selectOption((await helpdesk.getAttribute("value")) ?? "");
    await page.getByRole("button", { name: "Add role" }).click();
    await expect(roles).toContainText("Contoso Helpdesk: Ticket.Read");
    await page.getByRole("button", { name: "Remove Contoso Helpdesk: Ticket.Read" }).click();
    await page.getByRole("button", { name: "Remove role" }).click();
    await expect(roles).not.toContainText("Contoso Helpdesk: Ticket.Read");
    await expect(roles).toContainText("Support Tier 2: Member");

    // An incompatible package, found with the search picker.
    await page.getByLabel("Add an incompatible access package").fill("break");
    await page.getByRole("button", { name: "Add Production Break-Glass" }).click();
    await expect(page.getByRole("list", { name: "Incompatible access packages" })).toContainText("Production Break-Glass");
    await checkPage(page, "package-page-edited");

    // Replace a policy setting: access now lasts 60 days.
    await page.getByRole("link", { name: "Edit Initial policy" }).click();
    await page.waitForURL(/\/policies\/[0-9a-f-]{36}/);
    await reactReady(page.getByRole("button", { name: "Next: Approval" }));
    await checkPage(page, "policy-edit-requests");
    await page.getByRole("navigation", { name: "Steps" }).getByRole("button", { name: /Approval/ }).click();
    await expect(page.getByRole("list", { name: "Chosen: Specific approvers of stage 2" })).toContainText(PERSONAS.priya);
    await page.getByRole("button", { name: "Next: Lifecycle" }).click();
    await expect(field(page, "Duration")).toHaveValue("30");
    await field(page, "Duration").fill("");
    await page.getByRole("button", { name: "Next: Questions" }).click();
    await expect(page.locator("#field-durationValue-error")).toContainText("whole number of days");
    await checkPage(page, "policy-edit-lifecycle-error");
    await field(page, "Duration").fill("60");
    await page.getByRole("button", { name: "Next: Questions" }).click();
    await page.getByRole("button", { name: "Next: Review + save" }).click();
    await page.getByRole("button", { name: "Save policy" }).click();
    await page.waitForURL(new RegExp(`${packageUrl}(\\?|$)`));
    await expect(page.getByRole("status").filter({ hasText: "Policy saved." })).toBeVisible();
    const policy = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: "Initial policy" }) });
    await expect(policy).toContainText("After 60 days");

    // The policy has an active assignment (the request delivered above): deleting it is refused with the reason.
    await policy.getByRole("button", { name: "Delete Initial policy" }).click();
    await page.getByRole("button", { name: "Delete policy" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "active assignment" })).toBeVisible();
    await expect(policy).toBeVisible();
    await checkPage(page, "package-page-delete-refused");

    // The package's assignments are one link away.
    await page.getByRole("link", { name: "View assignments" }).click();
    await page.waitForURL(/\/admin\/assignments\?accessPackageId=/);
    await hydrated(page);
    await expect(page.getByRole("table", { name: /Assignments/ })).toContainText(AGENT);
  });
});
