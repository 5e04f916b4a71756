// The embeds inside a host page served from another origin (another port):
// the iframe card and the web component render; a component whose code
// cannot be fetched keeps its fallback link.
import assert from "node:assert/strict";
import http from "node:http";
import { baseUrl, withPage } from "./lib.mjs";

const hostPage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>A developer portal</title>
<script type="module" src="${baseUrl}/static/close-code.js"></script></head>
<body>
<iframe id="card" src="${baseUrl}/embed/websocket/1009?theme=dark" width="480" height="240" title="1009"></iframe>
<close-code id="component" family="discord-gateway" code="4004" lang="vi"><a href="${baseUrl}/discord-gateway/4004">4004</a></close-code>
<close-code id="missing" family="no-such-family" code="1000"><a id="fallback" href="${baseUrl}/">closecodes</a></close-code>
</body></html>`;

const host = http.createServer((request, response) => {
  response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
  response.end(hostPage);
});
await new Promise((resolve) => host.listen(0, "127.0.0.1", resolve));
const hostUrl = `http://127.0.0.1:${host.address().port}/`;

try {
  await withPage(async (page) => {
    await page.goto(hostUrl);

    const card = page.frameLocator("#card");
    await card.locator("h1").waitFor();
    assert.match(await card.locator("h1").textContent(), /1009 Message Too Big/);
    assert.equal(await card.locator("html").getAttribute("data-theme"), "dark");

    const component = page.locator("#component");
    await component.locator("h2").waitFor();
    assert.match(await component.locator("h2").textContent(), /4004 Xác thực thất bại/);
    assert.equal(await component.locator("a").last().getAttribute("href"), `${baseUrl}/vi/discord-gateway/4004`);

    assert.equal(await page.locator("#fallback").isVisible(), true);
  }, {}, {
    // The missing family is a 404 on purpose: its URL is checked, and the
    // console repeats it without the URL.
    allowedFailures: [/no-such-family/, /^Failed to load resource: the server responded with a status of 404/],
  });
} finally {
  host.close();
}

console.log("embeds: ok");
