// Search over measures: what the query understanding did (with undo), results, then filters and facets.
import { api } from "../api.js";
import { ROLE, chips, currentParams, docName, enc, errorHtml, esc, focusEl, goTo, pagerHtml, place, unitBadges, validityBadge } from "../format.js";
import { rovingToolbar } from "../ui.js";

const FILTERS = ["province", "city", "county", "doc", "unit", "role", "year", "from", "to", "status", "literal"];
const SORTS = [["relevance", "相关度"], ["date", "日期（新→旧）"], ["date-asc", "日期（旧→新）"], ["document", "按文件"]];
/** A pasted paragraph is cut to this many characters before it goes into the address (and said so). */
const MAX_Q = 1000;
const FACET_SHOWN = 8;

let focusResultAfterRender = false;
let cutFrom = 0; // length of the pasted text before it was cut to MAX_Q

const qInput = () => document.getElementById("q");

export function submitSearch(text) {
  const p = currentParams();
  let q = text.trim();
  cutFrom = q.length > MAX_Q ? q.length : 0;
  if (cutFrom) q = q.slice(0, MAX_Q);
  p.set("q", q);
  p.delete("offset");
  goTo("search", p);
}

function chipLabel(k, p, f) {
  const v = p.get(k);
  if (k === "doc") return f?.document?.find((d) => d.value === v)?.label || "指定文件";
  if (k === "role") return ROLE[v] || v;
  if (k === "unit") return `单位：${v}`;
  if (k === "year") return `${v}年`;
  if (k === "literal") return "按原文检索";
  if (k === "from") return `${v} 起`;
  if (k === "to") return `至 ${v}`;
  return v;
}

/** Active filters as chips, in Chinese; a whole calendar year (from/to) is one chip. */
function activeChips(p, f) {
  const out = [];
  const from = p.get("from");
  const to = p.get("to");
  const year = from && to && /^(\d{4})-01-01$/.exec(from)?.[1];
  const oneYear = year && to === `${year}-12-31`;
  if (oneYear) out.push(`<button type="button" class="chip-x" data-clear="from,to" aria-label="取消筛选：${year}年">${year}年 ✕</button>`);
  for (const k of FILTERS) {
    if (!p.get(k) || (oneYear && (k === "from" || k === "to"))) continue;
    const label = chipLabel(k, p, f);
    out.push(`<button type="button" class="chip-x" data-clear="${k}" aria-label="取消筛选：${esc(label)}">${esc(label)} ✕</button>`);
  }
  return out;
}

/** The `undo` of an understood step: the query string of the same search without it. */
function undoParams(u) {
  if (typeof u.undo !== "string") return null;
  const next = new URLSearchParams(u.undo.replace(/^\?/, ""));
  next.delete("limit");
  next.delete("offset");
  return next;
}

const understoodLabel = (u) => u.label || u.text || "";

/** "更多" shows the rest of a facet list; when the service cut the list (facetSizes), it asks for all of it. */
function moreButtons(shown, size, name) {
  const hidden = Math.max(0, shown - FACET_SHOWN);
  const cut = size > shown ? `<button type="button" class="link" data-all="${esc(size)}" aria-label="显示全部 ${size} 项（${esc(name)}）">全部 ${size} 项</button>` : "";
  return (hidden ? `<button type="button" class="link" data-more aria-expanded="false">更多（${hidden}）</button>` : "") + cut;
}

function facetList(name, values, label = (v) => v.label || v.value, size = 0) {
  if (!values?.length) return "";
  const li = (v, i) => `<li${i >= FACET_SHOWN ? ' class="more" hidden' : ""}><button type="button" data-facet="${name}" data-value="${esc(v.value)}">${esc(label(v))}</button><span class="n">${v.count}</span></li>`;
  return `<ul class="facet" aria-label="${esc(name)}">${values.map(li).join("")}</ul>${moreButtons(values.length, size, name)}`;
}

/** Region facet as a tree: 省 → 市 → 县/区, with 国家层面 and 地区未识别; a node filters with param=value. */
function regionTree(nodes, p, depth = 0) {
  if (!nodes?.length) return "";
  const items = nodes.map((n, i) => {
    const chosen = p.get(n.param) === n.value;
    const open = chosen || n.children?.some((c) => p.get(c.param) === c.value);
    const kids = n.children?.length ? `<details${open ? " open" : ""}><summary>${esc(n.label)}下属地区（${n.children.length}）</summary>${regionTree(n.children, p, depth + 1)}</details>` : "";
    return `<li${depth === 0 && i >= FACET_SHOWN ? ' class="more" hidden' : ""}><span class="row"><button type="button" data-facet="${esc(n.param)}" data-value="${esc(n.value)}"${chosen ? ' aria-pressed="true"' : ""}>${esc(n.label)}</button><span class="n">${n.count}</span></span>${kids}</li>`;
  });
  return `<ul class="facet tree${depth ? " sub" : ""}" aria-label="${depth ? "下级地区" : "地区"}">${items.join("")}</ul>${depth === 0 ? moreButtons(nodes.length, 0, "地区") : ""}`;
}

function hitCard(h, i) {
  const m = h.measure;
  const d = h.document;
  return `<article class="card" aria-labelledby="hit-${i}">
    <h3 id="hit-${i}"><a href="#/measure/${enc(m.id)}">${h.highlight?.title || esc(m.title || m.path)}</a></h3>
    <div class="meta">${esc(place(d.region, d.scope))} · <a href="#/doc/${enc(d.id)}">${esc(docName(d))}</a> · <a href="#/doc/${enc(d.id)}?m=${enc(m.path)}" title="在文件全文中定位此措施">${esc(m.path)}</a>${d.date ? ` · ${esc(d.date)}` : ""} ${validityBadge(d.validity || h.validity || (h.status && { status: h.status }))}</div>
    <div class="badges">${unitBadges(m.units) || '<span class="meta">未明确责任单位</span>'}</div>
    <p class="snippet">${h.highlight?.text ?? esc(m.text)}</p>
    <div class="badges">${chips(m)}</div>
  </article>`;
}

/** The documents a 文号 in the query named (the understanding's docNumber steps). */
function namedDocs(understood) {
  return (understood || []).filter((u) => u.kind === "docNumber" && u.value?.doc).map((u) => ({ id: u.value.doc, title: u.value.title, docNumber: u.value.docNumber, region: null }));
}

/** Documents the query names (a 文号 typed into the search box): listed first. */
function docHits(docs) {
  if (!docs?.length) return "";
  return `<div class="doc-hits" aria-label="匹配的文件">${docs
    .map((d) => `<article class="card doc-hit"><h3><a href="#/doc/${enc(d.id)}">${esc(docName(d))}</a></h3><div class="meta">文件 · ${[d.docNumber || "无文号", d.issuer, d.region && place(d.region)].filter(Boolean).map(esc).join(" · ")} ${validityBadge(d.validity)}</div></article>`)
    .join("")}</div>`;
}

function summaryHtml(res, p) {
  const q = res.query?.q ?? p.get("q") ?? "";
  const shown = q.length > 60 ? `${q.slice(0, 60)}…（共 ${q.length} 字）` : q;
  const cut = cutFrom && q.length === MAX_Q ? `；粘贴的 ${cutFrom} 字已截取前 ${MAX_Q} 字` : "";
  // Words the engine does not search (的, a single letter, punctuation) and nothing understood: say that every measure is listed.
  const searched = res.tokens?.length ? `（检索词：${res.tokens.map(esc).join(" / ")}）`
    : q.trim() && !res.understood?.length ? "（检索词只有常用字或符号，未按词筛选）" : "";
  const took = typeof res.tookMs === "number" ? `，用时 ${res.tookMs.toFixed(1)} 毫秒` : "";
  return `<p class="summary" id="summary">${q ? `“${esc(shown)}”` : "全部措施"}：共 ${res.total} 条${searched}${took}${cut}</p>`;
}

function conditionsBar(res, p) {
  const active = activeChips(p, res.facets);
  const understood = (res.understood || []).map((u) => {
    const undo = undoParams(u);
    return `<span class="understood">${esc(understoodLabel(u))}${undo ? `<button type="button" class="chip-x" data-undo="${esc(undo.toString())}" aria-label="撤销：${esc(understoodLabel(u))}">撤销</button>` : ""}</span>`;
  });
  if (understood.length > 1) {
    const all = new URLSearchParams(p);
    all.set("literal", "1");
    all.delete("offset");
    understood.push(`<button type="button" class="chip-x" data-undo="${esc(all.toString())}">全部撤销，按原文检索</button>`);
  }
  if (!active.length && !understood.length) return "";
  return `<div class="conditions" role="toolbar" aria-label="检索条件（左右方向键切换）">${understood.length ? `<span class="meta">已理解：</span>${understood.join('<span class="sep">；</span>')}` : ""}${active.length ? `<span class="meta">筛选：</span>${active.join("")}` : ""}</div>`;
}

function filtersAside(res, p) {
  const f = res.facets || {};
  const size = (k) => res.facetSizes?.[k] || 0;
  const sortable = !!res.understood; // the service with query understanding also sorts
  const region = f.region?.length ? regionTree(f.region, p) : `${facetList("province", f.province)}${facetList("city", f.city)}${facetList("county", f.county)}`;
  return `<aside class="filters" aria-label="筛选">
    <h2>筛选</h2>
    ${sortable ? `<label for="f-sort">排序</label><select id="f-sort">${SORTS.map(([v, l]) => `<option value="${v}" ${(p.get("sort") || "relevance") === v ? "selected" : ""}>${l}</option>`).join("")}</select>` : ""}
    <label for="f-unit">单位（任意简称）</label><input id="f-unit" value="${esc(p.get("unit") || "")}" placeholder="如：发改委、人行">
    <label for="f-role">角色</label><select id="f-role"><option value="">全部</option>${Object.entries(ROLE).map(([k, v]) => `<option value="${k}" ${p.get("role") === k ? "selected" : ""}>${v}</option>`).join("")}</select>
    <label for="f-from">文件日期自</label><input id="f-from" type="date" value="${esc(p.get("from") || "")}">
    <label for="f-to">至</label><input id="f-to" type="date" value="${esc(p.get("to") || "")}">
    <p><button type="button" id="apply">应用筛选</button></p>
    <h2>地区</h2>${region || '<p class="meta">无</p>'}
    ${f.status?.length ? `<h2>效力</h2>${facetList("status", f.status)}` : ""}
    <h2>年份</h2>${facetList("year", f.year, (v) => `${v.label || v.value}年`, size("year"))}
    ${f.role?.length ? `<h2>角色</h2>${facetList("role", f.role, (v) => v.label || ROLE[v.value] || v.value)}` : ""}
    <h2>文件</h2>${facetList("doc", f.document, (v) => v.label || "未命名文件", size("document"))}
    <h2>牵头单位</h2>${facetList("leadUnit", f.leadUnit, undefined, size("leadUnit"))}
  </aside>`;
}

export async function renderSearch(view) {
  const p = currentParams();
  if (document.activeElement !== qInput()) qInput().value = p.get("q") || "";
  const limit = 20;
  const offset = Number(p.get("offset") || 0);
  const query = new URLSearchParams(p);
  query.set("limit", String(limit));
  let res;
  try {
    res = await api(`/api/search?${query}`);
  } catch (e) {
    // Keep what was asked and the way back: the message sits where the results would be.
    view.innerHTML = `<div class="layout"><section class="results" aria-label="检索结果"><p class="summary" id="summary">“${esc((p.get("q") || "").slice(0, 60))}”</p>${errorHtml(e)}${activeChips(p, null).length ? `<div class="conditions" role="toolbar" aria-label="检索条件">${activeChips(p, null).join("")}</div>` : ""}</section></div>`;
    bindClear(view, p);
    return;
  }
  const cards = res.hits.map(hitCard).join("");
  // Each suggestion says what it is (您是不是要找：…, 去掉“…”, 只检索“…”); its link keeps the filters chosen, as its count does.
  const suggested = (q) => { const s = new URLSearchParams(p); s.set("q", q); s.delete("offset"); return `#/search?${s}`; };
  const didYouMean = !res.total && res.suggestions?.length
    ? `<div class="did-you-mean"><p>可以试试：</p><ul>${res.suggestions.map((s) => `<li><a href="${esc(suggested(s.q))}">${esc(s.label || s.q)}</a></li>`).join("")}</ul></div>`
    : "";
  view.innerHTML = `<div class="layout">
    <section class="results" aria-label="检索结果">
      ${summaryHtml(res, p)}
      <button type="button" class="secondary to-filters" data-to-filters>筛选条件（地区、文件、年份、单位）↓</button>
      ${conditionsBar(res, p)}
      ${offset === 0 ? docHits(res.documents || namedDocs(res.understood)) : ""}
      ${cards || `<p class="empty">没有找到匹配的措施。可以换个说法，或减少筛选条件。</p>${didYouMean}`}
      ${pagerHtml(res.total, offset, limit)}
    </section>
    ${filtersAside(res, p)}
  </div>`;
  rovingToolbar(view.querySelector(".conditions"));
  bind(view, p, !!res.understood);
  if (focusResultAfterRender) {
    focusResultAfterRender = false;
    focusEl(view.querySelector("article.card h3 a") || view.querySelector("#summary"));
  }
}

function bindClear(view, p) {
  view.querySelectorAll("[data-clear]").forEach((b) =>
    b.addEventListener("click", () => {
      for (const k of b.dataset.clear.split(",")) p.delete(k);
      if (b.dataset.clear === "unit") p.delete("role");
      p.delete("offset");
      goTo("search", p);
    }),
  );
}

function bind(view, p, yearParam) {
  bindClear(view, p);
  // On a narrow screen the filters follow the results: this button (shown there only) moves focus to them.
  view.querySelector("[data-to-filters]")?.addEventListener("click", () => focusEl(view.querySelector("aside.filters h2")));
  view.querySelectorAll("[data-all]").forEach((b) => b.addEventListener("click", () => { p.set("facetLimit", b.dataset.all); goTo("search", p); }));
  view.querySelectorAll("[data-undo]").forEach((b) => b.addEventListener("click", () => goTo("search", new URLSearchParams(b.dataset.undo))));
  view.querySelectorAll("[data-facet]").forEach((b) =>
    b.addEventListener("click", () => {
      const key = b.dataset.facet;
      const value = b.dataset.value;
      if (key === "year") {
        // One year is one filter: the service's year parameter when it has one, else that year's dates.
        if (yearParam) { p.delete("from"); p.delete("to"); p.set("year", value); }
        else { p.set("from", `${value}-01-01`); p.set("to", `${value}-12-31`); }
      }
      else if (key === "leadUnit") { p.set("unit", value); p.set("role", "lead"); }
      else {
        // A place replaces the narrower places chosen before it.
        if (key === "province") { p.delete("city"); p.delete("county"); }
        if (key === "city") p.delete("county");
        p.set(key, value);
      }
      p.delete("offset");
      goTo("search", p);
    }),
  );
  view.querySelectorAll("[data-more]").forEach((b) =>
    b.addEventListener("click", () => {
      const list = b.previousElementSibling;
      const open = b.getAttribute("aria-expanded") === "true";
      list.querySelectorAll(":scope > li.more").forEach((li) => (li.hidden = open));
      b.setAttribute("aria-expanded", String(!open));
      b.textContent = open ? `更多（${list.querySelectorAll(":scope > li.more").length}）` : "收起";
    }),
  );
  view.querySelectorAll("[data-page]").forEach((b) =>
    b.addEventListener("click", () => {
      p.set("offset", b.dataset.page);
      focusResultAfterRender = true;
      goTo("search", p);
    }),
  );
  const apply = () => {
    for (const k of ["unit", "role", "from", "to", "sort"]) {
      const el = document.getElementById(`f-${k}`);
      if (el) p.set(k, el.value.trim());
    }
    p.delete("offset");
    goTo("search", p);
  };
  document.getElementById("apply").addEventListener("click", apply);
  document.getElementById("f-unit").addEventListener("keydown", (e) => e.key === "Enter" && apply());
  document.getElementById("f-sort")?.addEventListener("change", apply);
}
