// The interactive API docs load from closecodes alone: every request the page
// makes stays on the server under test, and the UI lists every operation.
import assert from "node:assert/strict";
import { baseUrl, withPage } from "./lib.mjs";

const origin = new URL(baseUrl).origin;

await withPage(async (page) => {
  const requested = [];
  page.on("request", (request) => requested.push(request.url()));
  // Anything bound elsewhere is refused, as on a network with no internet.
  await page.route("**/*", (route) =>
    route.request().url().startsWith(origin) ? route.continue() : route.abort("internetdisconnected"),
  );

  await page.goto(`${baseUrl}/api/docs`);
  await page.locator(".swagger-ui .info .title").waitFor();
  assert.match(await page.locator(".swagger-ui .info .title").textContent(), /closecodes API/);
  const operations = page.locator(".opblock-summary-path");
  await operations.first().waitFor();
  const paths = await operations.allTextContents();
  for (const path of ["/api/v1/lookup/{n}", "/api/v1/search", "/api/v1/families/{family}/compare/{a}/{b}"]) {
    assert.ok(paths.some((p) => p.replace(/\u200b/g, "").includes(path)), `${path} in ${paths}`);
  }

  const elsewhere = requested.filter((url) => !url.startsWith(origin) && !url.startsWith("data:"));
  assert.deepEqual(elsewhere, [], "requests that left the server");
  assert.ok(requested.some((url) => url.endsWith("/api/v1/openapi.json")), "the spec was loaded");
});

console.log("api docs offline: ok");
