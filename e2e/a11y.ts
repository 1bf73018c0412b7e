import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

const PAGES = path.join(path.dirname(fileURLToPath(import.meta.url)), "artifacts", "pages");

/** WCAG 2.x A and AA rules; the acceptance bar is no serious or critical violation. */
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/**
 * Checks the page as it is now: axe reports no serious or critical violation, and screenshots are kept at
 * desktop width and at 375 px (e2e/artifacts/pages/<name>-desktop.png and -375.png, CI artifacts).
 * The viewport is restored afterwards, so a spec can go on from where it was.
 * E2E_PAGE_CHECKS=off skips it: CI's second e2e pass (PostgreSQL) renders the same pages as the first (PGlite), where
 * they are checked; the checks are about half of a pass's time.
 */
export async function checkPage(page: Page, name: string): Promise<void> {
  if (process.env.E2E_PAGE_CHECKS === "off") return;
  const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  const bad = results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).slice(0, 5).join(", ")}`);
  expect(bad, `axe on ${name} (${page.url()})`).toEqual([]);

  fs.mkdirSync(PAGES, { recursive: true });
  const viewport = page.viewportSize() ?? { width: 1280, height: 720 };
  await page.screenshot({ path: path.join(PAGES, `${name}-desktop.png`), fullPage: true });
  await page.setViewportSize({ width: 375, height: 812 });
  try {
    // Let responsive layout settle before the narrow screenshot; the page must not scroll sideways.
    await page.waitForTimeout(150);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `${name} scrolls sideways at 375 px by ${overflow}px`).toBeLessThanOrEqual(1);
    const narrow = await new AxeBuilder({ page }).withTags(TAGS).analyze();
    const narrowBad = narrow.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.impact} ${v.id}: ${v.help}`);
    expect(narrowBad, `axe on ${name} at 375 px`).toEqual([]);
    await page.screenshot({ path: path.join(PAGES, `${name}-375.png`), fullPage: true });
  } finally {
    await page.setViewportSize(viewport);
  }
}
