import { test, expect, PERSONAS } from "./fixtures";
import { checkPage } from "./a11y";

/** The persona picker (nobody signed in) and the not-found page (signed in: anonymous visitors go to sign-in first). */
test("[ANYONE] the sign-in page and the not-found page pass axe at desktop width and at 375 px", async ({ page, signInAs }) => {
  await page.goto("/signin");
  await expect(page.getByRole("button", { name: /Ines Alvarez/ })).toBeVisible();
  await checkPage(page, "signin", { axeAt375: true });
  await signInAs(PERSONAS.sam);
  const res = await page.goto("/no-such-page");
  expect(res?.status()).toBe(404);
  await checkPage(page, "not-found", { axeAt375: true });
});
