import { SEED_IDS } from "../db/seed";
import { signAccessToken } from "../lib/auth/tokens";
import { checkPage } from "./a11y";
import { expect, test } from "./fixtures";

/*
 * The API reference at /docs/api: public, rendered from the OpenAPI document, with "Try it" panels that send
 * requests from the browser. The token is signed here with the key every process derives from AUTH_SECRET
 * (the same secret playwright.config.ts gives the server).
 */
process.env.AUTH_SECRET ??= "steward-e2e-test-secret-0123456789abcdef0123456789";

test("[DEVELOPER] reads the API reference and tries operations with and without a bearer token", async ({ page }) => {
  test.setTimeout(180_000); // a long page: axe and full-page screenshots at two widths
  await page.goto("/docs/api");
  await expect(page.getByRole("heading", { level: 1, name: "API reference" })).toBeVisible();
  for (const tag of ["Authentication", "Assignment requests", "Service"]) await expect(page.getByRole("heading", { level: 2, name: tag })).toBeVisible();
  await checkPage(page, "api-docs", { axeAt375: true });

  // Schemas open on demand.
  const policies = page.getByRole("article").filter({ has: page.getByRole("heading", { name: "Create an assignment policy" }) });
  await policies.getByText("Request body schema").click();
  await expect(policies.getByLabel("Request body schema")).toContainText('"allowedTargetScope"');

  const health = page.getByRole("article").filter({ has: page.getByRole("heading", { name: "Health check (database reachable)" }) });
  await health.getByText("Try it").click();
  await health.getByRole("button", { name: "Send GET" }).click();
  await expect(health.getByText(/^Response: 200\b/)).toBeVisible();
  await expect(health.getByLabel(/Response body/)).toContainText('"status": "ok"');

  const list = page.getByRole("article").filter({ has: page.getByRole("heading", { name: "List requests (own, plus catalogs the caller may read)" }) });
  await list.getByText("Try it").click();
  await expect(list.getByText(/No bearer token set above/)).toBeVisible();
  await list.getByRole("button", { name: "Send GET" }).click();
  await expect(list.getByText(/^Response: 401\b/)).toBeVisible();
  await expect(list.getByLabel(/Response body/)).toContainText("InvalidAuthenticationToken");

  const token = await signAccessToken({ sub: SEED_IDS.servicePrincipals.stewardAutomation, appid: SEED_IDS.applicationAppIds.stewardAutomation, idtyp: "app", ptype: "servicePrincipal", roles: [] });
  await page.getByLabel("Bearer token").fill(token);
  await list.getByRole("button", { name: "Send GET" }).click();
  await expect(list.getByText(/^Response: 200\b/)).toBeVisible();
  await expect(list.getByLabel(/Response body/)).toContainText('"value"');

  // A body that is not JSON is caught beside the field, before anything is sent.
  const create = page.getByRole("article").filter({ has: page.getByRole("heading", { name: "Request, change or remove an assignment" }) });
  await create.getByText("Try it").click();
  await create.getByLabel(/^Body/).fill("{ not json");
  await create.getByRole("button", { name: "Send POST" }).click();
  await expect(create.getByText("The body is not valid JSON.")).toBeVisible();
});
