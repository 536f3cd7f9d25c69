// One measure: its place in the document, units, deadlines, targets, validity and similar measures elsewhere.
import { api } from "../api.js";
import { viewData } from "../ui.js";
import { ROLE, docName, enc, errorHtml, esc, place, unitBadges, validityBadge } from "../format.js";

const KIND = { date: "日期", period: "期间", recurring: "周期", ongoing: "持续" };
/** What "similar" favours (GET /api/measures/:id/similar?focus=); the choice is kept while the page is open. */
const FOCUS = { area: "同一政策领域", instrument: "同一政策工具" };
const FOCUS_HINT = { area: "同一政策方向的各类措施（默认）", instrument: "同一种具体做法，如风险补偿、科技保险" };
let focus = "area";

export async function renderMeasure(view, id) {
  const d = await viewData(view, `/api/measures/${enc(id)}`);
  if (!d) return;
  const m = d.measure;
  const doc = d.document;
  const crumbs = d.context.filter((c) => c.path !== m.path).map((c) => `<span>${esc(c.path.split("/").pop())} ${esc(c.heading)}</span>`).join("");
  const unitRows = m.units.map((u) => `<tr><td>${ROLE[u.role]}</td><td><a href="#/unit/${enc(u.canonical)}">${esc(u.name)}</a></td><td>${esc(u.canonical)}</td></tr>`).join("");
  const dl = m.deadlines.map((x) => `<tr><td>${esc(x.text)}</td><td>${KIND[x.kind] || ""}</td><td>${esc(x.start || "")}${x.start ? " 至 " : ""}${esc(x.end || x.recurrence || "")}</td></tr>`).join("");
  const tg = m.targets.map((x) => `<tr><td>${esc(x.metric || "")}</td><td>${esc(x.text)}</td><td>${esc(x.comparator)} ${x.min ?? ""}${x.max != null && x.max !== x.min ? `～${x.max}` : ""} ${esc(x.unit)}</td></tr>`).join("");
  const inText = `#/doc/${enc(doc.id)}?m=${enc(m.path)}`;
  view.innerHTML = `<div class="crumbs"><span><a href="#/doc/${enc(doc.id)}">${esc(docName(doc))}</a></span>${crumbs}</div>
    <h1>${esc(m.path)} ${esc(m.title || "")}</h1>
    <p class="meta">${esc(place(doc.region, doc.scope))} · ${esc(doc.issuer || "")} ${esc(doc.docNumber || "")} ${esc(doc.date || "")} ${validityBadge(doc.validity || d.validity)}</p>
    ${doc.validity?.reason ? `<p class="meta">效力说明：${esc(doc.validity.reason)}</p>` : ""}
    <div class="badges">${unitBadges(m.units)}</div>
    <h2>全文</h2><div class="fulltext">${esc(m.text)}</div>
    <p><a href="${inText}">在文件全文中查看此措施</a></p>
    <h2>责任单位</h2>${unitRows ? `<div class="scroll"><table class="grid"><tr><th>角色</th><th>原文写法</th><th>规范名称</th></tr>${unitRows}</table></div>` : '<p class="empty">原文未明确责任单位。</p>'}
    <h2>完成时限</h2>${dl ? `<div class="scroll"><table class="grid"><tr><th>原文</th><th>类型</th><th>日期</th></tr>${dl}</table></div>` : '<p class="empty">原文未写明时限。</p>'}
    <h2>量化目标</h2>${tg ? `<div class="scroll"><table class="grid"><tr><th>指标</th><th>原文</th><th>数值</th></tr>${tg}</table></div>` : '<p class="empty">原文没有量化目标。</p>'}
    <p class="downloads"><a class="btn" href="#/compare?measure=${enc(m.id)}">对比其他地方的做法</a><a class="btn secondary" href="#/doc/${enc(doc.id)}">查看所在文件的全部措施</a></p>
    <h2>其他文件中的相似措施</h2>
    <div class="downloads" role="group" aria-label="相似的含义">${Object.entries(FOCUS).map(([k, label]) => `<button type="button" class="btn${k === focus ? "" : " secondary"}" data-focus="${k}" aria-pressed="${k === focus}" title="${esc(FOCUS_HINT[k])}">${label}</button>`).join("")}</div>
    <div id="similar"><p class="meta">加载中…</p></div>`;
  const h1 = view.querySelector("h1");
  h1.setAttribute("tabindex", "-1");
  h1.focus();
  view.querySelectorAll("[data-focus]").forEach((b) =>
    b.addEventListener("click", () => {
      if (b.dataset.focus === focus) return;
      focus = b.dataset.focus;
      view.querySelectorAll("[data-focus]").forEach((x) => {
        const on = x.dataset.focus === focus;
        x.setAttribute("aria-pressed", String(on));
        x.className = on ? "btn" : "btn secondary";
      });
      loadSimilar(id);
    }),
  );
  await loadSimilar(id);
}

/** The similar measures of one measure under the chosen focus, with paging; replaces #similar. */
async function loadSimilar(id) {
  const asked = focus;
  const url = (offset) => `/api/measures/${enc(id)}/similar?limit=8&offset=${offset}&focus=${asked}`;
  const box = document.getElementById("similar");
  if (box) box.innerHTML = '<p class="meta">加载中…</p>';
  try {
    const r = await api(url(0));
    if (asked !== focus) return; // switched again meanwhile
    const item = (h) => `<li><a href="#/measure/${enc(h.measure.id)}">${esc(h.measure.title || h.measure.path)}</a> <span class="meta">${esc(place(h.document.region, h.document.scope))} · ${esc(docName(h.document))} · 共同词：${h.sharedTerms.slice(0, 6).map(esc).join("、")}</span></li>`;
    const el = document.getElementById("similar");
    if (el) el.innerHTML = (r.similar.length ? `<ul id="similar-list">${r.similar.map(item).join("")}</ul>` : '<p class="empty">其他文件中没有相似措施。</p>') + (r.total > r.similar.length ? `<p><button type="button" class="btn secondary" id="similar-more">显示更多（共 ${r.total} 条）</button></p>` : "") + (r.copies.length ? `<h3>近乎照抄的措施</h3><ul>${r.copies.map(item).join("")}</ul>` : "");
    // next pages of the same ranking (offset), appended; the button goes once all are shown
    let shown = r.similar.length;
    document.getElementById("similar-more")?.addEventListener("click", async (ev) => {
      let next;
      try {
        next = await api(url(shown));
      } catch (e) {
        ev.target.closest("p")?.insertAdjacentHTML("afterend", errorHtml(e));
        return;
      }
      document.getElementById("similar-list")?.insertAdjacentHTML("beforeend", next.similar.map(item).join(""));
      shown += next.similar.length;
      if (shown >= next.total || next.similar.length === 0) ev.target.closest("p")?.remove();
    });
  } catch (e) {
    const el = document.getElementById("similar");
    if (el && asked === focus) el.innerHTML = errorHtml(e);
  }
}
