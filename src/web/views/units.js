// Units: the list (any alias, place filter, paging) and one unit's duties with their lights and duty-list downloads.
import { ROLE, currentParams, docName, enc, esc, focusEl, goTo, pagerHtml, place } from "../format.js";
import { bindDownloads, pageData, viewData } from "../ui.js";
import { loadTaskSection } from "./tasks.js";

const LIMIT = 50;
const FORMATS = [["xlsx", "XLSX"], ["docx", "DOCX"], ["csv", "CSV"], ["md", "Markdown"], ["ics", "日历 ICS"]];
let focusAfterRender = false;

export async function renderUnits(view) {
  const p = currentParams();
  const offset = Number(p.get("offset") || 0);
  const q = new URLSearchParams();
  for (const k of ["q", "province", "city", "role"]) if (p.get(k)) q.set(k, p.get(k));
  q.set("limit", String(LIMIT));
  q.set("offset", String(offset));
  const { d, failed } = await pageData(`/api/units?${q}`);
  const v = (k) => esc(p.get(k) || "");
  const withPlace = (d?.units || []).some((u) => u.region);
  const rows = (d?.units || []).map((u) => `<tr><td><a href="#/unit/${enc(u.name)}">${esc(u.name)}</a></td>${withPlace ? `<td>${esc(place(u.region))}</td>` : ""}<td>${u.lead}</td><td>${u.coop}</td><td>${u.responsible}</td><td>${esc((u.names || []).join("、"))}</td></tr>`).join("");
  const total = d?.total ?? d?.units?.length ?? 0;
  view.innerHTML = `<h1>单位${d?.total != null ? `（${d.total}）` : ""}</h1>
    <form id="unit-form" class="doc-filters" role="search" aria-label="查找单位">
      <div class="fields">
        <label class="f" for="uq"><span>单位（任意简称）</span><input id="uq" name="q" value="${v("q")}" placeholder="如：发改委、人行、金融办"></label>
        <label class="f" for="u-province"><span>省</span><input id="u-province" name="province" value="${v("province")}"></label>
        <label class="f" for="u-city"><span>市</span><input id="u-city" name="city" value="${v("city")}"></label>
        <label class="f" for="u-role"><span>角色</span><select id="u-role" name="role"><option value="">全部</option>${Object.entries(ROLE).map(([k, l]) => `<option value="${k}" ${p.get("role") === k ? "selected" : ""}>${l}</option>`).join("")}</select></label>
      </div>
      <p class="form-actions"><button>查找</button></p>
    </form>
    ${failed}
    ${d?.unplaced?.count ? `<p class="meta notice">有 ${d.unplaced.count} 个文件未识别地区，其单位单独列出（不与其他地方的同名单位合并），请打开文件更正地区：${d.unplaced.documents.map((x) => `<a href="#/doc/${enc(x.id)}">${esc(x.title || x.docNumber || docName(x))}</a>`).join("、")}</p>` : ""}
    ${d ? `<p class="summary" id="units-summary">共 ${total} 个单位${total ? `，第 ${Math.min(offset + 1, total)}–${Math.min(offset + LIMIT, total)} 个` : ""}</p>
    ${rows ? `<div class="scroll"><table class="grid units"><thead><tr><th>单位</th>${withPlace ? "<th>地区</th>" : ""}<th>牵头</th><th>配合</th><th>责任</th><th>原文写法</th></tr></thead><tbody>${rows}</tbody></table></div>` : '<p class="empty">没有符合条件的单位。</p>'}
    ${d.total != null ? pagerHtml(d.total, offset, LIMIT, "单位分页") : ""}` : ""}`;
  view.querySelector("#unit-form").addEventListener("submit", (e) => {
    e.preventDefault();
    const f = e.currentTarget.elements;
    goTo("units", ["q", "province", "city", "role"].map((k) => [k, f[k].value.trim()]));
  });
  view.querySelectorAll("[data-page]").forEach((b) => b.addEventListener("click", () => { p.set("offset", b.dataset.page); focusAfterRender = true; goTo("units", p); }));
  if (focusAfterRender) {
    focusAfterRender = false;
    focusEl(view.querySelector("table.units tbody a") || view.querySelector("#units-summary"));
  }
}

export async function renderUnit(view, name) {
  const d = await viewData(view, `/api/units/${enc(name)}`);
  if (!d) return;
  const u = d.units.length === 1 ? d.units[0] : null;
  const title = u ? u.name : d.query;
  const sum = (k) => d.units.reduce((n, x) => n + x[k], 0);
  const others = d.units.length > 1 ? `<p class="meta">包括：${d.units.map((x) => `<a href="#/unit/${enc(x.name)}">${esc(x.name)}</a>`).join("、")}</p>` : "";
  const groups = d.documents
    .map((g) => `<h2><a href="#/doc/${enc(g.document.id)}">${esc(g.document.title || "文件")}</a> <span class="meta">${esc(place(g.document.region))} ${esc(g.document.date || "")}</span></h2>
      <div class="scroll"><table class="grid"><tr><th>措施</th><th>角色</th><th>完成时限</th></tr>${g.measures
        .map((m) => `<tr><td><a href="#/measure/${enc(m.id)}">${esc(m.path)} ${esc(m.title || "")}</a></td><td>${m.roles.map((r) => `<span class="badge ${r}">${ROLE[r]}</span>`).join(" ")}</td><td>${m.deadlines.map((x) => esc(x.text)).join("；") || "未明确"}</td></tr>`)
        .join("")}</table></div>`)
    .join("");
  view.innerHTML = `<h1>${esc(title)}${u ? "" : `<span class="meta">（匹配 ${d.units.length} 个单位）</span>`}</h1>
    <p class="meta">牵头 ${sum("lead")} 项 · 配合 ${sum("coop")} 项 · 责任 ${sum("responsible")} 项${u ? ` · 原文写法：${esc(u.names.join("、"))}` : ""}</p>
    ${others}
    <div class="downloads" aria-label="下载责任清单">${FORMATS.map(([f, l]) => `<button type="button" class="secondary" data-download="/api/units/${enc(d.query || title)}/duties?format=${f}" data-name="${esc(title)}责任清单.${f}">责任清单 ${l}</button>`).join("")}<span class="dl-status meta" aria-live="polite"></span></div>
    <p><a href="#/search?unit=${enc(title)}">检索该单位的措施</a> · <a href="#/tasks?unit=${enc(d.query || title)}">该单位的督办</a> · <a href="/api/units/${enc(d.query || title)}/calendar.ics">订阅日历（.ics 地址）</a></p>
    <section class="panel" aria-labelledby="tasks-h"><h2 id="tasks-h">任务进展（红黄绿灯）</h2><div id="unit-tasks"><p class="meta">加载中…</p></div></section>
    ${groups}`;
  bindDownloads(view);
  loadTaskSection(view.querySelector("#unit-tasks"), { unit: d.query || title });
}
