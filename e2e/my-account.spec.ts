import type { Locator, Page } from "@playwright/test";
import { PERSONAS, expect as baseExpect, field, hydrated, signInAs, test, visit } from "./fixtures";
import { removeClientSecret } from "./client-secrets";
import { checkPage } from "./a11y";

// Server actions re-render their page in `next dev` on a shared 2-core machine: give their outcomes time.
const expect = baseExpect.configure({ timeout: 30_000 });

/*
 * My Account: a sponsor's agents table and an agent's page — its effective access disappearing while it is disabled
 * and coming back when enabled, removal of an assignment, and an extension approved by the agent's owner that moves
 * the end date. The spec makes its own requests; Knowledge Base Curator ends as it started (enabled, no extra access).
 */

const KB = "Knowledge Base Curator";
const TRIAGE = "Ticket Triage Agent";
const DIRECTORY_READ = "Directory Read (8 hours)";
const FINANCE = "Finance Reporting Agent";
const INVOICE = "Invoice Reconciliation Agent";

async function choose(select: Locator, text: string | RegExp): Promise<void> {
  const option = select.locator("option").filter({ hasText: text }).first();
  await expect(option, `an option containing ${text}`).toBeAttached();
  await select.selectOption((await option.getAttribute("value")) ?? "");
}

/** Opens an agent's page from the My agents table. */
async function openAgent(page: Page, name: string): Promise<void> {
  await visit(page, "/account");
  await page.getByRole("table", { name: "My agents" }).getByRole("link", { name, exact: true }).click();
  await page.waitForURL(/\/account\/agents\/[0-9a-f-]{36}/);
  await hydrated(page);
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
}

/** From an agent's page: "Request access" (preselects the agent), then submit `pkg`. */
async function requestFromAgentPage(page: Page, pkg: string, justification: string, expected: RegExp): Promise<void> {
  await page.getByRole("link", { name: "Request access" }).first().click();
  await page.waitForURL(/\/access\?for=/);
  await hydrated(page);
  await choose(field(page, "Access package"), pkg);
  if (justification) await field(page, "Justification").fill(justification);
  await page.getByRole("button", { name: "Submit request" }).click();
  await expect(page.getByRole("status").filter({ hasText: expected })).toBeVisible();
}

function assignment(page: Page, agent: string, pkg: string): Locator {
  return page.getByRole("list", { name: `Assignments of ${agent}` }).getByRole("listitem").filter({ has: page.getByRole("heading", { name: pkg }) });
}

async function endOf(item: Locator): Promise<number> {
  return Date.parse((await item.locator("time").nth(1).getAttribute("datetime")) ?? "");
}

test.describe.serial("My Account", () => {
  // Several people, pages and axe runs per test; `next dev` compiles each page on first use.
  test.describe.configure({ timeout: 240_000 });
  const stamp = Date.now().toString(36);

  test("[SPONSOR] sees her agents with status, access and sponsors, and only hers", async ({ page }) => {
    await signInAs(page, PERSONAS.maya, "/account");
    await visit(page, "/account");
    const table = page.getByRole("table", { name: "My agents" });
    for (const name of [TRIAGE, KB, "Escalation Summarizer"]) await expect(table.getByRole("link", { name, exact: true })).toBeVisible();
    await expect(table).not.toContainText("Expense Auditor");
    await expect(table.getByRole("row").filter({ hasText: KB })).toContainText("Contoso Support Copilot");
    await checkPage(page, "my-account-agents");

    const search = page.getByRole("search", { name: "Filter agents" });
    await search.getByLabel("Search", { exact: true }).fill("curator");
    await search.getByRole("button", { name: "Apply filters" }).click();
    await page.waitForURL(/q=curator/);
    await expect(table.getByRole("link")).toHaveText([KB]);
  });

  test("[OWNER] finds the service principal he owns beside his agents, opens its page, and can request access for it", async ({ page }) => {
    // Tomas owns Payroll Sync (a service principal) and the Invoice Reconciliation Agent.
    await signInAs(page, PERSONAS.tomas, "/account");
    await visit(page, "/account");
    const table = page.getByRole("table", { name: "My agents" });
    const row = table.getByRole("row").filter({ has: page.getByRole("link", { name: "Payroll Sync", exact: true }) });
    await expect(row).toContainText("Service principal");
    await expect(table.getByRole("link", { name: INVOICE, exact: true })).toBeVisible();
    await checkPage(page, "my-account-agents-owner");

    await row.getByRole("link", { name: "Payroll Sync", exact: true }).click();
    await page.waitForURL(/\/account\/agents\/[0-9a-f-]{36}/);
    await hydrated(page);
    await expect(page.getByRole("heading", { level: 1, name: "Payroll Sync" })).toBeVisible();
    await expect(page.getByText("You: Owner")).toBeVisible();
    await expect(page.getByRole("button", { name: "Disable service principal" })).toBeVisible();
    await expect(page.getByText("Client secrets the service principal gets its tokens with.")).toBeVisible();
    await expect(page.getByRole("button", { name: "Create client secret" })).toBeVisible();
    await expect(page.getByText("Sponsors", { exact: true })).toHaveCount(0);
    await checkPage(page, "my-account-service-principal");

    // "Request access" preselects it in My Access, named as a service principal.
    await page.getByRole("link", { name: "Request access" }).first().click();
    await page.waitForURL(/\/access\?for=/);
    await hydrated(page);
    const target = field(page, "Request for");
    await expect(target.locator("option:checked")).toHaveText("Payroll Sync (service principal)");
    await expect(page.getByText("Yourself, an agent you sponsor or own, or a service principal you own.")).toBeVisible();
    await expect(page.getByText("Ask for an access package for yourself, the agent you sponsor or own, or the service principal you own.")).toBeVisible();
  });

  test("[SPONSOR] disables an agent: its grants disappear from its page; enabling it restores them; she removes the access", async ({ page }) => {
    await signInAs(page, PERSONAS.maya, "/account");
    await openAgent(page, KB);
    await requestFromAgentPage(page, DIRECTORY_READ, "", /Delivered/);

    // Past the last page of a list only its pager shows, saying which page is the last; the lists are not drawn empty.
    await openAgent(page, KB);
    await page.goto(`${page.url()}?requestsPage=7&assignmentsPage=5`);
    const onlyPage = (n: number) => new RegExp(`^There is no page ${n}: the (one entry is|\\d+ entries are) on pages? 1`);
    await expect(page.getByRole("navigation", { name: "Request pages" })).toContainText(onlyPage(7));
    await expect(page.getByRole("navigation", { name: "Assignment pages" })).toContainText(onlyPage(5));
    await expect(page.getByRole("table", { name: `Requests for ${KB}` })).toHaveCount(0);
    await expect(page.getByRole("list", { name: `Assignments of ${KB}` })).toHaveCount(0);

    await openAgent(page, KB);
    const grants = page.getByRole("list", { name: `Effective access of ${KB}` });
    await expect(grants).toContainText("Directory Readers");
    await checkPage(page, "my-account-agent", { axeAt375: true });

    await page.getByRole("button", { name: "Disable agent" }).click();
    await page.getByRole("button", { name: /^Confirm disable/ }).click();
    await expect(page.getByText("Disabled — holds no access while disabled.")).toBeVisible();
    await expect(grants).toHaveCount(0);
    await expect(page.getByText("None while disabled.")).toBeVisible();
    // The assignment is kept while disabled.
    await expect(assignment(page, KB, DIRECTORY_READ)).toBeVisible();
    await checkPage(page, "my-account-agent-disabled");

    await page.getByRole("button", { name: "Enable agent" }).click();
    await expect(grants).toContainText("Directory Readers");
    await expect(page.getByText("Disabled — holds no access while disabled.")).toHaveCount(0);

    const held = assignment(page, KB, DIRECTORY_READ);
    // The policy takes requests on the agent's behalf but not extensions, and says which.
    await expect(held).toContainText("Can't extend");
    await expect(held).toContainText("does not allow extensions on someone else's behalf");
    await held.getByRole("button", { name: `Remove ${DIRECTORY_READ}` }).click();
    await held.getByRole("button", { name: /^Confirm removal/ }).click();
    await expect(page.getByRole("status").filter({ hasText: `Access removed: ${DIRECTORY_READ}` })).toBeVisible();
    await expect(page.getByRole("list", { name: `Effective access of ${KB}` })).toHaveCount(0);

    // The activity lists what happened to the agent.
    const activity = page.getByRole("list", { name: `Activity of ${KB}` });
    await expect(activity).toContainText("agent.disable");
    await expect(activity).toContainText("agent.enable");
  });

  test("[SPONSOR] extends an agent's assignment; the owner approves the extension and the end date moves", async ({ page }) => {
    // The finance package is approved by the agent's sponsors or owners other than the requestor: Carlos owns Triage.
    await signInAs(page, PERSONAS.maya, "/account");
    await openAgent(page, TRIAGE);
    await requestFromAgentPage(page, FINANCE, `Triage reports on finance tickets (${stamp}).`, /pending approval/i);

    const approve = async (text: string) => {
      await signInAs(page, PERSONAS.carlos, "/access/approvals");
      await visit(page, "/access/approvals");
      const item = page.getByRole("region", { name: /^Pending/ }).getByRole("listitem").filter({ hasText: text });
      await expect(item).toBeVisible();
      await item.getByRole("button", { name: "Approve", exact: true }).click();
      await expect(page.getByRole("region", { name: /^Pending/ }).getByRole("listitem").filter({ hasText: text })).toHaveCount(0);
    };
    await approve(`Triage reports on finance tickets (${stamp}).`);

    await signInAs(page, PERSONAS.maya, "/account");
    await openAgent(page, TRIAGE);
    const held = assignment(page, TRIAGE, FINANCE);
    await expect(held).toBeVisible();
    const before = await endOf(held);
    await held.getByRole("button", { name: `Extend ${FINANCE}` }).click();
    await expect(held).toContainText("it needs approval again");
    await field(held, "Justification").fill(`Month-end close runs late (${stamp}).`);
    await held.getByRole("button", { name: /^Request extension/ }).click();
    await expect(page.getByRole("status").filter({ hasText: "Extension requested: pending approval." })).toBeVisible();
    await expect(held.getByText("Extension pending")).toBeVisible();
    await expect(held).toContainText("Can't extend");

    await approve(`Month-end close runs late (${stamp}).`);

    await signInAs(page, PERSONAS.maya, "/account");
    await openAgent(page, TRIAGE);
    await expect(held.getByText("Extension pending")).toHaveCount(0);
    expect(await endOf(held), "the end date moved later").toBeGreaterThan(before);
    const requests = page.getByRole("table", { name: `Requests for ${TRIAGE}` });
    await expect(requests.getByRole("row").filter({ hasText: "Extend" }).first()).toContainText("Delivered");
  });

  test("[OWNER] creates a client secret on his agent's page and removes it: the token endpoint refuses it at once; a sponsor sees the list read-only", async ({ page }) => {
    // Tomas owns the Invoice Reconciliation Agent; Leo is one of its sponsors.
    await signInAs(page, PERSONAS.tomas, "/account");
    await openAgent(page, INVOICE);
    await field(page, "Secret name").fill(`laptop ${stamp}`);
    await page.getByRole("button", { name: "Create client secret" }).click();
    const secretField = page.getByLabel("Client secret", { exact: true });
    await expect(secretField).toBeVisible();
    const secret = await secretField.inputValue();
    const clientId = await page.getByLabel("Client ID", { exact: true }).inputValue();
    const tokenWith = (s: string) => page.request.post("/api/oauth2/v2.0/token", { form: { grant_type: "client_credentials", client_id: clientId, client_secret: s, scope: "https://graph.microsoft.com/.default" } });
    expect((await tokenWith(secret)).status()).toBe(200);

    await openAgent(page, INVOICE);
    const list = page.getByRole("list", { name: `Client secrets of ${INVOICE}` });
    const item = list.getByRole("listitem").filter({ hasText: `${secret.slice(0, 3)}•••` });
    await expect(item).toContainText(`laptop ${stamp}`);
    await expect(item).toContainText(`by ${PERSONAS.tomas}`);

    await signInAs(page, PERSONAS.leo, "/account");
    await openAgent(page, INVOICE);
    await expect(item).toBeVisible();
    await expect(list.getByRole("button", { name: /^Remove/ })).toHaveCount(0);
    await expect(page.getByText("Only the agent's owners and Identity Governance Administrators can add or remove client secrets.")).toBeVisible();
    await expect(page.getByRole("button", { name: "Create client secret" })).toHaveCount(0);
    await checkPage(page, "my-account-agent-sponsor-credentials");

    await signInAs(page, PERSONAS.tomas, "/account");
    await openAgent(page, INVOICE);
    // A second tab of the same agent page, opened before anything is removed (it goes stale).
    const stale = await page.context().newPage();
    await openAgent(stale, INVOICE);
    const staleItem = stale.getByRole("list", { name: `Client secrets of ${INVOICE}` }).getByRole("listitem").filter({ hasText: `${secret.slice(0, 3)}•••` });
    await expect(staleItem).toBeVisible();

    // A secret created and removed again on the same page: its one-time panel goes with it. The list says how many
    // secrets are in force against the limit.
    const inForce = page.getByText(/^\d+ of at most 20 secrets in force/);
    const before = Number((await inForce.textContent())?.match(/^\d+/)?.[0]);
    expect(before).toBeGreaterThan(0);
    await field(page, "Secret name").fill(`spare ${stamp}`);
    await page.getByRole("button", { name: "Create client secret" }).click();
    const spareSecret = await secretField.inputValue();
    const spare = list.getByRole("listitem").filter({ hasText: `spare ${stamp}` });
    await expect(spare).toContainText(`${spareSecret.slice(0, 3)}•••`);
    await expect(inForce).toHaveText(`${before + 1} of at most 20 secrets in force.`);
    await removeClientSecret(page, spare);
    await expect(inForce).toHaveText(`${before} of at most 20 secrets in force.`);
    await expect(secretField).toHaveCount(0);
    await expect(page.getByText("won't be shown again")).toHaveCount(0);

    await removeClientSecret(page, item);
    const refused = await tokenWith(secret);
    expect(refused.status()).toBe(401);
    expect((await refused.json()).error).toBe("invalid_client");

    // The stale tab tries to remove the same secret: it is told so by name, and its list catches up.
    await staleItem.getByRole("button", { name: /^Remove client secret/ }).click();
    await staleItem.getByRole("button", { name: /^Confirm remove client secret/ }).click();
    await expect(stale.getByRole("alert").or(stale.getByRole("status")).filter({ hasText: `Client secret laptop ${stamp} (${secret.slice(0, 3)}•••) was already removed` })).toBeVisible({ timeout: 30_000 });
    await expect(staleItem).toHaveCount(0);
    await checkPage(stale, "my-account-agent-secret-already-removed");
    await stale.close();
  });
});
