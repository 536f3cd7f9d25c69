// 督办: tasks (a measure × its lead or responsible unit) with status and 红黄绿灯, for a document, a unit or the
// whole library; overdue and due within 30 days by default; sortable, exportable; mark done / add a note and
// import a filled-in table (token). Tasks removed by a replacement or deletion: scope=removed, as they were, with their history.
import { api, getToken, send } from "../api.js";
import { currentParams, enc, errorHtml, esc, focusEl, goTo, lightBadge, pagerHtml } from "../format.js";
import { bindDownloads, bindSignIn, pageData, say, signInHtml } from "../ui.js";

export const TASK_STATUSES = ["未开始", "推进中", "已完成", "已暂停", "不适用"];
const FORMATS = [["xlsx", "XLSX"], ["docx", "DOCX"], ["csv", "CSV"], ["md", "Markdown"]];
const SORTS = [["due", "到期日"], ["light", "灯"], ["unit", "单位"], ["doc", "文件"], ["status", "状态"]];
const LIGHT_ORDER = { 红: 0, 黄: 1, 绿: 2, 灰: 3 };
const ROLE = { lead: "牵头", responsible: "责任", none: "" };
const LIMIT = 100;
/** Set by the pager: after the next render, focus goes to the first task of the new page. */
let focusAfterRender = false;

/** A task as a screen reader names a row's buttons: its numbering, its words and its unit (a hundred rows of 标记办结 alone are indistinguishable). */
const taskLabel = (t) => `${t.path} ${String(t.task || "").slice(0, 40)}${t.unit ? `（${t.unit}）` : ""}`;

function tasksTable(tasks, { withDoc = true, editable = false, sort = null, order = "asc" } = {}) {
  if (!tasks.length) return '<p class="empty">没有符合条件的任务。</p>';
  const th = (key, label) => {
    const cur = sort === key ? (order === "desc" ? "descending" : "ascending") : "none";
    return `<th aria-sort="${cur}"><button type="button" class="sort" data-sort="${key}">${label}${sort === key ? (order === "desc" ? " ↓" : " ↑") : ""}</button></th>`;
  };
  const head = `<tr>${th("light", "灯")}<th>重点任务</th>${withDoc ? th("doc", "文件") : ""}${th("unit", "责任单位")}${th("due", "完成时限")}${th("status", "状态")}<th>进展情况</th>${editable ? "<th>操作</th>" : ""}</tr>`;
  const rows = tasks.map((t) => `<tr data-task="${esc(t.id)}">
    <td>${lightBadge(t.light, t.lightReason)}<div class="meta">${esc(t.lightReason || "")}</div></td>
    <td data-label="重点任务"><a href="#/measure/${enc(t.measureId)}">${esc(t.path)}</a> ${esc(t.task)}</td>
    ${withDoc ? `<td data-label="文件"><a href="#/doc/${enc(t.docId)}">${esc(t.docTitle || "文件")}</a>${t.expired ? ' <span class="validity v-expired">规划期已过</span>' : ""}</td>` : ""}
    <td data-label="责任单位">${t.unit ? `<a href="#/unit/${enc(t.unit)}">${esc(t.unit)}</a> <span class="meta">${ROLE[t.role] || ""}</span>` : '<span class="meta">未明确</span>'}</td>
    <td data-label="完成时限">${esc(t.deadline || "未明确")}${t.due ? `<div class="meta">${esc(t.due)}</div>` : ""}</td>
    <td data-label="状态"><span class="status">${esc(t.status)}</span>${t.completedOn ? `<div class="meta">${esc(t.completedOn)} 完成</div>` : ""}</td>
    <td data-label="进展情况">${t.note ? esc(t.note) : '<span class="meta">—</span>'}${t.updatedBy ? `<div class="meta">${esc(t.updatedBy)} ${esc((t.updatedAt || "").slice(0, 10))}</div>` : ""}</td>
    ${editable ? `<td class="task-actions"><button type="button" class="small" data-done ${t.status === "已完成" ? "disabled" : ""} aria-label="标记办结：${esc(taskLabel(t))}">标记办结</button> <button type="button" class="small secondary" data-note aria-label="填写进展：${esc(taskLabel(t))}">填写进展</button> <button type="button" class="small secondary" data-history aria-label="修改记录：${esc(taskLabel(t))}">记录</button></td>` : ""}
  </tr>`).join("");
  return `<div class="scroll"><table class="grid tasks"><thead>${head}</thead><tbody>${rows}</tbody></table></div>`;
}

function sortTasks(tasks, key, order) {
  const dir = order === "desc" ? -1 : 1;
  const val = {
    light: (t) => LIGHT_ORDER[t.light] ?? 9,
    doc: (t) => t.docTitle || "",
    unit: (t) => t.unit || "",
    due: (t) => t.due || "9999",
    status: (t) => TASK_STATUSES.indexOf(t.status),
  }[key];
  if (!val) return tasks;
  return [...tasks].sort((a, b) => {
    const x = val(a);
    const y = val(b);
    return (typeof x === "number" ? x - y : String(x).localeCompare(String(y), "zh-CN")) * dir;
  });
}

function noteRow(t, cols) {
  return `<tr class="note-row"><td colspan="${cols}"><form class="task-note" aria-label="填写进展：${esc(t.task)}">
    <label>状态 <select name="status">${TASK_STATUSES.map((s) => `<option ${s === t.status ? "selected" : ""}>${s}</option>`).join("")}</select></label>
    <label>完成时间 <input type="date" name="completedOn" value="${esc(t.completedOn || "")}"></label>
    <label class="grow">进展情况 <textarea name="note" rows="2" maxlength="2000" placeholder="如：已与三家银行签订合作协议"></textarea></label>
    <button>保存</button> <button type="button" class="secondary" data-cancel>取消</button> <span class="form-status" aria-live="polite"></span>
  </form></td></tr>`;
}

function historyHtml(history) {
  return history.length
    ? `<ol class="history">${history.map((h) => `<li><b>${esc(h.editor)}</b> <span class="meta">${esc(h.at.slice(0, 16).replace("T", " "))}${h.source === "import" ? "（表格导入）" : ""}</span>：${[h.status && `状态 ${esc(h.status)}`, h.completedOn && `完成时间 ${esc(h.completedOn)}`, h.note && `进展：${esc(h.note)}`].filter(Boolean).join("；")}</li>`).join("")}</ol>`
    : '<p class="meta">尚无修改记录。</p>';
}

/** Removed tasks (GET /api/tasks/removed): the old text, unit, last status and history; the new version when there is one. */
function removedTable(entries) {
  if (!entries.length) return '<p class="empty">没有已移除的任务。</p>';
  const rows = entries.map(({ task: t, history, removed }) => `<tr data-removed="${esc(t.id)}">
    <td>${lightBadge(t.light, "已移除")}<div class="meta">${esc(t.lightReason || "")}</div></td>
    <td data-label="原任务"><span class="meta">${esc(t.path)}</span> ${esc(t.task)}</td>
    <td data-label="原文件">${esc(t.docTitle || "文件")}<div class="meta">${removed.replacedBy ? `已替换为新版本 <a href="#/doc/${enc(removed.replacedBy)}">查看新版本</a>` : "文件已删除"}</div></td>
    <td data-label="责任单位">${t.unit ? esc(t.unit) : '<span class="meta">未明确</span>'}</td>
    <td data-label="最后状态"><span class="status">${esc(t.status)}</span>${t.completedOn ? `<div class="meta">${esc(t.completedOn)} 完成</div>` : ""}${t.note ? `<div>${esc(t.note)}</div>` : ""}${t.updatedBy ? `<div class="meta">${esc(t.updatedBy)} ${esc((t.updatedAt || "").slice(0, 10))}</div>` : ""}</td>
    <td data-label="移除时间">${esc(removed.at.slice(0, 10))}</td>
    <td><details><summary>修改记录 ${history.length} 条</summary>${historyHtml(history)}</details></td>
  </tr>`).join("");
  return `<div class="scroll"><table class="grid tasks removed-tasks"><thead><tr><th>灯</th><th>原任务</th><th>原文件</th><th>责任单位</th><th>最后状态</th><th>移除时间</th><th>修改记录</th></tr></thead><tbody>${rows}</tbody></table></div>`;
}

async function showHistory(tr, t) {
  if (tr.nextElementSibling?.classList.contains("history-row")) { tr.nextElementSibling.remove(); return; }
  tr.insertAdjacentHTML("afterend", `<tr class="history-row"><td colspan="${tr.children.length}"><p class="meta">加载中…</p></td></tr>`);
  const cell = tr.nextElementSibling.firstElementChild;
  try {
    const r = await fetch(`/api/tasks/${enc(t.id)}`, { headers: { accept: "application/json" } });
    const d = await r.json();
    if (!r.ok) throw new Error(d.error || `请求失败（${r.status}）`);
    cell.innerHTML = historyHtml(d.history);
  } catch (e) {
    cell.innerHTML = errorHtml(e);
  }
}

/** Sorting, mark done, notes and history on a rendered task table; reload() re-reads the tasks after a change. */
function bindTaskTable(root, tasks, opts, reload) {
  root.querySelectorAll("button.sort").forEach((b) =>
    b.addEventListener("click", () => {
      const order = opts.sort === b.dataset.sort && opts.order === "asc" ? "desc" : "asc";
      if (opts.onSort) return opts.onSort(b.dataset.sort, order);
      const next = { ...opts, sort: b.dataset.sort, order };
      root.innerHTML = tasksTable(sortTasks(tasks, next.sort, order), next);
      bindTaskTable(root, tasks, next, reload);
      root.querySelector(`button.sort[data-sort="${next.sort}"]`)?.focus();
    }),
  );
  root.querySelectorAll("tr[data-task]").forEach((tr) => {
    const t = tasks.find((x) => x.id === tr.dataset.task);
    tr.querySelector("[data-history]")?.addEventListener("click", () => showHistory(tr, t));
    tr.querySelector("[data-done]")?.addEventListener("click", async (e) => {
      const b = e.currentTarget;
      b.disabled = true;
      try {
        await send("PATCH", `/api/tasks/${enc(t.id)}`, { status: "已完成" });
        reload();
      } catch (err) {
        b.disabled = false;
        tr.querySelector(".task-actions").insertAdjacentHTML("beforeend", `<p class="error" role="alert">未保存：${esc(err.message)}</p>`);
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
        const body = {};
        if (form.elements.status.value !== t.status) body.status = form.elements.status.value;
        if (form.elements.completedOn.value && form.elements.completedOn.value !== t.completedOn) body.completedOn = form.elements.completedOn.value;
        if (form.elements.note.value.trim()) body.note = form.elements.note.value.trim();
        if (!Object.keys(body).length) return say(form.querySelector(".form-status"), "没有要保存的修改", false);
        // The service's rule (a date only on a completed task), said here in the form's own words.
        if (body.completedOn && form.elements.status.value !== "已完成") return say(form.querySelector(".form-status"), "完成时间只用于已完成的任务：请把状态选为“已完成”，或清空完成时间", false);
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

const countLights = (tasks) => ["红", "黄", "绿", "灰"].map((l) => `${lightBadge(l)} ${tasks.filter((t) => t.light === l).length}`).join(" · ");

/** Tasks with their lights inside another page (a document or a unit page). */
export async function loadTaskSection(el, filter) {
  if (!el) return;
  const q = new URLSearchParams({ ...filter, limit: "500" });
  let d;
  try {
    d = await api(`/api/tasks?${q}`);
  } catch (e) {
    el.innerHTML = errorHtml(e);
    return;
  }
  const editable = !!getToken();
  const opts = { withDoc: !filter.doc, editable, sort: null, order: "asc" };
  el.innerHTML = `<p class="meta">截至 ${esc(d.asOf)}：${countLights(d.tasks)}${d.total > d.tasks.length ? `（显示前 ${d.tasks.length} 项，共 ${d.total} 项）` : ""} · <a href="#/tasks?${new URLSearchParams(filter)}">打开督办视图</a>${editable ? "" : " · 登录编辑后可标记办结、填写进展"}</p><div class="task-box">${tasksTable(d.tasks, opts)}</div>`;
  bindTaskTable(el.querySelector(".task-box"), d.tasks, opts, () => loadTaskSection(el, filter));
}

function importHtml() {
  return `<details class="panel"><summary>导入填写后的任务表（CSV / XLSX）</summary>
    <p class="meta">把导出的分工表或督办清单发给各单位填写“状态、完成时间、进展情况”，收回后在此导入；按任务编号对应，对应不上的行会列出。</p>
    <form id="task-import"><label for="imp-file">表格文件</label> <input id="imp-file" type="file" accept=".csv,.xlsx" required> <button>导入</button> <span class="form-status" aria-live="polite"></span></form>
    <div id="imp-result"></div></details>`;
}

function bindImport(view, reload) {
  const form = view.querySelector("#task-import");
  if (!form) return;
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const file = form.querySelector("#imp-file").files[0];
    if (!file) return;
    const body = new FormData();
    body.append("file", file, file.name);
    const status = form.querySelector(".form-status");
    say(status, "正在导入…");
    try {
      const r = await send("POST", "/api/tasks/import", body);
      say(status, `已更新 ${r.updated} 项，未变 ${r.unchanged} 项${r.unmatched.length ? `，${r.unmatched.length} 行未能对应` : ""}`);
      view.querySelector("#imp-result").innerHTML = r.unmatched.length
        ? `<div class="scroll"><table class="grid"><tr><th>行</th><th>任务</th><th>原因</th></tr>${r.unmatched.map((u) => `<tr><td>${esc(u.row)}</td><td>${esc(u.task)}</td><td>${esc(u.reason)}</td></tr>`).join("")}</table></div>`
        : "";
      if (r.updated) setTimeout(reload, 1500);
    } catch (err) {
      say(status, `未导入：${err.message}`, false);
    }
  });
}

/** Windows of "due soon" a clerk can choose (days). */
const DUE_WINDOWS = [7, 15, 30, 60, 90];

export async function renderTasks(view) {
  const p = currentParams();
  const doc = p.get("doc") || "";
  const unit = p.get("unit") || "";
  const scope = p.get("scope") || "due"; // due: overdue + due within 30 days; all: every task; removed: tasks removed by a replacement or deletion
  const sort = p.get("sort") || "due";
  const order = p.get("order") || "asc";
  const hideExpired = p.get("hideExpired") === "1";
  const offset = Number(p.get("offset") || 0);
  // The window of "due soon" (days), as the address gives it (a shared link) or chosen: 30 by default.
  const days = DUE_WINDOWS.includes(Number(p.get("days"))) ? Number(p.get("days")) : 30;
  const q = new URLSearchParams();
  if (doc) q.set("doc", doc);
  if (unit) q.set("unit", unit);
  if (hideExpired) q.set("hideExpired", "1");
  let path;
  if (scope === "due") {
    q.set("days", String(days));
    q.set("sort", sort);
    q.set("order", order);
    path = `/api/tasks/overview?${q}`;
  } else if (scope === "removed") {
    q.delete("hideExpired");
    path = `/api/tasks/removed?${q}&limit=${LIMIT}&offset=${offset}`;
  } else {
    if (p.get("status")) q.set("status", p.get("status"));
    path = `/api/tasks?${q}&limit=${LIMIT}&offset=${offset}`;
  }
  const { d, failed } = await pageData(path);
  const first = scope === "removed" ? d?.tasks?.[0]?.task : d?.tasks?.[0];
  const who = doc ? (first?.docTitle ? `“${esc(first.docTitle)}”` : "本文件") : unit ? `单位“${esc(unit)}”` : "全部文件";
  const editable = !!getToken();
  const exportQ = new URLSearchParams(q);
  const head = !d ? ""
    : scope === "due" ? `截至 ${esc(d.asOf)}，${who}已逾期 ${d.overdue} 项、${d.days} 日内到期 ${d.dueSoon} 项`
    : scope === "removed" ? `${who}已移除的任务 ${d.total} 项（文件替换后新版本中没有这项任务，或文件已删除；原来的进展与修改记录保留，不能再修改）`
    : `截至 ${esc(d.asOf)}，${who}共 ${d.total} 项任务`;
  view.innerHTML = `<h1>督办${doc || unit ? `：${who}` : ""}</h1>
    <form id="tasks-form" class="doc-filters" aria-label="督办范围">
      <div class="fields">
        <label class="f" for="t-unit"><span>单位</span><input id="t-unit" name="unit" value="${esc(unit)}" placeholder="任意简称，如：人行、财政局"></label>
        <label class="f" for="t-scope"><span>范围</span><select id="t-scope" name="scope"><option value="due" ${scope === "due" ? "selected" : ""}>已逾期及即将到期</option><option value="all" ${scope === "all" ? "selected" : ""}>全部任务</option><option value="removed" ${scope === "removed" ? "selected" : ""}>已移除的任务</option></select></label>
        <label class="f" for="t-days"><span>即将到期（日内）</span><select id="t-days" name="days">${DUE_WINDOWS.map((n) => `<option value="${n}" ${days === n ? "selected" : ""}>${n} 日</option>`).join("")}</select></label>
        <label class="f" for="t-sort"><span>排序</span><select id="t-sort" name="sort">${SORTS.map(([v, l]) => `<option value="${v}" ${sort === v ? "selected" : ""}>${l}</option>`).join("")}</select></label>
        <label class="f" for="t-status"><span>状态（全部任务）</span><select id="t-status" name="status"><option value="">全部</option>${TASK_STATUSES.map((s) => `<option ${p.get("status") === s ? "selected" : ""}>${s}</option>`).join("")}</select></label>
      </div>
      <label class="check"><input type="checkbox" name="hideExpired" ${hideExpired ? "checked" : ""}> 隐藏规划期已过的文件（记录保留）</label>
      ${doc ? `<p class="meta">仅限一个文件：<a href="#/doc/${enc(doc)}">返回文件</a> · <a href="#/tasks">查看全部文件</a></p>` : ""}
      <p class="form-actions"><button>查看</button></p>
    </form>
    ${failed}
    ${d ? `<p class="summary" id="tasks-summary">${head}</p>
      ${scope === "due" ? `<div class="downloads" aria-label="导出督办清单">${FORMATS.map(([f, l]) => `<button type="button" class="secondary" data-download="/api/tasks/overview?${exportQ}&format=${f}" data-name="督办清单.${f}">导出 ${l}</button>`).join("")}<span class="dl-status meta" aria-live="polite"></span></div>` : ""}
      ${signInHtml()}
      <div id="tasks-table"></div>
      ${scope !== "due" ? pagerHtml(d.total, offset, LIMIT, "任务分页") : ""}
      ${editable ? importHtml() : ""}` : ""}`;
  view.querySelector("#tasks-form").addEventListener("submit", (e) => {
    e.preventDefault();
    const f = e.currentTarget.elements;
    goTo("tasks", [["doc", doc], ["unit", f.unit.value.trim()], ["scope", f.scope.value], ["days", f.days.value === "30" ? "" : f.days.value], ["sort", f.sort.value], ["status", f.status.value], ["hideExpired", f.hideExpired.checked ? "1" : ""]]);
  });
  if (!d) return;
  bindDownloads(view);
  bindSignIn(view, () => renderTasks(view));
  bindImport(view, () => renderTasks(view));
  view.querySelectorAll("[data-page]").forEach((b) => b.addEventListener("click", () => { p.set("offset", b.dataset.page); focusAfterRender = true; goTo("tasks", p); }));
  const box = view.querySelector("#tasks-table");
  const focusFirst = () => {
    if (!focusAfterRender) return;
    focusAfterRender = false;
    focusEl(box.querySelector("tbody a") || view.querySelector("#tasks-summary"));
  };
  if (scope === "removed") {
    box.innerHTML = removedTable(d.tasks);
    focusFirst();
    return;
  }
  // In the 督办 view a column header sorts on the service, so the export follows the same order.
  const onSort = scope === "due" ? (key, dir) => { p.set("sort", key); p.set("order", dir); goTo("tasks", p); } : null;
  const opts = { withDoc: !doc, editable, sort: scope === "due" ? sort : null, order, onSort };
  box.innerHTML = tasksTable(d.tasks, opts);
  bindTaskTable(box, d.tasks, opts, () => renderTasks(view));
  focusFirst();
}
