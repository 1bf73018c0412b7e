import fs from "node:fs";
import type { Locator } from "@playwright/test";
import { PERSONAS, expect, field, hydrated, test, visit } from "./fixtures";

/*
 * The admin center's read views over a request this spec makes itself: a sponsor requests a seeded package for
 * her agent, the approver approves it, and the administrator follows it through Requests (with its timeline),
 * Assignments (CSV export, removal) and the Audit log. Only seeded data and this spec's own actions are used.
 */

const AGENT = "Escalation Summarizer";
const PACKAGE = "Support Ticket Triage";




/** Picks the first option of a <select> whose text contains `text`. */
async function choose(select: Locator, text: string | RegExp): Promise<void> {
  const option = select.locator("option").filter({ hasText: text }).first();
  await expect(option, `an option containing ${text}`).toBeAttached();
  await select.selectOption((await option.getAttribute("value")) ?? "");
}

test("[ADMIN] sees requests, a request timeline, assignments with CSV export and the audit log", async ({ page, signInAs, shot }) => {
  const stamp = Date.now().toString(36);
  const justification = `Summaries need the ticket history (${stamp}).`;
  const approval = `Summarizing tickets is its job (${stamp}).`;

  await test.step("the sponsor requests the package for her agent, and the approver approves it", async () => {
    await signInAs(PERSONAS.maya, "/access");
    await visit(page, "/access");
    await choose(field(page, "Request for"), AGENT);
    await choose(field(page, "Access package"), PACKAGE);
    await field(page, "Justification").fill(justification);
    await page.getByRole("button", { name: "Submit request" }).click();
    await expect(page.getByRole("status").filter({ hasText: /pending approval/i })).toBeVisible();

    await signInAs(PERSONAS.priya, "/access/approvals");
    await visit(page, "/access/approvals");
    const item = page.getByRole("region", { name: /^Pending/ }).getByRole("listitem").filter({ hasText: justification });
    await expect(item).toBeVisible();
    await field(item, "Justification").fill(approval);
    await item.getByRole("button", { name: "Approve", exact: true }).click();
    await expect(page.getByRole("region", { name: /^Pending/ }).getByRole("listitem").filter({ hasText: justification })).toHaveCount(0);
  });

  await test.step("Requests: filter by state and search; the request is delivered", async () => {
    await signInAs(PERSONAS.ines, "/admin/requests");
    await visit(page, "/admin/requests");
    await expect(page.getByRole("heading", { level: 1, name: "Requests" })).toBeVisible();
    const filters = page.getByRole("search", { name: "Filter requests" });
    await filters.getByLabel("State", { exact: true }).selectOption({ label: "Delivered" });
    await filters.getByLabel("Search", { exact: true }).fill(AGENT);
    await filters.getByRole("button", { name: "Apply filters" }).click();
    await page.waitForURL(/state=delivered/);
    const table = page.getByRole("table", { name: "Access requests" });
    const row = table.getByRole("row").filter({ hasText: AGENT }).first();
    await expect(row).toContainText(PACKAGE);
    await expect(row).toContainText(PERSONAS.maya);
    await expect(row).toContainText("Delivered");
    await expect(row).toContainText("Add (on behalf)");
    await shot("admin-views-01-requests");

    // A search nothing matches says so.
    await visit(page, "/admin/requests?q=no-such-request-anywhere");
    await expect(page.getByText("No requests match these filters.")).toBeVisible();
  });

  await test.step("the request's timeline: submission, approval stage, delivery, assignment and audit trail", async () => {
    await visit(page, `/admin/requests?q=${encodeURIComponent(AGENT)}`);
    await page.getByRole("link", { name: `${PACKAGE} request for ${AGENT}` }).first().click();
    await page.waitForURL(/\/admin\/requests\/[0-9a-f-]{36}$/);
    await expect(page.getByRole("heading", { level: 1, name: `${PACKAGE} for ${AGENT}` })).toBeVisible();
    const timeline = page.getByRole("list", { name: "Request timeline" });
    await expect(timeline).toContainText(justification);
    await expect(timeline).toContainText(`${PERSONAS.maya} on the agent's behalf`);
    const approvers = page.getByRole("list", { name: "Approvers of stage 1" });
    await expect(approvers.getByRole("listitem").filter({ hasText: PERSONAS.priya })).toContainText("Primary");
    await expect(timeline).toContainText(`by ${PERSONAS.priya}`);
    await expect(timeline).toContainText(approval);
    await expect(timeline).toContainText(/Delivered \d+ resource roles?\./);
    const audit = page.getByRole("list", { name: "Audit events of this request" });
    await expect(audit.getByRole("listitem")).toHaveText([/request\.create.*Maya Chen/s, /approval\.approve.*Priya Raman/s, /assignment\.deliver.*Priya Raman/s]);
    await shot("admin-views-02-request-timeline");
  });

  let assignmentRow: Locator;
  await test.step("Assignments: the new assignment, its pathway, and the filtered rows as CSV", async () => {
    await page.getByRole("link", { name: "Show in assignments" }).click();
    await page.waitForURL(/\/admin\/assignments\?/);
    await hydrated(page);
    assignmentRow = page.getByRole("table", { name: "Assignments" }).getByRole("row").filter({ hasText: AGENT }).filter({ hasText: "Delivered" });
    await expect(assignmentRow).toHaveCount(1);
    await expect(assignmentRow).toContainText(PACKAGE);
    await expect(assignmentRow).toContainText("On behalf");
    await shot("admin-views-03-assignments");

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Export CSV" }).click()]);
    expect(download.suggestedFilename()).toBe("assignments.csv");
    const csv = fs.readFileSync(await download.path(), "utf8");
    const lines = csv.trim().split(/\r\n/);
    expect(lines[0]).toBe("Target,Target type,Access package,Catalog,Policy,State,Start (UTC),End (UTC),Pathway,Assignment id,Target id,Request id");
    // The export carries the page's filters: only this package's assignments of this agent.
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines.slice(1)) expect(line.startsWith(`${AGENT},agentIdentity,${PACKAGE},`)).toBe(true);
    expect(lines.some((l) => l.includes(",delivered,") && l.includes(",On behalf,"))).toBe(true);
  });

  await test.step("Assignments: the administrator removes it", async () => {
    await assignmentRow.getByRole("button", { name: /^Remove/ }).click();
    await page.getByRole("button", { name: new RegExp(`^Confirm removal of ${PACKAGE} from ${AGENT}`) }).click();
    await expect(page.getByRole("status").filter({ hasText: "Access removed" })).toBeVisible();
    await expect(page.getByRole("table", { name: "Assignments" }).getByRole("row").filter({ hasText: AGENT }).filter({ hasText: "Delivered" })).toHaveCount(0);
    await expect(page.getByRole("table", { name: "Assignments" }).getByRole("row").filter({ hasText: AGENT }).filter({ hasText: "Removed" }).first()).toBeVisible();
    await shot("admin-views-04-assignment-removed");
  });

  await test.step("Audit log: filter by action; each event names its actor and links to its request", async () => {
    await visit(page, "/admin/audit");
    await expect(page.getByRole("heading", { level: 1, name: "Audit log" })).toBeVisible();
    const filters = page.getByRole("search", { name: "Filter the audit log" });
    await filters.getByLabel("Action", { exact: true }).selectOption("approval.approve");
    await filters.getByRole("button", { name: "Apply filters" }).click();
    await page.waitForURL(/action=approval\.approve/);
    const table = page.getByRole("table", { name: "Audit events" });
    const row = table.getByRole("row").filter({ hasText: `${PACKAGE} for ${AGENT}` }).first();
    await expect(row).toContainText(PERSONAS.priya);
    await expect(row).toContainText("Success");
    await expect(row.getByRole("link", { name: "View request" })).toHaveAttribute("href", /\/admin\/requests\/[0-9a-f-]{36}$/);
    await expect(table.getByRole("row").filter({ hasText: "request.create" })).toHaveCount(0);
    await shot("admin-views-05-audit");

    await visit(page, "/admin/audit?action=assignment.remove");
    await expect(table.getByRole("row").filter({ hasText: `${PACKAGE} for ${AGENT}` }).first()).toContainText(PERSONAS.ines);
  });

  await test.step("a catalog owner sees his catalog's requests but not the audit log; someone without a role cannot export", async () => {
    await signInAs(PERSONAS.carlos, "/admin/audit");
    await visit(page, "/admin/audit");
    await expect(page.getByRole("heading", { name: "You need the Identity Governance Administrator role" })).toBeVisible();
    await visit(page, `/admin/requests?q=${encodeURIComponent(AGENT)}`);
    await expect(page.getByRole("table", { name: "Access requests" }).getByRole("row").filter({ hasText: AGENT }).first()).toBeVisible();

    await signInAs(PERSONAS.sam, "/access");
    const res = await page.request.get("/admin/assignments/export");
    expect(res.status()).toBe(403);
  });
});
