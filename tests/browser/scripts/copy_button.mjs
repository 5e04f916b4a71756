// The Copy button on a code snippet: hidden without JavaScript, shown with it,
// and a click puts exactly the snippet's code on the clipboard.
import assert from "node:assert/strict";
import { baseUrl, withPage } from "./lib.mjs";

await withPage(async (page, context) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseUrl });
  await page.goto(`${baseUrl}/websocket/1009`);

  const figures = page.locator("figure.snippet");
  const count = await figures.count();
  assert.ok(count >= 5, `expected a snippet per language, found ${count}`);

  for (const index of [0, count - 1]) {
    const figure = figures.nth(index);
    const button = figure.locator("button.copy");
    await button.waitFor({ state: "visible" });
    const label = await button.textContent();
    const expected = await figure.locator("pre code").textContent();

    const handle = await button.elementHandle();
    await button.click();
    await page.waitForFunction((el) => el.textContent === el.dataset.copied, handle);
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), expected);

    // The label comes back by itself.
    await page.waitForFunction(([el, text]) => el.textContent === text, [handle, label]);
  }
});

await withPage(async (page) => {
  await page.goto(`${baseUrl}/websocket/1009`);
  const hidden = await page.locator("button.copy").evaluateAll((buttons) => buttons.every((b) => b.hidden));
  assert.ok(hidden, "without JavaScript no Copy button may show");
}, { javaScriptEnabled: false });

console.log("copy buttons: ok");
