// Formatting shared by the views: escaping, places, unit badges, deadline/target chips, validity and lights.
export const ROLE = { lead: "牵头", coop: "配合", responsible: "责任" };

export const esc = (s) => String(s ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
export const enc = encodeURIComponent;

/**
 * A document's name: its title, else 未命名文件（<file name>）(the source's last part, not a path such as ../shared/…).
 * The server's untitledName (src/documents/file-name.ts) writes the same label, but only the document facet sends it: the
 * documents list, a document, search hits and upload answers carry title and source / fileName, so the page writes it too
 * (tests/web-format.test.ts keeps the two alike).
 */
export function docName(d) {
  if (d?.title) return d.title;
  const file = String(d?.source || d?.fileName || "").split(/[\\/]/).pop(); // fileName: a search hit's document
  return file ? `未命名文件（${file}）` : "未命名文件";
}

/** A document's place: 省 市 县; a municipality's city (上海市 in 上海市) is not written twice; without a place, its scope (国家层面) when known. */
export function place(region, scope) {
  const city = region?.city && region.city !== region.province ? region.city : null;
  return [region?.province, city, region?.county].filter(Boolean).join(" ") || scope || "未注明地区";
}

export function unitBadges(units) {
  return (units || [])
    .map((u) => `<a class="badge ${esc(u.role)}" href="#/unit/${enc(u.canonical || u.name)}" title="${ROLE[u.role] || ""}单位：${esc(u.canonical || u.name)}">${ROLE[u.role] || ""}：${esc(u.name)}</a>`)
    .join("");
}

export function chips(m) {
  const d = (m.deadlines || []).map((x) => `<span class="chip deadline" title="完成时限">${esc(x.text)}</span>`);
  const t = (m.targets || []).map((x) => `<span class="chip target" title="${esc(x.metric || "量化目标")}">${esc(x.text)}</span>`);
  return [...d, ...t].join("");
}

const VALIDITY_CLASS = { 现行: "current", 已到期: "expired", 已被替代: "replaced" };
/** Validity of a document ({status, reason}); empty when the service does not give it. */
export function validityBadge(v) {
  if (!v?.status) return "";
  return `<span class="validity v-${VALIDITY_CLASS[v.status] || "other"}" title="${esc(v.reason || "")}">${esc(v.status)}</span>`;
}

const LIGHT = { 绿: ["green", "绿灯", "按期推进"], 黄: ["yellow", "黄灯", "即将到期"], 红: ["red", "红灯", "已逾期未完成"], 灰: ["grey", "灰灯", "已办结或不适用"] };
/** 红黄绿灯 of a task: the colour and its meaning in words (never colour alone); reason: "已逾期 12 天". */
export function lightBadge(light, reason) {
  if (!light) return "";
  const [cls, name, meaning] = LIGHT[light] || ["grey", light, ""];
  const why = reason || meaning;
  return `<span class="light l-${cls}" title="${esc(why)}"><span class="dot" aria-hidden="true"></span>${esc(name)}${why ? `<span class="sr-only">：${esc(why)}</span>` : ""}</span>`;
}

/** A message in the view's place of an answer. */
export function errorHtml(e) {
  return `<p class="error" role="alert">${esc(e?.message || e)}</p>`;
}

export function currentParams() {
  const [, query = ""] = location.hash.replace(/^#\/?/, "").split("?");
  return new URLSearchParams(query);
}

/** Set the route; empty parameters are left out. */
export function goTo(page, params) {
  const clean = new URLSearchParams();
  for (const [k, v] of params || []) if (v !== "" && v != null) clean.set(k, v);
  const qs = clean.toString();
  location.hash = `#/${page}${qs ? `?${qs}` : ""}`;
}

/** Move focus (and scroll) to an element; headings and containers get tabindex -1 first. */
export function focusEl(el, scroll = true) {
  if (!el) return;
  if (!/^(A|BUTTON|INPUT|SELECT|TEXTAREA)$/.test(el.tagName) && !el.hasAttribute("tabindex")) el.setAttribute("tabindex", "-1");
  el.focus({ preventScroll: true });
  // The card, text block or table row around it carries the scroll margin that keeps it clear of the sticky header.
  if (scroll) (el.closest(".card, .blk, tr") || el).scrollIntoView({ block: "start" });
}

/** A pager: previous / position / next, buttons carrying the offset to go to. */
export function pagerHtml(total, offset, limit, label = "分页") {
  if (total <= limit) return "";
  return `<nav class="pager" aria-label="${esc(label)}"><button type="button" data-page="${Math.max(0, offset - limit)}" ${offset === 0 ? "disabled" : ""}>上一页</button><span>${offset + 1}–${Math.min(offset + limit, total)} / ${total}</span><button type="button" data-page="${offset + limit}" ${offset + limit >= total ? "disabled" : ""}>下一页</button></nav>`;
}
