// axe-core on every kind of page, in both themes: zero serious or critical
// violations. Screenshots of each page type are saved under
// target/browser-artifacts/ for people to look at.
import assert from "node:assert/strict";
import { mkdir, readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { baseUrl, withPage } from "./lib.mjs";

const require = createRequire(import.meta.url);
const axeSource = await readFile(require.resolve("axe-core/axe.min.js"), "utf8");
const here = path.dirname(fileURLToPath(import.meta.url));
const artifacts = path.resolve(here, "../../../target/browser-artifacts");
await mkdir(artifacts, { recursive: true });

const pages = {
  home: "/",
  family: "/discord-gateway/",
  code: "/websocket/1009",
  "code-vi": "/vi/websocket/1006",
  comparison: "/websocket/1001-vs-1012",
  "private-use-comparison": "/websocket/3000-vs-4001",
  search: "/search?q=going+away",
  lookup: "/lookup/4004",
  "lookup-vi": "/vi/lookup/1016",
  explain: "/explain?text=discord.errors.ConnectionClosed%3A+Shard+ID+None+WebSocket+closed+with+4014",
  "explain-vi": "/vi/explain?text=closed+with+4999",
  platforms: "/platforms",
  "platforms-vi": "/vi/platforms",
  embed: "/embed",
  "embed-card": "/embed/websocket/1009",
  "embed-comparison": "/embed/websocket/1001-vs-1012?theme=dark",
  lab: "/lab",
  "lab-run-vi": "/vi/lab/runs/nothing-yet",
  problem: "/problems/not-a-close-code",
  "not-found": "/websocket/4004",
};

const failures = [];
for (const colorScheme of ["light", "dark"]) {
  await withPage(
    async (page) => {
      for (const [name, url] of Object.entries(pages)) {
        await page.goto(`${baseUrl}${url}`);
        await page.evaluate(axeSource);
        const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
        for (const violation of result.violations) {
          if (violation.impact === "serious" || violation.impact === "critical") {
            const targets = violation.nodes.slice(0, 3).map((node) => node.target.join(" ")).join("; ");
            failures.push(`${colorScheme} ${name} (${url}): ${violation.id} [${violation.impact}] ${violation.help} — ${targets}`);
          }
        }
        // A full-page capture of the tall platforms page takes Chromium ~9 s
        // without a GPU; the picture is for people, so it may take its time.
        await page.screenshot({ path: path.join(artifacts, `${name}-${colorScheme}.png`), fullPage: true, timeout: 60_000 });
      }
    },
    // axe is injected through the DevTools protocol, which the page's CSP does not govern.
    { colorScheme, viewport: { width: 1280, height: 900 } },
    { allowedFailures: [/404 \(Not Found\)/, /\/websocket\/4004$/] },
  );
}

// Phones: the code page at 360 px wide keeps everything inside the screen.
await withPage(
  async (page) => {
    await page.goto(`${baseUrl}/websocket/1009`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the page is ${overflow}px wider than a 360px screen`);
    await page.screenshot({ path: path.join(artifacts, "code-phone.png"), fullPage: true });
  },
  { viewport: { width: 360, height: 740 } },
);

assert.deepEqual(failures, [], `axe found:\n${failures.join("\n")}`);
console.log(`accessibility: ok; screenshots in ${artifacts}`);
