import type { Locator, Page } from "@playwright/test";
import { expect as baseExpect } from "./fixtures";

// Server actions re-render their page: give their outcomes time (as the specs that call this do).
const expect = baseExpect.configure({ timeout: 30_000 });

/**
 * Removes the client secret in list row `item` (Remove, then Confirm). The row goes; the outcome is announced by the
 * list (not the row) and focus stays in the list.
 */
export async function removeClientSecret(page: Page, item: Locator): Promise<void> {
  await item.getByRole("button", { name: /^Remove client secret/ }).click();
  await item.getByRole("button", { name: /^Confirm remove client secret/ }).click();
  await expect(item).toHaveCount(0);
  await expect(page.getByRole("status").filter({ hasText: "removed: it can no longer get tokens." })).toBeVisible();
  await expect(page.locator(":focus")).toHaveCount(1);
  expect(await page.evaluate(() => document.activeElement !== document.body)).toBe(true);
}
