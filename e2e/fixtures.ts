import fs from "node:fs";
import path from "node:path";
import { test as base, expect, type Locator, type Page } from "@playwright/test";
import { ARTIFACTS_DIR } from "./out-dir";

/** The seeded demo people (db/seed.ts), by the role each plays in the specs. */
export const PERSONAS = {
  /** Identity Governance Administrator. */
  ines: "Ines Alvarez",
  /** Owner of the Agent Platform catalog. */
  carlos: "Carlos Mendes",
  /** Security Operations Lead: approves agent packages. */
  priya: "Priya Raman",
  /** Finance Systems Manager: fallback approver. */
  tomas: "Tomas Novak",
  /** Sponsor of Ticket Triage Agent, Knowledge Base Curator, Escalation Summarizer. */
  maya: "Maya Chen",
  /** Sponsor of Invoice Reconciliation Agent, Expense Auditor, Forecast Modeler. */
  leo: "Leo Fischer",
  /** Sponsor of Invoice Reconciliation Agent, Release Notes Writer, On-call Responder. */
  aisha: "Aisha Bello",
  /** An employee with no special role. */
  sam: "Sam Taylor",
} as const;

export type PersonaName = (typeof PERSONAS)[keyof typeof PERSONAS];

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * Signs in as a seeded person through the persona picker (next-auth Credentials provider
 * "persona"), then waits until the browser has left /signin with a session cookie.
 * Any previous session is dropped first, so one page can switch people.
 */
export async function signInAs(page: Page, name: PersonaName, callbackUrl = "/"): Promise<void> {
  await page.context().clearCookies();
  await page.goto(`/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`);
  await page.getByRole("button", { name: new RegExp(escapeRegExp(name)) }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/signin"), { timeout: 30_000 });
  const cookies = await page.context().cookies();
  expect(cookies.some((c) => c.name.includes("authjs.session-token")), `signed in as ${name}`).toBe(true);
}

/** A full-page screenshot at e2e/artifacts/<name>.png (or under `E2E_OUT`; kept as a CI artifact). */
export async function shot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS_DIR, `${name}.png`), fullPage: true });
}

type Fixtures = {
  /** `signInAs(name)` for this test's page. */
  signInAs: (name: PersonaName, callbackUrl?: string) => Promise<void>;
  /** `shot(name)` for this test's page. */
  shot: (name: string) => Promise<void>;
};

export const test = base.extend<Fixtures>({
  // The second argument is named `provide`, not `use`, so React's hook lint rule leaves it alone.
  signInAs: async ({ page }, provide) => {
    await provide((name, callbackUrl) => signInAs(page, name, callbackUrl));
  },
  shot: async ({ page }, provide) => {
    await provide((name) => shot(page, name));
  },
});
export { expect };

/**
 * Waits until React has hydrated the page's forms: a form submitted through a client handler
 * falls back to a plain GET when clicked before hydration. (Not "networkidle": Next's link
 * prefetches can keep a connection open.)
 */
export async function hydrated(page: Page): Promise<void> {
  await page.waitForFunction(() =>
    Array.from(document.querySelectorAll("main form")).every((form) => Object.keys(form).some((key) => key.startsWith("__reactFiber"))),
  );
}

/** Goes to `url` and waits for its forms to hydrate. */
export async function visit(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await hydrated(page);
}

/** The form control labelled exactly `label`; a required field's label ends in an asterisk. */
export function field(scope: Page | Locator, label: string): Locator {
  return scope.getByLabel(new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\s*\\*?$`));
}
