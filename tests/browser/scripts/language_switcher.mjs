// The language switcher keeps the reader on the same page: English → Vietnamese
// → English, on a code page and on a comparison.
import assert from "node:assert/strict";
import { baseUrl, withPage } from "./lib.mjs";

await withPage(async (page) => {
  for (const path of ["/websocket/1009", "/websocket/1001-vs-1012"]) {
    await page.goto(`${baseUrl}${path}`);
    assert.equal(await page.getAttribute("html", "lang"), "en");

    await page.getByRole("navigation", { name: "Language" }).getByRole("link", { name: "Tiếng Việt" }).click();
    await page.waitForURL(`${baseUrl}/vi${path}`);
    assert.equal(await page.getAttribute("html", "lang"), "vi");
    // Headings end with their section link ("#").
    const headings = (await page.locator("h2").allTextContents()).map((text) => text.replace(/\s*#$/, ""));
    assert.ok(headings.includes("Mô tả") || headings.includes("Sự khác biệt chính"), headings.join(" | "));

    await page.getByRole("navigation", { name: "Ngôn ngữ" }).getByRole("link", { name: "English" }).click();
    await page.waitForURL(`${baseUrl}${path}`);
    assert.equal(await page.getAttribute("html", "lang"), "en");
  }
  // The Vietnamese code page names the code in Vietnamese and keeps the official name.
  await page.goto(`${baseUrl}/vi/websocket/1009`);
  assert.equal(await page.locator("h1").textContent(), "1009 Thông điệp quá lớn");
  assert.match(await page.locator(".official-name").textContent(), /Message Too Big/);
});

console.log("language switcher: ok");
