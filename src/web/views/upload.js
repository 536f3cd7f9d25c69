// Upload from the page: pick or drop several files; each shows its progress, then what was read in a form
// prefilled from the answer, to confirm or correct (PATCH) before it is final.
import { getToken, upload } from "../api.js";
import { docName, enc, esc, place } from "../format.js";
import { bindSignIn, signInHtml } from "../ui.js";
import { bindDocForm, docFormHtml } from "./doc-form.js";

export const ACCEPT = ".txt,.html,.htm,.pdf,.docx,.doc,.ofd,.png,.jpg,.jpeg,.tif,.tiff";
const STATUS = { added: "已入库", replaced: "已替换旧版本", unchanged: "内容未变", duplicate: "与已有文件重复" };
let seq = 0;

export function uploadPanelHtml() {
  if (!getToken()) return `<section class="panel upload" aria-labelledby="up-h"><h2 id="up-h">上传文件</h2>${signInHtml()}</section>`;
  return `<section class="panel upload" aria-labelledby="up-h"><h2 id="up-h">上传文件</h2>
    ${signInHtml()}
    <div class="drop" id="drop"><p>把文件拖到这里，或 <label class="btn secondary" for="up-files">选择文件</label></p>
      <input id="up-files" type="file" multiple accept="${ACCEPT}" class="sr-only">
      <p class="meta">支持 TXT、HTML、PDF、DOCX、DOC、OFD 和扫描图片（PNG、JPEG、TIFF，逐页文字识别），可一次选择多个；读出的标题、文号、发文机关、地区和日期请核对后确认。</p></div>
    <ol class="uploads" id="uploads" aria-live="polite"></ol>
  </section>`;
}

export function bindUploadPanel(view, rerender) {
  bindSignIn(view, rerender);
  const input = view.querySelector("#up-files");
  const drop = view.querySelector("#drop");
  if (!input || !drop) return;
  input.addEventListener("change", () => {
    startAll(view, [...input.files]);
    input.value = "";
  });
  drop.addEventListener("dragover", (e) => { e.preventDefault(); drop.classList.add("over"); });
  drop.addEventListener("dragleave", () => drop.classList.remove("over"));
  drop.addEventListener("drop", (e) => {
    e.preventDefault();
    drop.classList.remove("over");
    startAll(view, [...(e.dataTransfer?.files || [])]);
  });
}

function startAll(view, files) {
  const list = view.querySelector("#uploads");
  for (const file of files) {
    const n = ++seq;
    const li = document.createElement("li");
    li.className = "upload-item";
    li.dataset.file = file.name;
    li.innerHTML = `<div class="up-head"><b>${esc(file.name)}</b> <span class="meta">${(file.size / 1024).toFixed(0)} KB</span></div>
      <progress max="100" value="0" aria-label="${esc(file.name)} 上传进度"></progress> <span class="up-state">正在上传…</span>
      <div class="up-result"></div>`;
    list.append(li);
    uploadOne(li, file, n);
  }
}

async function uploadOne(li, file, n) {
  const bar = li.querySelector("progress");
  const state = li.querySelector(".up-state");
  let answer;
  try {
    answer = await upload(file, {}, (f) => {
      bar.value = Math.round(f * 100);
      state.textContent = f < 1 ? `正在上传 ${Math.round(f * 100)}%` : "已上传，正在读取…";
    });
    bar.value = 100;
    // A scan is read in the background (202 with a job): follow its pages, offer to cancel.
    if (answer.url && answer.state === "running") answer = await followJob(li, answer, bar, state);
  } catch (e) {
    li.classList.add("failed");
    state.className = "up-state error";
    state.setAttribute("role", "alert");
    state.textContent = `未入库：${e.message}`;
    return;
  }
  state.textContent = STATUS[answer.status] || answer.status;
  let doc;
  try {
    doc = await fetchDoc(answer.id);
  } catch (e) {
    li.querySelector(".up-result").innerHTML = `<p class="error">已入库，但读取文件信息失败：${esc(e.message)}</p>`;
    return;
  }
  const units = new Set((doc.measures || []).flatMap((m) => m.units.map((u) => u.canonical || u.name)));
  const measureCount = doc.measureCount ?? doc.measures?.length ?? answer.measureCount;
  li.querySelector(".up-result").innerHTML = `<p class="meta">读出：${esc(doc.title || "（未识别标题）")} · ${esc(doc.docNumber || "无文号")} · ${esc(doc.issuer || "发文机关未识别")} · ${esc(place(doc.region))} · ${esc(doc.issuedDate || doc.publishedDate || "日期未识别")} · ${measureCount} 条措施 · ${units.size} 个单位</p>
    ${measureCount === 0 ? '<p class="notice" role="status">没有读出任何措施：这可能不是部署任务的政策文件（如通知、批复），或其条目编号未能识别。请打开文件核对；不需要时可在文件页删除。</p>' : ""}
    ${answer.status === "added" ? await sameDocNumberHtml(doc) : ""}
    <p class="meta">请核对下面的信息，有误直接改正后确认：</p>
    ${docFormHtml(doc, `up${n}`, "确认")}
    <p><a href="#/doc/${enc(doc.id)}">打开文件</a></p>`;
  const form = li.querySelector("form.doc-form");
  bindDocForm(form, () => {
    li.classList.add("confirmed");
    state.textContent = "已确认";
  });
}

/** 文号 without its bracket forms and spaces, as the library matches it. */
const plainNumber = (n) => String(n || "").replace(/[〔〕[\]()［］（）【】\s]/g, "");

/** A notice naming the other documents with the same 文号: an upload beside a document it was meant to replace. */
async function sameDocNumberHtml(doc) {
  if (!doc.docNumber) return "";
  const r = await fetch(`/api/documents?q=${enc(doc.docNumber)}&limit=10`, { headers: { accept: "application/json" } }).catch(() => null);
  const found = r?.ok ? (await r.json()).documents || [] : [];
  const same = found.filter((o) => o.id !== doc.id && plainNumber(o.docNumber) === plainNumber(doc.docNumber));
  if (!same.length) return "";
  const links = same.map((o) => `<a href="#/doc/${enc(o.id)}">${esc(docName(o))}</a>`).join("、");
  return `<p class="notice" role="status">库中已有同一文号（${esc(doc.docNumber)}）的文件：${links}。如本次上传的是它的新版本，请打开该文件，在“更正文件信息 / 上传新版本”中替换（督办进展随之转入新版本），再删除本次上传的文件。</p>`;
}

/** Poll a background reading until it ends; resolves with {status, id} once stored, rejects with the reason. */
async function followJob(li, job, bar, state) {
  const cancel = document.createElement("button");
  cancel.type = "button";
  cancel.className = "btn secondary";
  cancel.textContent = "取消识别";
  cancel.addEventListener("click", async () => {
    cancel.disabled = true;
    const token = getToken();
    await fetch(job.url, { method: "DELETE", headers: token ? { authorization: `Bearer ${token}` } : {} }).catch(() => undefined);
  });
  state.after(cancel);
  try {
    for (;;) {
      const r = await fetch(job.url, { headers: { accept: "application/json" } });
      const now = await r.json().catch(() => ({}));
      if (!r.ok) throw new Error(now.error || `请求失败（${r.status}）`);
      if (now.state === "done") return { status: now.status, id: now.documentId };
      if (now.state === "failed") throw new Error(now.error || "识别失败");
      if (now.state === "cancelled") throw new Error("已取消识别，文件未入库");
      bar.value = now.pages ? Math.round((now.page / now.pages) * 100) : 100;
      state.textContent = now.pages ? `正在文字识别：第 ${now.page}/${now.pages} 页` : "已上传，正在读取…";
      await new Promise((res) => setTimeout(res, 1000));
    }
  } finally {
    cancel.remove();
  }
}

// Read the uploaded document directly: api() drops answers once the user has moved to another view.
async function fetchDoc(id) {
  const r = await fetch(`/api/documents/${encodeURIComponent(id)}`, { headers: { accept: "application/json" } });
  const body = await r.json().catch(() => ({}));
  if (!r.ok) throw new Error(body.error || `请求失败（${r.status}）`);
  return body;
}
