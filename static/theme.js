// The theme toggle: the system's theme by default; a choice of light or dark
// is remembered in localStorage and applied to <html data-theme>.
const KEY = "closecodes-theme";
const THEMES = ["auto", "light", "dark"];
const root = document.documentElement;

function apply(theme) {
  if (theme === "auto") delete root.dataset.theme;
  else root.dataset.theme = theme;
}

let current = THEMES.includes(localStorage.getItem(KEY)) ? localStorage.getItem(KEY) : "auto";
apply(current);

for (const button of document.querySelectorAll("button.theme-toggle")) {
  const labels = { auto: button.dataset.auto, light: button.dataset.light, dark: button.dataset.dark };
  const show = () => {
    button.textContent = labels[current];
    button.setAttribute("aria-label", `${button.dataset.label}: ${labels[current]}`);
  };
  show();
  button.hidden = false;
  button.addEventListener("click", () => {
    current = THEMES[(THEMES.indexOf(current) + 1) % THEMES.length];
    if (current === "auto") localStorage.removeItem(KEY);
    else localStorage.setItem(KEY, current);
    apply(current);
    show();
  });
}
