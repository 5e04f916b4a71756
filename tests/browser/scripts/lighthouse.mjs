// Lighthouse, with its default mobile settings and simulated throttling, on
// the main page types in every language: every category must score 100. Runs
// Debian's Chromium (CHROME_PATH, /usr/bin/chromium by default) against the
// server that tests/browser/main.rs started (CLOSECODES_URL).
//
// On failure it lists each URL and category below 100 and the audits that
// cost points. Performance is measured on a shared, loaded machine, so a URL
// whose scores are not all 100 runs once more and each category keeps its
// best run: a real regression (a layout shift, a blocking resource) fails
// both runs, a moment of CPU contention does not.
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";

const baseUrl = process.env.CLOSECODES_URL;
if (!baseUrl) throw new Error("CLOSECODES_URL is not set: run this through `cargo test --test browser`");

// The pages to measure, in the source language; each is also measured under
// every other language's prefix. Add a page type here when it ships.
const PAGES = [
  "/",
  "/websocket/1006",
  "/websocket/1001-vs-1012",
  "/lookup/4999",
  "/platforms",
  "/lab",
  "/explain?text=websocket%3A+close+1006+%28abnormal+closure%29%3A+unexpected+EOF",
];
const LANGUAGE_PREFIXES = ["", "/vi"];
const URLS = LANGUAGE_PREFIXES.flatMap((prefix) => PAGES.map((page) => `${prefix}${page}`));

const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"];
const ATTEMPTS = 2;

// As in lib.mjs: without these Chromium keeps trying to reach Google's hosts.
const CHROME_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

/**
 * The audits of a category that did not get full marks, as printable lines:
 * first those the score is made of, then the diagnostics and insights that
 * point at the cause (which element shifted, which request blocked).
 */
function failingAudits(lhr, categoryId) {
  const failing = lhr.categories[categoryId].auditRefs
    .map((ref) => ({ ref, audit: lhr.audits[ref.id] }))
    .filter(({ audit }) => audit.score !== null && audit.score < 1)
    .filter(({ audit }) => !["notApplicable", "informative", "manual"].includes(audit.scoreDisplayMode));
  const line = ({ audit }) => `${audit.id} (${audit.title})${audit.displayValue ? `: ${audit.displayValue}` : ""}`;
  const weighted = failing.filter(({ ref }) => ref.weight > 0).map(line);
  const hints = failing.filter(({ ref }) => ref.weight === 0).map(({ audit }) => audit.id);
  return hints.length ? [...weighted, `also flagged: ${hints.join(", ")}`] : weighted;
}

const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH ?? "/usr/bin/chromium",
  chromeFlags: CHROME_FLAGS,
});
const failures = [];
try {
  for (const path of URLS) {
    const url = `${baseUrl}${path}`;
    // For each category, its best score so far and what that run failed.
    const best = new Map();
    for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
      const result = await lighthouse(url, {
        port: chrome.port,
        output: "json",
        logLevel: "error",
        onlyCategories: CATEGORIES,
        throttlingMethod: "simulate",
      });
      const lhr = result.lhr;
      if (lhr.runtimeError) throw new Error(`${url}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
      for (const id of CATEGORIES) {
        const score = Math.round((lhr.categories[id].score ?? 0) * 100);
        if (!best.has(id) || score > best.get(id).score) {
          best.set(id, { score, audits: failingAudits(lhr, id), cls: lhr.audits["cumulative-layout-shift"].numericValue });
        }
      }
      const scores = CATEGORIES.map((id) => `${id} ${best.get(id).score}`).join(", ");
      console.log(`${path} (run ${attempt}): ${scores}; CLS ${best.get("performance").cls}`);
      if ([...best.values()].every(({ score }) => score === 100)) break;
    }
    for (const [id, { score, audits }] of best) {
      if (score < 100) failures.push(`${path} ${id} ${score}:\n    ${audits.join("\n    ") || "(no single audit below 100)"}`);
    }
  }
} finally {
  await chrome.kill();
}
if (failures.length) {
  console.error(`Lighthouse scores below 100:\n  ${failures.join("\n  ")}`);
  process.exit(1);
}
