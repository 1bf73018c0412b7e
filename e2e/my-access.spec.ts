import type { Locator, Page } from "@playwright/test";
import { PERSONAS, expect as baseExpect, field, hydrated, signInAs, test, visit } from "./fixtures";
import { checkPage } from "./a11y";

// Server actions re-render their page in `next dev` on a shared 2-core machine: give their outcomes time.
const expect = baseExpect.configure({ timeout: 30_000 });

/*
 * My Access: requesting (for oneself with answers, for agents, and a "why not"), cancelling, the approvals inbox
 * with a bulk decision, and My access (extend and remove). The spec makes its own requests and leaves no open
 * request or held access that other specs rely on (Ticket Triage Agent and Knowledge Base Curator stay untouched).
 */

const STT = "Support Ticket Triage";
const BREAK_GLASS = "Production Break-Glass";
const HELPDESK = "Helpdesk Operator";
const PHOENIX = "Project Phoenix Member";

/** Picks the first option of a <select> whose text contains `text`. */
async function choose(select: Locator, text: string | RegExp): Promise<void> {
  const option = select.locator("option").filter({ hasText: text }).first();
  await expect(option, `an option containing ${text}`).toBeAttached();
  await select.selectOption((await option.getAttribute("value")) ?? "");
}

/** A sponsor requests `pkg` for `agent` and sees it pending approval. */
async function requestForAgent(page: Page, agent: string, pkg: string, justification: string) {
  await visit(page, "/access");
  await choose(field(page, "Request for"), agent);
  await choose(field(page, "Access package"), pkg);
  await field(page, "Justification").fill(justification);
  await page.getByRole("button", { name: "Submit request" }).click();
  await expect(page.getByRole("status").filter({ hasText: /pending approval/i })).toBeVisible();
}

function pendingItem(page: Page, text: string): Locator {
  return page.getByRole("region", { name: /^Pending/ }).getByRole("listitem").filter({ hasText: text });
}

test.describe.serial("My Access", () => {
  // Several people, pages and axe runs per test; `next dev` compiles each page on first use.
  test.describe.configure({ timeout: 240_000 });
  const stamp = Date.now().toString(36);

  test("[SPONSOR] sees why a package is not available for herself, searches the list, and requests for her agent", async ({ page }) => {
    await signInAs(page, PERSONAS.maya, "/access");
    await visit(page, "/access");
    await expect(page.getByRole("navigation", { name: "My Access" }).getByRole("link", { name: "Request access" })).toHaveAttribute("aria-current", "page");

    // For herself, an agents-only package is marked and explained, with what would allow it.
    await choose(field(page, "Access package"), STT);
    const whyNot = page.getByRole("region", { name: /Why you can.t get Support Ticket Triage/ });
    await expect(whyNot).toBeVisible();
    await expect(whyNot).toContainText("is for agent identities");
    await expect(whyNot).toContainText("What would allow it");
    await expect(page.getByRole("button", { name: "Submit request" })).toBeDisabled();
    await checkPage(page, "my-access-request-why-not", { axeAt375: true });

    // The search narrows the package list.
    await field(page, "Search packages").fill("phoenix");
    await expect(field(page, "Access package").locator("option", { hasText: PHOENIX })).toBeAttached();
    await expect(field(page, "Access package").locator("option", { hasText: HELPDESK })).toHaveCount(0);
    await field(page, "Search packages").fill("");

    // For her agent the same package is available and goes to approval.
    await requestForAgent(page, "Escalation Summarizer", STT, `Summaries need the ticket queues (${stamp}).`);
    await checkPage(page, "my-access-request-submitted");
  });

  test("[EMPLOYEE] requests with an answer to the policy's question, opens the request, and cancels it", async ({ page }) => {
    await signInAs(page, PERSONAS.sam, "/access");
    await visit(page, "/access");
    await choose(field(page, "Access package"), PHOENIX);
    const question = field(page, "Which Phoenix workstream will you join?");
    await expect(question).toBeVisible();
    await field(page, "Justification").fill(`Joining the data migration (${stamp}).`);
    // The required question is checked by the server and the error is shown beside it.
    await page.getByRole("button", { name: "Submit request" }).click();
    await expect(question).toHaveAttribute("aria-invalid", "true");
    await expect(page.locator("#answer-workstream-error")).toContainText("needs an answer");
    await question.fill("Data migration");
    await page.getByRole("button", { name: "Submit request" }).click();
    await expect(page.getByRole("status").filter({ hasText: /pending approval/i })).toBeVisible();

    await visit(page, "/access/requests");
    await checkPage(page, "my-access-my-requests");
    const row = page.getByRole("row").filter({ hasText: PHOENIX }).first();
    await expect(row).toContainText(/pending approval/i);
    await row.getByRole("link", { name: new RegExp(PHOENIX) }).click();
    await page.waitForURL(/\/access\/requests\/[0-9a-f-]{36}/);
    await hydrated(page);
    await expect(page.getByRole("list", { name: "Request timeline" })).toContainText("Data migration");
    await checkPage(page, "my-access-request-detail");

    await page.getByRole("button", { name: /^Cancel request/ }).click();
    await page.getByRole("button", { name: /^Confirm cancel/ }).click();
    await expect(page.getByRole("status").filter({ hasText: "Request canceled" })).toBeVisible();
    await expect(page.getByText("Canceled", { exact: true }).first()).toBeVisible();
    await expect(page.getByRole("button", { name: /^Cancel request/ })).toHaveCount(0);
  });

  test("[APPROVER] bulk-approves several requests with one justification; a policy's rule refuses one, the others stand", async ({ page }) => {
    // Three more requests for Priya: two sponsors, three agents; break-glass needs the approver's justification.
    await signInAs(page, PERSONAS.leo, "/access");
    await requestForAgent(page, "Expense Auditor", STT, `Audits need ticket context (${stamp}).`);
    await requestForAgent(page, "Invoice Reconciliation Agent", STT, `Mismatches are filed as tickets (${stamp}).`);
    await signInAs(page, PERSONAS.aisha, "/access");
    await requestForAgent(page, "On-call Responder", BREAK_GLASS, `Incident ${stamp}.`);

    await signInAs(page, PERSONAS.priya, "/access/approvals");
    await visit(page, "/access/approvals");
    const mine = [
      pendingItem(page, `Summaries need the ticket queues (${stamp})`),
      pendingItem(page, `Audits need ticket context (${stamp})`),
      pendingItem(page, `Mismatches are filed as tickets (${stamp})`),
      pendingItem(page, `Incident ${stamp}.`),
    ];
    for (const item of mine) await expect(item).toBeVisible();
    // Each item shows the target's blueprint, sponsors, what it holds now, and the stage.
    await expect(mine[1]).toContainText("Blueprint: Finance Insights Agent");
    await expect(mine[1]).toContainText(`Sponsors: ${PERSONAS.leo}`);
    await expect(mine[1]).toContainText("Holds now");
    await expect(mine[1]).toContainText("Stage 1 of 1");
    await checkPage(page, "my-access-approvals");

    const bulk = page.getByRole("form", { name: "Decide selected requests" });
    await bulk.getByRole("checkbox", { name: "Select all on this page" }).check();
    await expect(bulk).toContainText(/(\d+) of \1 selected/);
    await bulk.getByRole("checkbox", { name: "Select all on this page" }).uncheck();
    await expect(bulk).toContainText(/\D0 of \d+ selected/);
    for (const item of mine) await item.getByRole("checkbox", { name: /Select for a bulk decision/ }).check();
    await expect(bulk).toContainText("4 of");

    // Without a justification: three are approved, break-glass is refused and stays pending.
    await bulk.getByRole("button", { name: /^Approve selected/ }).click();
    const outcome = bulk.getByRole("status");
    await expect(outcome).toContainText("3 approved, 1 could not be");
    await expect(outcome.getByRole("list", { name: "Requests not decided" })).toContainText(`${BREAK_GLASS} for On-call Responder`);
    await expect(bulk.getByText(/say why you approve or deny/)).toBeVisible();
    await expect(mine[0]).toHaveCount(0);
    await expect(mine[1]).toHaveCount(0);
    await expect(mine[2]).toHaveCount(0);
    await expect(mine[3]).toBeVisible();
    await checkPage(page, "my-access-approvals-bulk-result");

    // The remaining one, denied with a justification (so no break-glass access is left behind).
    await mine[3].getByRole("checkbox", { name: /Select for a bulk decision/ }).check();
    await field(bulk, "Justification for the selected requests").fill(`No incident open under ${stamp}.`);
    await bulk.getByRole("button", { name: /^Deny selected/ }).click();
    // The outcome stays on the page even when that emptied the inbox.
    await expect(page.getByRole("region", { name: /^Pending/ }).getByRole("status").filter({ hasText: "1 denied." })).toBeVisible();
    await expect(mine[3]).toHaveCount(0);

    await page.getByRole("navigation", { name: "Approvals" }).getByRole("link", { name: "History" }).click();
    await page.waitForURL(/\/access\/approvals\/history/);
    const history = page.getByRole("table", { name: "Requests you decided" });
    await expect(history.getByRole("row").filter({ hasText: "On-call Responder" }).first()).toContainText(`No incident open under ${stamp}.`);
    await checkPage(page, "my-access-approvals-history");
  });

  test("[EMPLOYEE] My access: extends a package (its end moves) and removes it", async ({ page }) => {
    await signInAs(page, PERSONAS.sam, "/access");
    await visit(page, "/access");
    await choose(field(page, "Access package"), HELPDESK);
    await page.getByRole("button", { name: "Submit request" }).click();
    await expect(page.getByRole("status").filter({ hasText: /Delivered/ })).toBeVisible();

    await visit(page, "/access/mine");
    const list = page.getByRole("list", { name: "Your access packages" });
    const item = list.getByRole("listitem").filter({ has: page.getByRole("heading", { name: HELPDESK }) });
    await expect(item).toContainText("Ends");
    const endBefore = await item.locator("time").nth(1).getAttribute("datetime");
    await checkPage(page, "my-access-mine");

    await item.getByRole("button", { name: `Extend ${HELPDESK}` }).click();
    await expect(item).toContainText("Extended at once, without approval.");
    await item.getByRole("button", { name: /^Extend now/ }).click();
    await expect(page.getByRole("status").filter({ hasText: "Extended: access now ends" })).toBeVisible();
    await expect
      .poll(async () => Date.parse((await item.locator("time").nth(1).getAttribute("datetime")) ?? ""), { message: "the end date moved later" })
      .toBeGreaterThan(Date.parse(endBefore ?? ""));

    await item.getByRole("button", { name: `Remove ${HELPDESK}` }).click();
    await item.getByRole("button", { name: /^Confirm removal/ }).click();
    await expect(page.getByRole("status").filter({ hasText: `Access removed: ${HELPDESK}` })).toBeVisible();
    await expect(page.getByRole("heading", { name: "You hold no access packages" })).toBeVisible();
  });
});
