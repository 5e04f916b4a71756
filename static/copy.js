// Progressive enhancement: pages work without JavaScript; with it, each code
// snippet gets a working Copy button (rendered hidden by the server).
for (const button of document.querySelectorAll("button.copy")) {
  const code = button.closest("figure")?.querySelector("pre code");
  if (!code || !navigator.clipboard) continue;
  const label = button.textContent;
  button.hidden = false;
  button.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(code.textContent);
    } catch {
      return;
    }
    button.textContent = button.dataset.copied;
    setTimeout(() => {
      button.textContent = label;
    }, 1500);
  });
}
