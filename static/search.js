// Instant results under the header's search box, as you type, from the same
// search as /search (the form still submits there without JavaScript, or with
// Enter when no result is picked). Arrow keys move, Enter opens, Escape closes.
const MAX_RESULTS = 8;

for (const form of document.querySelectorAll("form.site-search")) {
  const input = form.querySelector("input[name=q]");
  if (!input) continue;
  const list = document.createElement("ul");
  list.id = `${input.id}-results`;
  list.className = "instant-results";
  list.setAttribute("role", "listbox");
  list.hidden = true;
  form.append(list);
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-controls", list.id);
  input.setAttribute("aria-expanded", "false");
  input.autocomplete = "off";

  let active = -1;
  let pending;
  let latest = 0;

  const options = () => [...list.querySelectorAll("[role=option]")];
  const close = () => {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  };
  const highlight = (index) => {
    const items = options();
    items.forEach((item, i) => item.setAttribute("aria-selected", String(i === index)));
    active = index;
    if (items[index]) input.setAttribute("aria-activedescendant", items[index].id);
  };

  async function search(query) {
    const request = ++latest;
    const url = new URL("/api/v1/search", location.origin);
    url.searchParams.set("q", query);
    url.searchParams.set("lang", document.documentElement.lang || "en");
    let answer;
    try {
      const response = await fetch(url);
      if (!response.ok) return close();
      answer = await response.json();
    } catch {
      return close();
    }
    if (request !== latest) return; // a newer query is on its way
    list.replaceChildren(
      ...answer.results.slice(0, MAX_RESULTS).map((result, index) => {
        const item = document.createElement("li");
        item.id = `${list.id}-${index}`;
        item.setAttribute("role", "option");
        const link = document.createElement("a");
        link.href = result.entry.url;
        link.tabIndex = -1;
        const number = document.createElement("span");
        number.className = "code-number";
        number.textContent = String(result.entry.code);
        const family = document.createElement("span");
        family.className = "meta";
        family.textContent = result.entry.family;
        link.append(number, " ", result.entry.name, " ", family);
        item.append(link);
        return item;
      }),
    );
    const open = answer.results.length > 0;
    list.hidden = !open;
    input.setAttribute("aria-expanded", String(open));
    active = -1;
  }

  input.addEventListener("input", () => {
    clearTimeout(pending);
    const query = input.value.trim();
    if (!query) return close();
    pending = setTimeout(() => search(query), 120);
  });
  input.addEventListener("keydown", (event) => {
    const items = options();
    if (list.hidden || items.length === 0) return;
    if (event.key === "ArrowDown") {
      event.preventDefault();
      highlight((active + 1) % items.length);
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      highlight((active - 1 + items.length) % items.length);
    } else if (event.key === "Enter" && active >= 0) {
      event.preventDefault();
      location.assign(items[active].querySelector("a").href);
    } else if (event.key === "Escape") {
      close();
    }
  });
  input.addEventListener("blur", () => setTimeout(close, 150));
}
