// Reading a document whole: the repaired text with its notice wrapper, the numbered outline beside it,
// a measure opened from elsewhere scrolled to and marked; validity, citations, the 任务分工表 and 督办,
// and for a signed-in editor the metadata form and deletion.
import { getToken, send, upload } from "../api.js";
import { currentParams, docName, enc, esc, focusEl, place, validityBadge } from "../format.js";
import { bindDownloads, bindSignIn, say, signInHtml, viewData } from "../ui.js";
import { bindDocForm, docFormHtml } from "./doc-form.js";
import { ACCEPT } from "./upload.js";
import { assignmentsHtml, bindAssignments } from "./assignments.js";
import { loadTaskSection } from "./tasks.js";

/** The numbering label as printed: 一、 （一） 1. （1） ① 第N条. */
function printedLabel(seg) {
  if (/^[一二三四五六七八九十百零]+$/.test(seg)) return `${seg}、`;
  const paren = /^\((.+)\)$/.exec(seg);
  if (paren) return `（${paren[1]}）`;
  if (/^\d+$/.test(seg)) return `${seg}.`;
  return seg;
}

/**
 * Marks the OCR lines read with low confidence where they occur in the escaped text (first occurrence
 * of each, so a reader checks them against the original); returns the lines not found in the text.
 */
export function lowLineMarker(lowLines) {
  const pending = (lowLines || []).filter((l) => l.text.replace(/\s+/g, "").length >= 2).map((l) => ({ ...l, key: esc(l.text.trim()) }));
  const mark = (html) => {
    for (const l of pending) {
      if (l.done) continue;
      const at = html.indexOf(l.key);
      if (at < 0) continue;
      l.done = true;
      const title = `OCR 置信度 ${(l.confidence * 100).toFixed(0)}%（第 ${l.page} 页），请对照原文核对`;
      html = `${html.slice(0, at)}<mark class="ocr-low" title="${title}">${l.key}<span class="sr-only">（${title}）</span></mark>${html.slice(at + l.key.length)}`;
    }
    return html;
  };
  return { mark, missed: () => pending.filter((l) => !l.done) };
}

function fullText(d, marker) {
  const byPath = new Map(d.measures.map((m) => [m.path, m]));
  const blocks = d.parts.outline.map((o, i) => {
    const m = byPath.get(o.path);
    const label = esc(printedLabel(o.path.split("/").pop()));
    const body = m
      ? `<p class="para"><b class="lbl">${label}</b>${marker.mark(esc(m.text))} <a class="to-measure" href="#/measure/${enc(m.id)}">〔措施详情<span class="sr-only">：${esc(m.title || o.path)}</span>〕</a></p>`
      : `<p class="para heading"><b class="lbl">${label}</b>${marker.mark(esc(o.heading))}</p>`;
    return `<section class="blk depth-${Math.min(o.depth, 4)}${m ? " measure" : ""}" id="t-${i}" data-path="${esc(o.path)}">${body}</section>`;
  });
  const preamble = d.parts.preamble ? `<div class="wrapper" aria-label="印发通知及前言">${marker.mark(esc(d.parts.preamble))}</div>` : "";
  const closing = d.parts.closing ? `<div class="wrapper closing">${marker.mark(esc(d.parts.closing))}</div>` : "";
  return `${preamble}${blocks.join("")}${closing}`;
}

function outlineHtml(d) {
  const byPath = new Map(d.measures.map((m) => [m.path, m]));
  return d.parts.outline
    .map((o, i) => {
      const m = byPath.get(o.path);
      const label = esc(printedLabel(o.path.split("/").pop()));
      const lead = m ? m.units.filter((u) => u.role === "lead").map((u) => u.name).join("、") : "";
      return `<li class="${m ? "m" : "group"}" style="padding-left:${o.depth * 14}px"><a href="#/doc/${enc(d.id)}?m=${enc(o.path)}" data-goto="${i}">${label} ${esc(m?.title || o.heading)}</a>${lead ? ` <span class="badge lead">牵头：${esc(lead)}</span>` : ""}</li>`;
    })
    .join("");
}

function citationsHtml(d) {
  if (!d.cites && !d.citedBy) return "";
  const docLink = (x) => `<a href="#/doc/${enc(x.id)}">${esc(x.title || x.docNumber || "文件")}</a>${x.docNumber && x.title ? ` <span class="meta">${esc(x.docNumber)}</span>` : ""}`;
  const cite = (c) => `<li>${c.documents.length ? c.documents.map(docLink).join("；") : `${esc(c.text)} <span class="meta">（不在文件库中）</span>`}</li>`;
  const citing = (x) => `<li>${docLink(x)} <span class="meta">${esc(x.text)}</span></li>`;
  const cites = d.cites?.length ? `<ul>${d.cites.map(cite).join("")}</ul>` : '<p class="meta">未引用其他文件。</p>';
  const by = d.citedBy?.length ? `<ul>${d.citedBy.map(citing).join("")}</ul>` : '<p class="meta">文件库中没有引用本文件的文件。</p>';
  return `<section class="panel" aria-labelledby="cite-h"><h2 id="cite-h">引用关系</h2><div class="two"><div><h3>本文件引用</h3>${cites}</div><div><h3>引用本文件的文件</h3>${by}</div></div></section>`;
}

function validityHtml(v) {
  if (!v) return "";
  const by = v.supersededBy?.length ? `；替代文件：${v.supersededBy.map((x) => `<a href="#/doc/${enc(x.id)}">${esc(x.title || x.docNumber || "文件")}</a>`).join("、")}` : "";
  return `<p class="meta">效力：${validityBadge(v)} ${esc(v.reason)}${by}</p>`;
}

function ocrHtml(o, missed) {
  if (!o) return "";
  const low = o.lowLines?.length ? `；${o.lowLines.length} 行置信度较低，已在全文中<mark class="ocr-low">标出</mark>，请对照原文核对` : "";
  // Lines the repair changed (joined, corrected) are not found verbatim in the text: listed here instead.
  const rest = missed.length
    ? `<details class="meta"><summary>另有 ${missed.length} 行低置信度文字未能在全文中定位</summary><ul>${missed.map((l) => `<li>第 ${l.page} 页（${(l.confidence * 100).toFixed(0)}%）：${esc(l.text)}</li>`).join("")}</ul></details>`
    : "";
  return `<p class="meta notice">文字来源：OCR（第 ${o.pages.join("、")} 页经文字识别读出），平均置信度 ${(o.meanConfidence * 100).toFixed(1)}%${low}。</p>${rest}`;
}

function correctionsHtml(d) {
  const c = d.corrections;
  if (!c?.fields?.length) return "";
  const names = { title: "标题", docNumber: "文号", issuer: "发文机关", region: "地区", issuedDate: "成文日期", publishedDate: "发布日期" };
  return `<p class="meta">已人工更正：${c.fields.map((f) => names[f] || f).join("、")}（${esc(c.updatedBy)}，${esc(String(c.updatedAt).slice(0, 10))}）</p>`;
}

function editorHtml(d) {
  const signedIn = !!getToken();
  return `<details class="panel editor"${signedIn ? "" : ""}><summary>更正文件信息 / 上传新版本 / 删除（编辑）</summary>
    ${signInHtml()}
    ${signedIn ? `${docFormHtml(d, "ed")}<p><label for="replace-file">上传新版本（替换此文件；督办进展随之转到新版本中的同一项任务）</label> <input id="replace-file" type="file" accept="${ACCEPT}"></p><p class="form-status" id="replace-status" aria-live="polite"></p><p><button type="button" class="danger" id="delete-doc">删除此文件</button> <span class="meta">删除后，其措施、单位职责、主题与导出中的相关内容一并移除。</span></p><p class="form-status" id="delete-status"></p>` : ""}
  </details>`;
}

/** Scroll to a block of the text and mark it (the measure opened from a result). */
function markPath(view, path, focus = true) {
  view.querySelectorAll(".blk.marked").forEach((b) => b.classList.remove("marked"));
  view.querySelectorAll(".outline a[aria-current]").forEach((a) => a.removeAttribute("aria-current"));
  const block = [...view.querySelectorAll(".blk")].find((b) => b.dataset.path === path);
  if (!block) return false;
  block.classList.add("marked");
  view.querySelector(`.outline a[data-goto="${block.id.slice(2)}"]`)?.setAttribute("aria-current", "location");
  if (focus) focusEl(block);
  return true;
}

export async function renderDoc(view, id) {
  const d = await viewData(view, `/api/documents/${enc(id)}`);
  if (!d) return;
  const target = currentParams().get("m");
  const marker = lowLineMarker(d.ocr?.lowLines);
  const text = fullText(d, marker);
  view.innerHTML = `<h1>${esc(docName(d))}</h1>
    <p class="meta">${esc(d.docNumber || "无文号")} · ${esc(d.issuer || "发文机关不详")} · ${esc(place(d.region, d.scope))} · 成文 ${esc(d.issuedDate || "不详")} · 发布 ${esc(d.publishedDate || "不详")} · ${d.measureCount} 条措施</p>
    ${validityHtml(d.validity)}${correctionsHtml(d)}${ocrHtml(d.ocr, marker.missed())}
    <div class="downloads"><button type="button" class="secondary" data-download="/api/documents/${enc(d.id)}/original" data-name="${esc(d.source.split("/").pop())}">下载原文</button><a class="btn secondary" href="#/search?doc=${enc(d.id)}">在本文件中检索</a><a class="btn secondary" href="#/tasks?doc=${enc(d.id)}">本文件督办</a><span class="dl-status meta" aria-live="polite"></span></div>
    ${citationsHtml(d)}
    <div class="reader">
      <nav class="outline-nav" aria-label="文件目录"><h2>目录</h2><ul class="outline">${outlineHtml(d)}</ul></nav>
      <article class="doc-text" aria-label="全文"><h2>全文</h2>${text}</article>
    </div>
    ${assignmentsHtml(d)}
    <section class="panel" aria-labelledby="tasks-h"><h2 id="tasks-h">任务进展（红黄绿灯）</h2><div id="doc-tasks"><p class="meta">加载中…</p></div></section>
    ${editorHtml(d)}`;
  bindDownloads(view);
  view.querySelectorAll(".outline a[data-goto]").forEach((a) =>
    a.addEventListener("click", (e) => {
      e.preventDefault();
      const path = view.querySelector(`#t-${a.dataset.goto}`)?.dataset.path;
      history.replaceState(null, "", `#/doc/${enc(d.id)}?m=${enc(path)}`);
      markPath(view, path);
    }),
  );
  bindAssignments(view, d);
  bindEditor(view, d);
  if (target && !markPath(view, target)) view.querySelector(".doc-text")?.insertAdjacentHTML("afterbegin", `<p class="error" role="alert">本文件中没有编号为 ${esc(target)} 的措施。</p>`);
  if (!target) focusEl(view.querySelector("h1"), false);
  loadTaskSection(view.querySelector("#doc-tasks"), { doc: d.id });
}

function bindEditor(view, d) {
  const panel = view.querySelector("details.editor");
  const rerender = () => renderDoc(view, d.id).then(() => view.querySelector("details.editor")?.setAttribute("open", ""));
  bindSignIn(panel, rerender);
  const form = panel.querySelector("form.doc-form");
  if (form) bindDocForm(form, () => setTimeout(rerender, 600));
  const replaceInput = panel.querySelector("#replace-file");
  replaceInput?.addEventListener("change", async () => {
    const file = replaceInput.files?.[0];
    if (!file) return;
    const status = panel.querySelector("#replace-status");
    replaceInput.disabled = true;
    try {
      const answer = await upload(file, { replace: d.id }, (f) => say(status, f < 1 ? `正在上传 ${Math.round(f * 100)}%` : "已上传，正在读取…"));
      if (answer.url && answer.state === "running") {
        say(status, "已转入后台文字识别；识别完成后新版本替换此文件（可在文件库中查看）");
        return;
      }
      say(status, answer.status === "unchanged" ? "内容未变，未替换" : "已替换为新版本");
      if (answer.id && answer.id !== d.id) location.hash = `#/doc/${enc(answer.id)}`;
    } catch (e) {
      say(status, `未替换：${e.message}`, false);
    } finally {
      replaceInput.disabled = false;
      replaceInput.value = "";
    }
  });
  panel.querySelector("#delete-doc")?.addEventListener("click", async () => {
    if (!confirm(`确定删除“${docName(d)}”？其措施、单位职责和导出内容将一并移除，且不能恢复。`)) return;
    const status = panel.querySelector("#delete-status");
    try {
      await send("DELETE", `/api/documents/${enc(d.id)}`);
      say(status, "已删除");
      location.hash = "#/docs";
    } catch (e) {
      say(status, `未删除：${e.message}`, false);
    }
  });
}
