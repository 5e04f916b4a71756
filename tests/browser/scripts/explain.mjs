// A developer pastes a log line into the home page's box and submits: the
// answer shows the right code, and its link leads to the code's page. Then the
// same with JavaScript off (the box is a plain form), and from the header's
// search box (a pasted line goes to explain).
import assert from "node:assert/strict";
import { baseUrl, withPage } from "./lib.mjs";

const PASTED = "discord.errors.ConnectionClosed: Shard ID None WebSocket closed with 4014";

async function pasteAndExplain(page) {
  await page.goto(`${baseUrl}/`);
  const box = page.locator("form.explain-form textarea[name=text]");
  await box.fill(PASTED);
  await page.locator("form.explain-form button[type=submit]").click();
  await page.waitForURL(/\/explain\?text=/);
  const best = page.locator("article.explained.best");
  assert.match(await best.locator("h2#best").textContent(), /4014 Disallowed intent\(s\)/);
  assert.match(await best.textContent(), /discord\.py/);
  assert.equal(await page.locator("form.explain-form textarea").inputValue(), PASTED);
  await best.locator("h2#best a:not(.anchor)").click();
  await page.waitForURL(`${baseUrl}/discord-gateway/4014`);
  assert.match(await page.locator("h1").textContent(), /4014/);
}

await withPage(pasteAndExplain);
await withPage(pasteAndExplain, { javaScriptEnabled: false });

for (const javaScriptEnabled of [true, false]) {
  await withPage(
    async (page) => {
      await page.goto(`${baseUrl}/vi/websocket/1000`);
      const box = page.locator("form.site-search input[name=q]");
      await box.fill("websocket: close 1006 (abnormal closure): unexpected EOF");
      await box.press("Enter");
      await page.waitForURL(/\/vi\/explain\?text=/);
      const best = page.locator("article.explained.best h2#best a:not(.anchor)");
      assert.equal(await best.getAttribute("href"), "/vi/websocket/1006");
    },
    { javaScriptEnabled },
  );
}
