// The documents library: search by title, 文号 or issuer, filters, sort, paging; upload for editors.
import { currentParams, docName, enc, esc, focusEl, goTo, pagerHtml, place, validityBadge } from "../format.js";
import { pageData, stackTables } from "../ui.js";
import { bindUploadPanel, uploadPanelHtml } from "./upload.js";

const LIMIT = 20;
const STATUSES = ["现行", "已到期", "已被替代"];
const KEYS = ["q", "issuer", "province", "city", "county", "from", "to", "status", "sort"];
let focusAfterRender = false;

export async function renderDocs(view) {
  const p = currentParams();
  const offset = Number(p.get("offset") || 0);
  const query = new URLSearchParams();
  for (const k of KEYS) if (p.get(k)) query.set(k, p.get(k));
  query.set("limit", String(LIMIT));
  query.set("offset", String(offset));
  const { d, failed } = await pageData(`/api/documents?${query}`);
  const v = (k) => esc(p.get(k) || "");
  // The validity column only when the list carries it (the filter works either way).
  const withValidity = (d?.documents || []).some((x) => x.validity);
  const rows = (d?.documents || [])
    .map((x) => `<tr><td><a href="#/doc/${enc(x.id)}">${esc(docName(x))}</a>${x.corrected ? ' <span class="meta" title="标题、文号、地区等经人工更正">（已更正）</span>' : ""}${x.title ? "" : ' <span class="meta">（未识别标题，可打开文件更正）</span>'}</td><td>${esc(x.docNumber || "")}</td><td>${esc(x.issuer || "")}</td><td>${esc(place(x.region, x.scope))}</td><td>${esc(x.issuedDate || x.publishedDate || "")}</td>${withValidity ? `<td>${validityBadge(x.validity) || '<span class="meta">—</span>'}</td>` : ""}<td>${x.measureCount}</td></tr>`)
    .join("");
  view.innerHTML = `<h1>文件库${d ? `（${d.total}）` : ""}</h1>
    <form id="docs-form" class="doc-filters" role="search" aria-label="查找文件">
      <div class="fields">
        <label class="f" for="d-q"><span>标题、文号、发文机关或文件名</span><input id="d-q" name="q" type="search" value="${v("q")}" placeholder="如：攀办发〔2016〕22号、知识产权质押"></label>
        <label class="f" for="d-issuer"><span>发文机关</span><input id="d-issuer" name="issuer" value="${v("issuer")}"></label>
        <label class="f" for="d-province"><span>省</span><input id="d-province" name="province" value="${v("province")}" placeholder="如：四川省、国家层面"></label>
        <label class="f" for="d-city"><span>市</span><input id="d-city" name="city" value="${v("city")}"></label>
        <label class="f" for="d-county"><span>县（区）</span><input id="d-county" name="county" value="${v("county")}"></label>
        <label class="f" for="d-from"><span>日期自</span><input id="d-from" name="from" type="date" value="${v("from")}"></label>
        <label class="f" for="d-to"><span>至</span><input id="d-to" name="to" type="date" value="${v("to")}"></label>
        <label class="f" for="d-status"><span>效力</span><select id="d-status" name="status"><option value="">全部</option>${STATUSES.map((s) => `<option ${p.get("status") === s ? "selected" : ""}>${s}</option>`).join("")}</select></label>
        <label class="f" for="d-sort"><span>排序</span><select id="d-sort" name="sort"><option value="">日期（新→旧）</option><option value="date-asc" ${p.get("sort") === "date-asc" ? "selected" : ""}>日期（旧→新）</option><option value="title" ${p.get("sort") === "title" ? "selected" : ""}>标题</option></select></label>
      </div>
      <p class="form-actions"><button>查找</button> <button type="button" class="secondary" id="d-reset">清除条件</button></p>
    </form>
    ${failed}
    ${d ? `<p class="summary" id="docs-summary">共 ${d.total} 个文件${d.total ? `，第 ${Math.min(offset + 1, d.total)}–${Math.min(offset + LIMIT, d.total)} 个` : ""}</p>
    ${rows ? `<div class="scroll"><table class="grid docs stack"><thead><tr><th>标题</th><th>文号</th><th>发文机关</th><th>地区</th><th>日期</th>${withValidity ? "<th>效力</th>" : ""}<th>措施</th></tr></thead><tbody>${rows}</tbody></table></div>` : '<p class="empty">没有符合条件的文件。</p>'}
    ${pagerHtml(d.total, offset, LIMIT, "文件分页")}` : ""}
    ${uploadPanelHtml()}`;
  stackTables(view);
  const form = view.querySelector("#docs-form");
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const next = new URLSearchParams();
    for (const k of KEYS) next.set(k, form.elements[k].value.trim());
    goTo("docs", next);
  });
  view.querySelector("#d-reset").addEventListener("click", () => goTo("docs", []));
  view.querySelectorAll("[data-page]").forEach((b) =>
    b.addEventListener("click", () => {
      p.set("offset", b.dataset.page);
      focusAfterRender = true;
      goTo("docs", p);
    }),
  );
  bindUploadPanel(view, () => renderDocs(view));
  if (focusAfterRender) {
    focusAfterRender = false;
    focusEl(view.querySelector("table.docs tbody a") || view.querySelector("#docs-summary"));
  }
}
