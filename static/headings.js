// A link on every section heading, so any part of a page can be shared.
const main = document.querySelector("main[data-anchor-label]");
for (const heading of main?.querySelectorAll("h2[id], h3[id]") ?? []) {
  const anchor = document.createElement("a");
  anchor.className = "anchor";
  anchor.href = `#${heading.id}`;
  anchor.setAttribute("aria-label", `${main.dataset.anchorLabel}: ${heading.textContent.trim()}`);
  anchor.textContent = "#";
  heading.append(" ", anchor);
}
