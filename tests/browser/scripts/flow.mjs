// A reader's path through the site: home → search "1009" → the code page → a
// comparison → Vietnamese → back; the instant results under the search box;
// the theme toggle, remembered across pages.
import assert from "node:assert/strict";
import { baseUrl, withPage } from "./lib.mjs";

await withPage(async (page) => {
  await page.goto(`${baseUrl}/`);
  const box = page.locator("form.site-search input[name=q]");
  await box.fill("1009");
  await box.press("Enter");
  await page.waitForURL(`${baseUrl}/search?q=1009`);
  await page.locator("ol.search-results a").first().click();
  await page.waitForURL(`${baseUrl}/websocket/1009`);
  assert.match(await page.locator("h1").textContent(), /1009 Message Too Big/);

  await page.locator("ul.related a").first().click();
  await page.waitForURL(/\/websocket\/\d+-vs-\d+$/);
  const comparison = page.url();
  assert.match(await page.locator("h1").textContent(), /vs/);

  await page.getByRole("link", { name: "Tiếng Việt" }).click();
  await page.waitForURL(comparison.replace(baseUrl, `${baseUrl}/vi`));
  assert.equal(await page.getAttribute("html", "lang"), "vi");
  await page.goBack();
  await page.waitForURL(comparison);
  assert.equal(await page.getAttribute("html", "lang"), "en");
});

await withPage(async (page) => {
  await page.goto(`${baseUrl}/websocket/1000`);
  const box = page.locator("form.site-search input[name=q]");
  await box.pressSequentially("going away");
  const options = page.locator(".instant-results [role=option]");
  await options.first().waitFor();
  assert.equal(await box.getAttribute("aria-expanded"), "true");
  await box.press("ArrowDown");
  assert.equal(await options.first().getAttribute("aria-selected"), "true");
  await box.press("Enter");
  await page.waitForURL(`${baseUrl}/websocket/1001`);

  await page.goto(`${baseUrl}/vi/`);
  await page.locator("form.site-search input[name=q]").pressSequentially("thong diep qua lon");
  await page.locator(".instant-results [role=option]").first().waitFor();
  assert.match(await page.locator(".instant-results").textContent(), /Thông điệp quá lớn/);
  await page.locator("form.site-search input[name=q]").press("Escape");
  assert.equal(await page.locator(".instant-results").isHidden(), true);
});

await withPage(async (page) => {
  await page.goto(`${baseUrl}/`);
  const toggle = page.locator("button.theme-toggle");
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme ?? "auto"), "auto");
  const systemBackground = await background();

  await toggle.click();
  assert.equal(await page.getAttribute("html", "data-theme"), "light");
  assert.equal(await background(), "rgb(255, 255, 255)");
  await toggle.click();
  assert.equal(await page.getAttribute("html", "data-theme"), "dark");
  assert.equal(await background(), "rgb(14, 18, 23)");

  // Remembered on the next page.
  await page.goto(`${baseUrl}/websocket/1009`);
  assert.equal(await page.getAttribute("html", "data-theme"), "dark");
  // Only the current label shows (and names the button).
  assert.match(await page.locator("button.theme-toggle").innerText(), /^Theme: dark$/);
  assert.equal(await page.getByRole("button", { name: "Theme: dark" }).count(), 1);

  await page.locator("button.theme-toggle").click();
  assert.equal(await page.getAttribute("html", "data-theme"), null);
  assert.equal(await background(), systemBackground);
}, { colorScheme: "light" });

console.log("flow: ok");
