// Progressive enhancement for the "Try it" panel on code pages: a button that
// opens /ws/echo on this server and shows the CloseEvent the browser reports,
// and terminal commands that name this server's real address.
const wsOrigin = `${location.protocol === "https:" ? "wss:" : "ws:"}//${location.host}`;

for (const code of document.querySelectorAll("code[data-ws-origin]")) {
  code.textContent = code.textContent.replaceAll(code.dataset.wsOrigin, wsOrigin);
}

for (const button of document.querySelectorAll("button[data-try-url]")) {
  const output = button.closest("section")?.querySelector("output.close-event");
  if (!output) continue;
  const field = (name) => output.querySelector(`[data-field="${name}"]`);
  const label = button.textContent;
  button.hidden = false;
  button.addEventListener("click", () => {
    if (typeof WebSocket !== "function") {
      button.textContent = button.dataset.unsupported;
      return;
    }
    button.disabled = true;
    button.textContent = button.dataset.waiting;
    const socket = new WebSocket(new URL(button.dataset.tryUrl, wsOrigin));
    socket.addEventListener("close", (event) => {
      field("code").textContent = String(event.code);
      field("reason").textContent = event.reason === "" ? "\u2014" : event.reason;
      field("wasClean").textContent = String(event.wasClean);
      output.hidden = false;
      button.disabled = false;
      button.textContent = label;
    });
  });
}
