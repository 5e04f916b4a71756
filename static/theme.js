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

// The button is in the page from the start (its three labels share one grid
// cell, so it is as wide as the longest): showing it or changing its label
// never moves the page. Without scripting, CSS hides it.
for (const button of document.querySelectorAll("button.theme-toggle")) {
  const show = () => {
    button.dataset.themeShown = current;
  };
  show();
  button.addEventListener("click", () => {
    current = THEMES[(THEMES.indexOf(current) + 1) % THEMES.length];
    if (current === "auto") localStorage.removeItem(KEY);
    else localStorage.setItem(KEY, current);
    apply(current);
    show();
  });
}
