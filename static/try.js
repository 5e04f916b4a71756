// Progressive enhancement for the "Try it" panel on code pages: a button that
// opens /ws/echo on this server and shows the CloseEvent the browser reports,
// and terminal commands that name this server's real address.
const wsOrigin = `${location.protocol === "https:" ? "wss:" : "ws:"}//${location.host}`;

for (const code of document.querySelectorAll("code[data-ws-origin]")) {
  code.textContent = code.textContent.replaceAll(code.dataset.wsOrigin, wsOrigin);
}

const encoder = new TextEncoder();

for (const button of document.querySelectorAll("button[data-try-url]")) {
  const section = button.closest("section");
  const output = section?.querySelector("output.close-event");
  if (!output) continue;
  // The close reason: editable, with its size in UTF-8 bytes (a Close frame
  // holds 123), and sent with the demo.
  const reasonField = section.querySelector(".reason-field");
  const reasonInput = reasonField?.querySelector("input");
  const reasonBytes = reasonField?.querySelector("output");
  if (reasonField && reasonInput && reasonBytes) {
    reasonField.hidden = false;
    const update = () => {
      const bytes = encoder.encode(reasonInput.value).length;
      const tooLong = bytes > 123;
      const template = tooLong ? reasonBytes.dataset.tooLong : reasonBytes.dataset.bytes;
      reasonBytes.textContent = template.replace("{bytes}", String(bytes));
      reasonBytes.classList.toggle("too-long", tooLong);
      button.disabled = tooLong;
      const url = new URL(button.dataset.tryUrl, location.href);
      url.searchParams.set("reason", reasonInput.value);
      button.dataset.tryUrl = url.pathname + url.search;
    };
    reasonInput.addEventListener("input", update);
    update();
  }
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
