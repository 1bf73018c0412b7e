import fs from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { PAGES_DIR as PAGES } from "./out-dir";

/** WCAG 2.x A and AA rules; the acceptance bar is no serious or critical violation. */
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/**
 * Whether this spec checks its pages: `E2E_PAGE_CHECKS` is `on` (the default), `off`, `only:<specs>` or
 * `except:<specs>`, specs named by file without `.spec.ts` (`only:api-docs,package-wizard`). The pages are the same
 * markup on either database, and the checks are about half of an e2e pass's time, so CI's two passes (PGlite and
 * PostgreSQL, run at the same time) split them: one checks the listed specs' pages, the other all the rest.
 */
function pageChecksWanted(): boolean {
  const setting = (process.env.E2E_PAGE_CHECKS ?? "on").trim();
  if (setting === "on") return true;
  if (setting === "off") return false;
  const m = /^(only|except):(.+)$/.exec(setting);
  if (!m) throw new Error(`E2E_PAGE_CHECKS must be on, off, only:<specs> or except:<specs> (comma-separated spec names); got "${setting}"`);
  const spec = path.basename(test.info().file).replace(/\.spec\.ts$/, "");
  const listed = m[2].split(",").map((s) => s.trim()).includes(spec);
  return m[1] === "only" ? listed : !listed;
}

export type CheckPageOptions = {
  /**
   * Run axe at 375 px as well. Off by default: the markup is the same at both widths (only CSS changes), so a second
   * run mostly repeats the first at ~1.4 s a page — about a sixth of an e2e pass. Set on the pages whose narrow
   * layout shows markup of its own: each shell's first page (the Menu button), the public pages, the wizard, the
   * agent page, the API reference.
   */
  axeAt375?: boolean;
};

/**
 * Checks the page as it is now: axe reports no serious or critical violation, the page does not scroll sideways at
 * 375 px, and screenshots are kept at desktop width and at 375 px (e2e/artifacts/pages/<name>-desktop.png and
 * -375.png, or under `E2E_OUT`; CI artifacts). The viewport is restored afterwards, so a spec can go on from where it
 * was. `E2E_PAGE_CHECKS` can skip it (above).
 */
export async function checkPage(page: Page, name: string, { axeAt375 = false }: CheckPageOptions = {}): Promise<void> {
  if (!pageChecksWanted()) return;
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
    if (axeAt375) {
      const narrow = await new AxeBuilder({ page }).withTags(TAGS).analyze();
      const narrowBad = narrow.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.impact} ${v.id}: ${v.help}`);
      expect(narrowBad, `axe on ${name} at 375 px`).toEqual([]);
    }
    await page.screenshot({ path: path.join(PAGES, `${name}-375.png`), fullPage: true });
  } finally {
    await page.setViewportSize(viewport);
  }
}
