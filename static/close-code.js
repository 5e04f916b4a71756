// <close-code family="websocket" code="1009" lang="en"></close-code>
//
// A card for one close code, rendered from the closecodes API of the server
// this module was loaded from. Put a plain link inside the element: it stays
// visible if the module or the API cannot be reached.
const origin = new URL(import.meta.url).origin;

const styles = new CSSStyleSheet();
styles.replaceSync(`
  :host { display: block; font: 15px/1.5 system-ui, sans-serif; color: #1f2328; }
  .card { padding: 0.8rem 1rem; border: 1px solid #d5dbe1; border-radius: 0.5rem; background: #fff; }
  .family { margin: 0; color: #57606a; font-size: 0.8rem; text-transform: uppercase; letter-spacing: 0.04em; }
  h2 { margin: 0.2rem 0; font-size: 1.1rem; }
  .number { padding: 0.05rem 0.4rem; border-radius: 0.3rem; background: #eef0ff; color: #4338ca; font-family: ui-monospace, monospace; }
  p { margin: 0.35rem 0; }
  a { color: #4338ca; }
  @media (prefers-color-scheme: dark) {
    :host { color: #e6edf3; }
    .card { background: #0e1217; border-color: #2f3742; }
    .family { color: #9da7b3; }
    .number { background: #1e2240; color: #a5b4fc; }
    a { color: #a5b4fc; }
  }
`);

/** Text with the data's `inline code` marks, as DOM nodes (never as HTML). */
function withCode(text) {
  const fragment = document.createDocumentFragment();
  text.split("`").forEach((part, index) => {
    if (index % 2 === 1) {
      const code = document.createElement("code");
      code.textContent = part;
      fragment.append(code);
    } else {
      fragment.append(part);
    }
  });
  return fragment;
}

function element(tag, className, ...children) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  node.append(...children);
  return node;
}

class CloseCodeElement extends HTMLElement {
  async connectedCallback() {
    const family = this.getAttribute("family");
    const code = this.getAttribute("code");
    const lang = this.getAttribute("lang") || "en";
    if (!family || !/^\d+$/.test(code ?? "")) return;
    const url = new URL(`/api/v1/families/${encodeURIComponent(family)}/codes/${code}`, origin);
    url.searchParams.set("lang", lang);
    let entry;
    try {
      const response = await fetch(url);
      if (!response.ok) return;
      entry = await response.json();
    } catch {
      return; // the fallback link inside the element stays
    }
    const link = element("a", "", entry.lang === "vi" ? "Xem trên closecodes →" : "Full explanation on closecodes →");
    link.href = new URL(entry.url, origin).href;
    link.target = "_blank";
    link.rel = "noopener";
    const card = element(
      "article",
      "card",
      element("p", "family", entry.family),
      element("h2", "", element("span", "number", String(entry.code)), " ", entry.name),
      element("p", "summary", withCode(entry.summary)),
      element("p", "", link),
    );
    const shadow = this.shadowRoot ?? this.attachShadow({ mode: "open" });
    shadow.adoptedStyleSheets = [styles];
    shadow.replaceChildren(card);
  }
}

if (!customElements.get("close-code")) {
  customElements.define("close-code", CloseCodeElement);
}
