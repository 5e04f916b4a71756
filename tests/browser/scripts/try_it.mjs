// The "Try it" panel: the browser opens /ws/echo and shows the CloseEvent it
// really reports, for a sent code (1000), the 1006 simulation and a
// private-use code of a service (Discord Gateway 4001).
import assert from "node:assert/strict";
import { baseUrl, withPage } from "./lib.mjs";

const cases = [
  { path: "/websocket/1000", code: "1000", reason: "closecodes demo", wasClean: "true" },
  { path: "/websocket/1006", code: "1006", reason: "\u2014", wasClean: "false" },
  { path: "/discord-gateway/4001", code: "4001", reason: "closecodes demo", wasClean: "true" },
  { path: "/vi/websocket/1005", code: "1005", reason: "\u2014", wasClean: "true" },
];

await withPage(async (page) => {
  for (const expected of cases) {
    await page.goto(`${baseUrl}${expected.path}`);
    const panel = page.locator("section.try-it");
    // The commands name this server, not the placeholder.
    const commands = await panel.locator("pre code").textContent();
    assert.ok(commands.includes(`ws://${new URL(baseUrl).host}/ws/echo?close=${expected.code}`), commands);

    await panel.locator("button.try").click();
    const output = panel.locator("output.close-event");
    await output.waitFor({ state: "visible" });
    const read = (name) => output.locator(`[data-field="${name}"]`).textContent();
    assert.equal(await read("code"), expected.code, expected.path);
    assert.equal(await read("reason"), expected.reason, expected.path);
    assert.equal(await read("wasClean"), expected.wasClean, expected.path);
  }

  // A code no endpoint may send has no button, only the explanation.
  await page.goto(`${baseUrl}/websocket/1015`);
  assert.equal(await page.locator("section.try-it button").count(), 0);
  assert.match(await page.locator("section.try-it").textContent(), /cannot send 1015/);
});

console.log("try it: ok");
