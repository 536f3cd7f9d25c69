// The metadata form of a document (edit and upload confirmation): title, 文号, issuer, place, dates.
import { send } from "../api.js";
import { esc } from "../format.js";
import { say } from "../ui.js";

const FIELDS = [
  ["title", "标题", "text"],
  ["docNumber", "文号", "text"],
  ["issuer", "发文机关", "text"],
  ["province", "省", "text"],
  ["city", "市", "text"],
  ["county", "县（区）", "text"],
  ["issuedDate", "成文日期", "date"],
  ["publishedDate", "发布日期", "date"],
];

function valueOf(doc, k) {
  if (k === "province" || k === "city" || k === "county") return doc.region?.[k] ?? "";
  return doc[k] ?? "";
}

/** The form, prefilled from what was read; `prefix` keeps ids unique when several forms are on the page. */
export function docFormHtml(doc, prefix, submitLabel = "保存修改") {
  const row = ([k, label, type]) => `<label for="${prefix}-${k}">${label}</label><input id="${prefix}-${k}" name="${k}" type="${type}" value="${esc(valueOf(doc, k))}"${k === "title" ? ' maxlength="500"' : ""}>`;
  return `<form class="doc-form" data-doc="${esc(doc.id)}" novalidate>
    <div class="fields">${FIELDS.map(row).join("")}</div>
    <p class="form-actions"><button type="submit">${esc(submitLabel)}</button><span class="form-status" aria-live="polite"></span></p>
  </form>`;
}

/** What the form says, as the PATCH body (an empty field clears the value). */
export function readDocForm(form) {
  const v = (k) => form.elements[k].value.trim() || null;
  return {
    title: v("title"),
    docNumber: v("docNumber"),
    issuer: v("issuer"),
    region: { province: v("province"), city: v("city"), county: v("county") },
    issuedDate: v("issuedDate"),
    publishedDate: v("publishedDate"),
  };
}

/** Submit: PATCH the document; onSaved(answer) after the service accepted it. */
export function bindDocForm(form, onSaved) {
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const status = form.querySelector(".form-status");
    const button = form.querySelector("button[type=submit]");
    button.disabled = true;
    say(status, "正在保存…");
    try {
      const answer = await send("PATCH", `/api/documents/${encodeURIComponent(form.dataset.doc)}`, readDocForm(form));
      say(status, "已保存");
      onSaved?.(answer);
    } catch (err) {
      say(status, `未保存：${err.message}`, false);
    } finally {
      button.disabled = false;
    }
  });
}
