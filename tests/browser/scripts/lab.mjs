// The lab's "Run in this browser" button: Chromium runs every single-connection
// case with its own WebSocket, the page shows the report, and the report the
// page shows is the one the API and the linked report page give for that run.
import assert from "node:assert/strict";
import { baseUrl, withPage } from "./lib.mjs";

// Chromium logs each connection it fails on purpose (an invalid Close, a
// masked frame) as a console error; those are the cases working.
const allowedFailures = [/WebSocket connection to .*\/ws\/lab\//];

await withPage(
  async (page) => {
    await page.goto(`${baseUrl}/lab`);
    const runner = page.locator("[data-lab-runner]");
    await runner.locator("button").click();
    const status = runner.locator("[data-lab-status]");
    // The first case is under way at once: the status counts the cases.
    await status.filter({ hasText: /Running case \d+ of \d+/ }).waitFor();
    const link = status.locator("a");
    await link.waitFor({ timeout: 100_000 });
    const run = await runner.getAttribute("data-run");
    assert.match(run, /^browser-[a-z0-9]+-[a-z0-9]+$/);
    assert.equal(await link.getAttribute("href"), `/lab/runs/${run}`);

    const rows = runner.locator("[data-lab-result] tbody tr");
    const shown = {};
    for (const row of await rows.all()) {
      shown[await row.locator("th").textContent()] = await row.locator("[data-verdict]").getAttribute("data-verdict");
    }
    const report = await (await page.request.get(`${baseUrl}/api/v1/lab/runs/${run}`)).json();
    const ran = Object.fromEntries(report.cases.filter((c) => c.verdict !== "not-run").map((c) => [c.id, c.verdict]));
    assert.deepEqual(shown, ran, "the table is the run's report");
    // Every case a browser can run ran; only the reconnect cases, which need
    // a client that reconnects on its own, are left.
    const notRun = report.cases.filter((c) => c.verdict === "not-run").map((c) => c.id);
    assert.deepEqual(notRun, ["reconnect-1012", "reconnect-1013", "reconnect-1001"]);
    // Chromium echoes, answers a Close with its code and fails the
    // connection on an invalid one.
    for (const id of ["message-then-close", "valid-code-1000", "valid-code-4999", "invalid-code-1005", "reason-124-bytes"]) {
      assert.equal(shown[id], "pass", `${id}: ${JSON.stringify(report.cases.find((c) => c.id === id))}`);
    }
    assert.equal(shown["undefined-code-5000"], "info");
    const failed = report.cases.filter((c) => c.verdict === "fail").map((c) => `${c.id} (${c.observed})`);
    console.log(`lab: Chromium ${JSON.stringify(report.summary)}; failed: ${failed.join("; ") || "none"}`);

    // The link is the page a developer pastes into a bug report, in either edition.
    await link.click();
    await page.waitForURL(`**/lab/runs/${run}`);
    const verdictsOnPage = () =>
      page.$$eval("tbody tr", (rows) => Object.fromEntries(rows.map((row) => [row.id, row.querySelector("[data-verdict]").dataset.verdict])));
    const everyVerdict = Object.fromEntries(report.cases.map((c) => [c.id, c.verdict]));
    assert.deepEqual(await verdictsOnPage(), everyVerdict);
    await page.goto(`${baseUrl}/vi/lab/runs/${run}`);
    assert.deepEqual(await verdictsOnPage(), everyVerdict);
    assert.equal(await page.locator("#message-then-close [data-verdict]").textContent(), "đạt");
  },
  {},
  { allowedFailures },
);

console.log("lab: ok");
