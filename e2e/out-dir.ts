import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Where a Playwright run writes its screenshots, test results and report: `E2E_OUT` when set (CI runs its PGlite and
 * PostgreSQL passes at the same time, each into its own directory), otherwise the usual places: screenshots in
 * e2e/artifacts/, results in test-results/ and the report in playwright-report/.
 */
const E2E_DIR = path.dirname(fileURLToPath(import.meta.url));
const OUT = process.env.E2E_OUT ? path.resolve(process.env.E2E_OUT) : null;

export const ARTIFACTS_DIR = OUT ?? path.join(E2E_DIR, "artifacts");
export const PAGES_DIR = path.join(ARTIFACTS_DIR, "pages");
export const RESULTS_DIR = OUT ? path.join(OUT, "test-results") : "test-results";
export const REPORT_DIR = OUT ? path.join(OUT, "playwright-report") : "playwright-report";
