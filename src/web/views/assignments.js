// The 任务分工表 of a document, previewed as it will print (the CSV export: same columns, same order),
// with a column and full-text choice and a download button for each format.
import { download, getToken } from "../api.js";
import { enc, esc } from "../format.js";

const FORMATS = [["xlsx", "XLSX"], ["docx", "DOCX"], ["csv", "CSV"], ["md", "Markdown"], ["ics", "日历 ICS"]];
/** Columns a document's table can have, in print order (the service's keys; 任务编号 is added by the service). */
const COLUMNS = [["no", "序号"], ["task", "重点任务"], ["lead", "牵头单位"], ["coop", "配合单位"], ["unit", "责任单位"], ["deadline", "完成时限"], ["due", "截止日期"], ["light", "督办灯"], ["status", "状态"], ["completed", "完成时间"], ["progress", "进展情况"], ["remark", "备注"], ["path", "原文条目"]];

/** RFC 4180 rows (quotes, doubled quotes, line breaks inside quotes); a BOM is dropped. */
export function parseCsv(text) {
  const rows = [];
  let row = [];
  let cell = "";
  let quoted = false;
  const s = text.replace(/^\uFEFF/, "");
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (quoted) {
      if (ch === '"' && s[i + 1] === '"') { cell += '"'; i++; }
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") { row.push(cell); cell = ""; }
    else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && s[i + 1] === "\n") i++;
      row.push(cell); rows.push(row); row = []; cell = "";
    } else cell += ch;
  }
  if (cell || row.length) { row.push(cell); rows.push(row); }
  return rows.filter((r) => r.some((c) => c !== ""));
}

export function assignmentsHtml(d) {
  return `<section class="panel assignments" aria-labelledby="asg-h"><h2 id="asg-h">任务分工表</h2>
    <form class="asg-options" aria-label="分工表选项">
      <fieldset><legend>列</legend><span class="asg-columns meta">加载中…</span></fieldset>
      <label class="check"><input type="checkbox" name="content"> 含措施全文</label>
    </form>
    <div class="downloads" aria-label="下载任务分工表">${FORMATS.map(([f, label]) => `<button type="button" class="secondary" data-format="${f}">下载 ${label}</button>`).join("")}<span class="dl-status meta" aria-live="polite"></span></div>
    <div class="asg-preview" aria-live="polite"><p class="meta">正在生成预览…</p></div>
  </section>`;
}

export function bindAssignments(view, d) {
  const panel = view.querySelector("section.assignments");
  const form = panel.querySelector(".asg-options");
  let defaults = null; // column keys of the default table, from its header
  const chosen = () => {
    const boxes = [...form.querySelectorAll("input[name=col]")];
    if (!boxes.length) return null;
    const keys = boxes.filter((b) => b.checked).map((b) => b.value);
    return keys.join(",") === defaults?.join(",") ? null : keys;
  };
  const url = (format) => {
    const q = new URLSearchParams({ format, content: form.elements.content.checked ? "1" : "0" });
    const cols = chosen();
    if (cols) q.set("columns", cols.join(","));
    return `/api/documents/${enc(d.id)}/assignments?${q}`;
  };
  const preview = async () => {
    const box = panel.querySelector(".asg-preview");
    box.innerHTML = '<p class="meta">正在生成预览…</p>';
    let text;
    try {
      // An editor's token spares the preview the anonymous export budget.
      const r = await fetch(url("csv"), { headers: getToken() ? { authorization: `Bearer ${getToken()}` } : {} });
      if (!r.ok) {
        const body = await r.json().catch(() => ({}));
        throw new Error(body.error || `请求失败（${r.status}）`);
      }
      text = await r.text();
    } catch (e) {
      box.innerHTML = `<p class="error" role="alert">无法生成预览：${esc(e.message)}</p>`;
      return;
    }
    const rows = parseCsv(text);
    if (!rows.length) { box.innerHTML = '<p class="empty">本文件没有可分工的措施。</p>'; return; }
    // 任务编号 is a hidden column of the printed table (it lets a filled-in table be imported back).
    const hiddenAt = rows[0].indexOf("任务编号");
    if (hiddenAt >= 0) for (const r of rows) r.splice(hiddenAt, 1);
    const [head, ...body] = rows;
    if (!defaults) {
      defaults = COLUMNS.filter(([, h]) => head.includes(h)).map(([k]) => k);
      form.querySelector(".asg-columns").innerHTML = COLUMNS.map(([k, h]) => `<label class="check"><input type="checkbox" name="col" value="${k}" ${defaults.includes(k) ? "checked" : ""}> ${esc(h)}</label>`).join("");
    }
    // A row without 序号 is a section row (the 一、（一） groups).
    const tr = (r) => `<tr${r[0]?.trim() ? "" : ' class="section"'}>${head.map((_, i) => `<td>${esc(r[i] ?? "")}</td>`).join("")}</tr>`;
    box.innerHTML = `<p class="meta">打印预览（与导出文件相同的列和顺序，共 ${body.length} 行）：</p><div class="scroll"><table class="grid print-preview"><caption>${esc(d.title || "")}${d.docNumber ? `（${esc(d.docNumber)}）` : ""} 任务分工表</caption><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join("")}</tr></thead><tbody>${body.map(tr).join("")}</tbody></table></div>`;
  };
  form.addEventListener("change", preview);
  panel.querySelectorAll("[data-format]").forEach((b) =>
    b.addEventListener("click", async () => {
      const status = panel.querySelector(".dl-status");
      status.className = "dl-status meta";
      status.textContent = "正在生成文件…";
      try {
        const name = await download(url(b.dataset.format), `任务分工表.${b.dataset.format}`);
        status.textContent = `已下载：${name}`;
      } catch (e) {
        status.className = "dl-status error";
        status.textContent = `未能下载：${e.message}`;
      }
    }),
  );
  preview();
}
