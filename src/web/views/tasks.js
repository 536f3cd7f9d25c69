// 督办: tasks (a measure × its lead or responsible unit) with status and 红黄绿灯, for a document, a unit or the
// whole library; due within 30 days and overdue by default; sortable, exportable; mark done / add a note (token).
import { api, getToken, send } from "../api.js";
import { currentParams, enc, errorHtml, esc, goTo, lightBadge, pagerHtml } from "../format.js";
import { bindDownloads, bindSignIn, say, signInHtml } from "../ui.js";

export const TASK_STATUSES = ["未开始", "推进中", "已完成", "已暂停", "不适用"];
const FORMATS = [["xlsx", "XLSX"], ["docx", "DOCX"], ["csv", "CSV"], ["md", "Markdown"], ["ics", "日历 ICS"]];
const LIGHT_ORDER = { red: 0, yellow: 1, green: 2, grey: 3, gray: 3 };
const LIMIT = 50;

const today = () => new Date().toISOString().slice(0, 10);
const addDays = (iso, n) => new Date(Date.parse(iso) + n * 86400000).toISOString().slice(0, 10);

// Task fields, whichever way the service nests them.
const measureOf = (t) => t.measure || {};
const docOf = (t) => t.document || {};
const titleOf = (t) => measureOf(t).title || t.title || t.task || measureOf(t).path || t.path || "";
const pathOf = (t) => measureOf(t).path || t.path || "";
const measureIdOf = (t) => measureOf(t).id || t.measureId || "";
const dueOf = (t) => t.due || t.dueDate || t.deadline?.end || t.deadline?.date || "";
const dueTextOf = (t) => t.deadlineText || t.deadline?.text || (t.deadlines || []).map((x) => x.text || x).join("；") || dueOf(t) || "未明确";

function tasksTable(tasks, { withDoc = true, editable = false } = {}) {
  if (!tasks.length) return '<p class="empty">没有符合条件的任务。</p>';
  const head = `<tr><th><button type="button" class="sort" data-sort="light">灯</button></th><th><button type="button" class="sort" data-sort="title">任务</button></th>${withDoc ? '<th><button type="button" class="sort" data-sort="doc">文件</button></th>' : ""}<th><button type="button" class="sort" data-sort="unit">责任单位</button></th><th><button type="button" class="sort" data-sort="due">完成时限</button></th><th><button type="button" class="sort" data-sort="status">状态</button></th><th>进展</th>${editable ? "<th>操作</th>" : ""}</tr>`;
  const rows = tasks.map((t) => `<tr data-task="${esc(t.id)}">
    <td>${lightBadge(t.light)}</td>
    <td>${measureIdOf(t) ? `<a href="#/measure/${enc(measureIdOf(t))}">${esc(pathOf(t))} ${esc(titleOf(t))}</a>` : esc(titleOf(t))}</td>
    ${withDoc ? `<td>${docOf(t).id || t.docId ? `<a href="#/doc/${enc(docOf(t).id || t.docId)}">${esc(docOf(t).title || t.docTitle || "文件")}</a>` : ""}</td>` : ""}
    <td>${t.unit ? `<a href="#/unit/${enc(t.unit)}">${esc(t.unit)}</a>` : ""}${t.role ? ` <span class="meta">${t.role === "lead" ? "牵头" : t.role === "responsible" ? "责任" : esc(t.role)}</span>` : ""}</td>
    <td>${esc(dueTextOf(t))}</td>
    <td><span class="status">${esc(t.status || "未开始")}</span>${t.completedOn ? `<div class="meta">${esc(t.completedOn)} 办结</div>` : ""}</td>
    <td>${t.note ? esc(t.note) : '<span class="meta">—</span>'}${t.updatedBy ? `<div class="meta">${esc(t.updatedBy)} ${esc((t.updatedAt || "").slice(0, 10))}</div>` : ""}</td>
    ${editable ? `<td class="task-actions"><button type="button" class="small" data-done ${t.status === "已完成" ? "disabled" : ""}>标记办结</button> <button type="button" class="small secondary" data-note>填写进展</button></td>` : ""}
  </tr>`).join("");
  return `<div class="scroll"><table class="grid tasks"><thead>${head}</thead><tbody>${rows}</tbody></table></div>`;
}

function sortTasks(tasks, key, dir) {
  const val = {
    light: (t) => LIGHT_ORDER[t.light] ?? 9,
    title: (t) => `${pathOf(t)} ${titleOf(t)}`,
    doc: (t) => docOf(t).title || t.docTitle || "",
    unit: (t) => t.unit || "",
    due: (t) => dueOf(t) || "9999",
    status: (t) => TASK_STATUSES.indexOf(t.status || "未开始"),
  }[key];
  if (!val) return tasks;
  return [...tasks].sort((a, b) => {
    const x = val(a);
    const y = val(b);
    return (typeof x === "number" ? x - y : String(x).localeCompare(String(y), "zh-CN")) * dir;
  });
}

/** The note form under a task's row. */
function noteRow(t, cols) {
  return `<tr class="note-row"><td colspan="${cols}"><form class="task-note">
    <label>状态 <select name="status">${TASK_STATUSES.map((s) => `<option ${s === (t.status || "未开始") ? "selected" : ""}>${s}</option>`).join("")}</select></label>
    <label>完成日期 <input type="date" name="completedOn" value="${esc(t.completedOn || "")}"></label>
    <label class="grow">进展情况 <textarea name="note" rows="2" maxlength="2000" placeholder="如：已与三家银行签订合作协议"></textarea></label>
    <button>保存</button> <button type="button" class="secondary" data-cancel>取消</button> <span class="form-status" aria-live="polite"></span>
  </form></td></tr>`;
}

/** Sorting, mark done and notes on a rendered task table; reload() re-reads the tasks after a change. */
function bindTaskTable(root, tasks, render, reload) {
  let key = null;
  let dir = 1;
  root.querySelectorAll("button.sort").forEach((b) =>
    b.addEventListener("click", () => {
      dir = key === b.dataset.sort ? -dir : 1;
      key = b.dataset.sort;
      render(sortTasks(tasks, key, dir), key, dir);
    }),
  );
  root.querySelectorAll("tr[data-task]").forEach((tr) => {
    const t = tasks.find((x) => x.id === tr.dataset.task);
    tr.querySelector("[data-done]")?.addEventListener("click", async (e) => {
      const b = e.currentTarget;
      b.disabled = true;
      try {
        await send("PATCH", `/api/tasks/${enc(t.id)}`, { status: "已完成", completedOn: today() });
        reload();
      } catch (err) {
        b.disabled = false;
        tr.querySelector(".task-actions").insertAdjacentHTML("beforeend", `<p class="error" role="alert">${esc(err.message)}</p>`);
      }
    });
    tr.querySelector("[data-note]")?.addEventListener("click", () => {
      if (tr.nextElementSibling?.classList.contains("note-row")) return;
      tr.insertAdjacentHTML("afterend", noteRow(t, tr.children.length));
      const form = tr.nextElementSibling.querySelector("form");
      form.elements.note.focus();
      form.querySelector("[data-cancel]").addEventListener("click", () => form.closest("tr").remove());
      form.addEventListener("submit", async (e) => {
        e.preventDefault();
        const body = { status: form.elements.status.value };
        if (form.elements.completedOn.value) body.completedOn = form.elements.completedOn.value;
        if (form.elements.note.value.trim()) body.note = form.elements.note.value.trim();
        try {
          await send("PATCH", `/api/tasks/${enc(t.id)}`, body);
          reload();
        } catch (err) {
          say(form.querySelector(".form-status"), `未保存：${err.message}`, false);
        }
      });
    });
  });
}

function tasksList(d) {
  return d.tasks || d.items || [];
}

/** Tasks with their lights inside another page (document or unit page). */
export async function loadTaskSection(el, filter) {
  if (!el) return;
  const q = new URLSearchParams({ ...filter, limit: "200" });
  let d;
  try {
    d = await api(`/api/tasks?${q}`);
  } catch (e) {
    el.innerHTML = errorHtml(e);
    return;
  }
  const tasks = tasksList(d);
  const count = (light) => tasks.filter((t) => t.light === light).length;
  const render = (list) => {
    el.innerHTML = `<p class="meta">${lightBadge("red")} ${count("red")} · ${lightBadge("yellow")} ${count("yellow")} · ${lightBadge("green")} ${count("green")} · ${lightBadge("grey")} ${count("grey")}${d.total > tasks.length ? `（显示前 ${tasks.length} 项，共 ${d.total} 项）` : ""} · <a href="#/tasks?${new URLSearchParams(filter)}">打开督办视图</a></p>${tasksTable(list, { withDoc: !filter.doc })}`;
    bindTaskTable(el, tasks, render, () => loadTaskSection(el, filter));
  };
  render(tasks);
}

export async function renderTasks(view) {
  const p = currentParams();
  const doc = p.get("doc") || "";
  const unit = p.get("unit") || "";
  const scope = p.get("scope") || "due"; // due: overdue + due within 30 days; all
  const offset = Number(p.get("offset") || 0);
  const q = new URLSearchParams();
  if (doc) q.set("doc", doc);
  if (unit) q.set("unit", unit);
  if (scope === "due") q.set("dueBefore", addDays(today(), 30));
  if (p.get("hideExpired") === "1") q.set("hideExpired", "1");
  if (p.get("status")) q.set("status", p.get("status"));
  q.set("limit", String(LIMIT));
  q.set("offset", String(offset));
  let d;
  let failed = "";
  try {
    d = await api(`/api/tasks?${q}`);
  } catch (e) {
    failed = errorHtml(e);
  }
  const tasks = d ? tasksList(d).filter((t) => scope !== "due" || t.light !== "grey") : [];
  const exportQ = new URLSearchParams(q);
  exportQ.delete("limit");
  exportQ.delete("offset");
  const who = doc ? "本文件" : unit ? `单位“${esc(unit)}”` : "全部文件";
  const editable = !!getToken();
  view.innerHTML = `<h1>督办${doc || unit ? `：${who}` : ""}</h1>
    <form id="tasks-form" class="doc-filters" aria-label="督办范围">
      <div class="fields">
        <label for="t-unit">单位</label><input id="t-unit" name="unit" value="${esc(unit)}" placeholder="任意简称，如：人行、财政局">
        <label for="t-scope">范围</label><select id="t-scope" name="scope"><option value="due" ${scope === "due" ? "selected" : ""}>已逾期及 30 日内到期</option><option value="all" ${scope === "all" ? "selected" : ""}>全部任务</option></select>
        <label for="t-status">状态</label><select id="t-status" name="status"><option value="">全部</option>${TASK_STATUSES.map((s) => `<option ${p.get("status") === s ? "selected" : ""}>${s}</option>`).join("")}</select>
        <label class="check"><input type="checkbox" name="hideExpired" ${p.get("hideExpired") === "1" ? "checked" : ""}> 隐藏已过期规划的任务</label>
      </div>
      ${doc ? `<input type="hidden" name="doc" value="${esc(doc)}"><p class="meta">仅限一个文件：<a href="#/doc/${enc(doc)}">返回文件</a> · <a href="#/tasks">查看全部文件</a></p>` : ""}
      <p class="form-actions"><button>查看</button></p>
    </form>
    ${failed}
    ${d ? `<p class="summary" id="tasks-summary">${who}：共 ${d.total ?? tasks.length} 项任务${scope === "due" ? "（已逾期及 30 日内到期）" : ""}</p>
      <div class="downloads" aria-label="导出督办清单">${FORMATS.map(([f, l]) => `<button type="button" class="secondary" data-download="/api/tasks?${exportQ}&format=${f}" data-name="督办清单.${f}">导出 ${l}</button>`).join("")}<span class="dl-status meta" aria-live="polite"></span></div>
      ${signInHtml()}
      <div id="tasks-table"></div>
      ${pagerHtml(d.total ?? 0, offset, LIMIT, "任务分页")}` : ""}`;
  view.querySelector("#tasks-form").addEventListener("submit", (e) => {
    e.preventDefault();
    const f = e.currentTarget.elements;
    goTo("tasks", [["doc", doc], ["unit", f.unit.value.trim()], ["scope", f.scope.value], ["status", f.status.value], ["hideExpired", f.hideExpired.checked ? "1" : ""]]);
  });
  if (!d) return;
  bindDownloads(view);
  bindSignIn(view, () => renderTasks(view));
  view.querySelectorAll("[data-page]").forEach((b) => b.addEventListener("click", () => { p.set("offset", b.dataset.page); goTo("tasks", p); }));
  const box = view.querySelector("#tasks-table");
  const render = (list) => {
    box.innerHTML = tasksTable(list, { withDoc: !doc, editable });
    bindTaskTable(box, tasks, render, () => renderTasks(view));
  };
  render(sortTasks(tasks, "due", 1));
}
