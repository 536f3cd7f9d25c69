// 政策知识服务 web page: hash-routed views over the JSON API, one ES module per view. No build step.
import { nextRoute } from "./api.js";
import { focusEl } from "./format.js";
import { renderSearch, submitSearch } from "./views/search.js";
import { renderMeasure } from "./views/measure.js";
import { renderDocs } from "./views/documents.js";
import { renderDoc } from "./views/reader.js";
import { renderUnit, renderUnits } from "./views/units.js";
import { renderTasks } from "./views/tasks.js";
import { renderCompare, renderTopic, renderTopics } from "./views/compare.js";

const view = document.getElementById("view");
const main = document.getElementById("main");
const qInput = document.getElementById("q");

const ROUTES = {
  search: (arg) => renderSearch(view),
  measure: (arg) => arg && renderMeasure(view, arg),
  doc: (arg) => arg && renderDoc(view, arg),
  docs: () => renderDocs(view),
  unit: (arg) => arg && renderUnit(view, arg),
  units: () => renderUnits(view),
  tasks: () => renderTasks(view),
  compare: () => renderCompare(view),
  topics: () => renderTopics(view),
  topic: (arg) => arg && renderTopic(view, arg),
};
/** The view last routed to (search, compare, …): changing it shows 正在载入… when the new one is slow to come. */
let lastPage = null;
const NAV = { docs: "docs", doc: "docs", units: "units", unit: "units", tasks: "tasks", compare: "compare", topics: "compare", topic: "compare" };

async function route() {
  // Only "#/…" is a route; "#main" and other in-page anchors leave the view as it is.
  if (location.hash && !location.hash.startsWith("#/")) return;
  nextRoute();
  let hash;
  try {
    hash = decodeURIComponent(location.hash.replace(/^#\/?/, "").split("?")[0]);
  } catch {
    hash = "";
  }
  const [page, ...rest] = hash.split("/");
  const arg = rest.join("/");
  const render = ROUTES[page] && (arg || !["measure", "doc", "unit", "topic"].includes(page)) ? ROUTES[page] : ROUTES.search;
  document.querySelectorAll(".links a").forEach((a) => (NAV[page] && a.dataset.nav === NAV[page] ? a.setAttribute("aria-current", "page") : a.removeAttribute("aria-current")));
  // Another view: while it loads (a comparison's first answer can take seconds), the last one does not stay
  // under the new section's name; a view that answers at once is never replaced.
  const shown = view.firstElementChild;
  const loading = page !== lastPage && setTimeout(() => {
    if (view.firstElementChild === shown) view.innerHTML = '<p class="meta loading" role="status">正在载入…</p>';
  }, 300);
  view.setAttribute("aria-busy", "true");
  lastPage = page;
  try {
    await render(arg);
  } finally {
    clearTimeout(loading);
    view.removeAttribute("aria-busy");
  }
  document.title = `${view.querySelector("h1")?.textContent || (page === "search" || !page ? "检索" : "政策知识服务")} - 政策知识服务`;
}

document.getElementById("search-form").addEventListener("submit", (e) => {
  e.preventDefault();
  submitSearch(qInput.value);
});

// Skip link: focus moves to the main content; the address (and so the search) stays as it is.
document.querySelector(".skip").addEventListener("click", (e) => {
  e.preventDefault();
  focusEl(main);
});

document.addEventListener("keydown", (e) => {
  if (e.key === "/" && document.activeElement !== qInput && !/INPUT|SELECT|TEXTAREA/.test(document.activeElement?.tagName)) {
    e.preventDefault();
    qInput.focus();
    qInput.select();
  }
});

window.addEventListener("hashchange", route);
route();
