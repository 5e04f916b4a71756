// Shared by the browser scripts: Debian's Chromium under Playwright, pointed at
// the server that tests/browser/main.rs started (its address in CLOSECODES_URL).
import { chromium } from "playwright-core";

export const baseUrl = process.env.CLOSECODES_URL;
if (!baseUrl) throw new Error("CLOSECODES_URL is not set: run these through `cargo test --test browser`");

// Without the background-networking flags Chromium keeps trying to reach
// Google's hosts, which a closed network refuses.
const CHROMIUM_FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/**
 * Runs `body(page, context)` in a fresh headless Chromium and always closes it.
 * Console errors and failed responses fail the run, except those whose text
 * matches one of `allowedFailures` (a test that provokes a 404 on purpose).
 */
export async function withPage(body, contextOptions = {}, { allowedFailures = [] } = {}) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    args: CHROMIUM_FLAGS,
    timeout: 30_000,
  });
  try {
    const context = await browser.newContext(contextOptions);
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    const errors = [];
    page.on("pageerror", (error) => errors.push(error.message));
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
    page.on("response", (response) => {
      if (response.status() >= 400) errors.push(`${response.status()} ${response.url()}`);
    });
    await body(page, context);
    const unexpected = errors.filter((error) => !allowedFailures.some((allowed) => allowed.test(error)));
    if (unexpected.length) throw new Error(`the page reported errors:\n${unexpected.join("\n")}`);
  } finally {
    await browser.close();
  }
}
