// Comparison across places (by topic word or from a measure) and the topics list.
import { bindDownloads, pageData, stackTables, viewData } from "../ui.js";
import { currentParams, docName, enc, esc } from "../format.js";

/** The excerpt's HTML without the title's text when it opens with it (marks kept balanced); "" when nothing is left. */
function afterTitle(html, titleHtml) {
  const text = (h) => { const t = document.createElement("template"); t.innerHTML = h || ""; return t.content.textContent.trim(); };
  const title = text(titleHtml);
  const body = text(html);
  if (title && title.startsWith(body.replace(/…$/, ""))) return ""; // an excerpt cut within the title adds nothing
  if (!title || !body.startsWith(title)) return html;
  const t = document.createElement("template");
  t.innerHTML = html;
  const walker = document.createTreeWalker(t.content, NodeFilter.SHOW_TEXT);
  let skip = title.length;
  let lead = true; // whitespace before the title and punctuation after it go too
  for (let n = walker.nextNode(); n && (skip > 0 || lead); n = walker.nextNode()) {
    let d = n.data;
    if (skip > 0) {
      const before = d.length - d.trimStart().length;
      d = d.trimStart();
      const take = Math.min(skip, d.length);
      skip -= take;
      d = d.slice(take);
      if (skip > 0 && before >= 0) { n.data = d; continue; }
    }
    d = d.replace(/^[。．.，,；;：:\s]+/, "");
    lead = d.length === 0;
    n.data = d;
  }
  // A mark whose words were all in the title would show as an empty yellow stub.
  t.content.querySelectorAll("mark").forEach((m) => !m.textContent && m.remove());
  return t.content.textContent.trim() ? t.innerHTML : "";
}

/** A place with more matching measures than listed: how many in all (as the topics page counts them). */
const moreOf = (r) => (r.measureCount > r.others.length + 1 ? ` 等 ${r.measureCount - 1} 条` : "");

function comparisonTable(t) {
  if (!t.rows.length) return '<p class="empty">没有找到可对比的措施。</p>';
  const head = `<tr><th>地方</th><th>措施</th><th>牵头单位</th><th>完成时限</th>${t.columns.map((c) => `<th>${esc(c.label)}</th>`).join("")}</tr>`;
  const rows = t.rows.map((r) => `<tr>
      <td><b>${esc(r.place.name)}</b><div class="meta">${esc(docName(r.document))}</div></td>
      <td><a href="#/measure/${enc(r.measure.id)}">${esc(r.measure.path)}</a> ${r.titleHtml || ""}${(() => { const rest = afterTitle(r.html, r.titleHtml); return rest ? `<div class="snippet">${rest}</div>` : ""; })()}${r.others.length ? `<div class="meta">另有：${r.others.map((o) => `<a href="#/measure/${enc(o.measure.id)}">${esc(o.measure.path)}</a>`).join("、")}${moreOf(r)}</div>` : ""}</td>
      <td>${r.leadUnits.map(esc).join("、") || "未明确"}</td>
      <td>${r.deadlines.map((x) => esc(x.text)).join("；") || "未明确"}</td>
      ${t.columns.map((c) => `<td>${esc(r.cells[c.id]?.display ?? "—")}</td>`).join("")}
    </tr>`).join("");
  const missing = t.missingPlaces.length ? `<p class="meta">没有相关措施的地方：${t.missingPlaces.map((p) => esc(p.name)).join("、")}</p>` : "";
  return `<div class="scroll"><table class="grid compare stack">${head}${rows}</table></div>${missing}`;
}

/** Download the comparison (XLSX, CSV, Markdown) with the same subject. */
function exportButtons(subject) {
  return `<div class="downloads" aria-label="导出对比表">${[["xlsx", "XLSX"], ["csv", "CSV"], ["md", "Markdown"]].map(([f, l]) => `<button type="button" class="secondary" data-download="/api/compare?${subject}&format=${f}" data-name="各地做法对比.${f}">导出 ${l}</button>`).join("")}<span class="dl-status meta" aria-live="polite"></span></div>`;
}

export async function renderCompare(view) {
  const p = currentParams();
  const q = p.get("q") || "";
  const measure = p.get("measure");
  let t = null;
  let failed = "";
  if (q || measure) ({ d: t, failed } = await pageData(measure ? `/api/compare?measure=${enc(measure)}` : `/api/compare?q=${enc(q)}`));
  // Nothing to compare for a term (a slip: 担抱): the search's did-you-mean, each a comparison of its own.
  const retry = t && !t.rows.length && q ? (await pageData(`/api/search?q=${enc(q)}&limit=1`)).d?.suggestions ?? [] : [];
  const tryInstead = retry.length ? `<div class="did-you-mean"><p>可以试试：</p><ul>${retry.map((s) => `<li><a href="#/compare?q=${enc(s.q)}">对比“${esc(s.q)}”</a></li>`).join("")}</ul></div>` : "";
  view.innerHTML = `<h1>各地做法对比${t ? `：${esc(t.subject.label)}` : ""}</h1>
    <form id="cmp-form" class="search inline"><label class="sr-only" for="cq">对比主题</label><input id="cq" value="${esc(q)}" placeholder="如：不良贷款容忍度、风险补偿、科技支行"><button>对比</button></form>
    <p><a href="#/topics">浏览全部主题</a></p>
    ${failed}${t ? (t.rows.length ? exportButtons(measure ? `measure=${enc(measure)}` : `q=${enc(q)}`) : "") + comparisonTable(t) + tryInstead : ""}`;
  stackTables(view);
  bindDownloads(view);
  document.getElementById("cmp-form").addEventListener("submit", (e) => {
    e.preventDefault();
    location.hash = `#/compare?q=${enc(document.getElementById("cq").value.trim())}`;
  });
}

export async function renderTopics(view) {
  const d = await viewData(view, "/api/topics");
  if (!d) return;
  const rows = d.topics.map((t) => `<tr><td><a href="#/topic/${enc(t.id)}">${esc(t.name)}</a><div class="meta">${t.terms.slice(0, 6).map(esc).join("、")}</div></td><td>${t.measureCount}</td><td>${t.places.map((x) => `${esc(x.name)}（${x.count}）`).join("、")}</td><td>${t.missingPlaces.map(esc).join("、") || "—"}</td></tr>`).join("");
  view.innerHTML = `<h1>主题（${d.topics.length}）</h1><p class="meta">主题名称取自措施原文；“没有的地方”同样值得关注。</p>
    <div class="scroll"><table class="grid"><tr><th>主题</th><th>措施</th><th>有措施的地方</th><th>没有的地方</th></tr>${rows}</table></div>`;
}

export async function renderTopic(view, id) {
  const d = await viewData(view, `/api/topics/${enc(id)}`);
  if (!d) return;
  view.innerHTML = `<h1>主题：${esc(d.topic.name)}</h1><p class="meta">${d.topic.terms.map(esc).join("、")}</p>${comparisonTable(d.comparison)}`;
  stackTables(view);
}
