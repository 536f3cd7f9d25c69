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

const LABEL = { ...Object.fromEntries(FIELDS.map(([k, l]) => [k, l])), region: "地区" };

function valueOf(doc, k) {
  if (k === "province" || k === "city" || k === "county") return doc.region?.[k] ?? "";
  return doc[k] ?? "";
}

/** The form, prefilled from what was read; `prefix` keeps ids unique when several forms are on the page. */
export function docFormHtml(doc, prefix, submitLabel = "保存修改") {
  const row = ([k, label, type]) => `<label class="f" for="${prefix}-${k}"><span>${label}</span><input id="${prefix}-${k}" name="${k}" type="${type}" value="${esc(valueOf(doc, k))}"${k === "title" ? ' maxlength="500"' : ""}></label>`;
  return `<form class="doc-form" data-doc="${esc(doc.id)}" novalidate>
    <div class="fields">${FIELDS.map(row).join("")}</div>
    <p class="meta">地区按行政区划填写全称或简称（如：山东省 / 济南市）；清空某项再保存，即恢复为自动读出的值。</p>
    <p class="form-actions"><button type="submit">${esc(submitLabel)}</button><span class="form-status" aria-live="polite"></span></p>
  </form>`;
}

/**
 * The PATCH body: only the fields changed from what the form was filled with. An emptied field is null,
 * which removes an earlier correction (the value as read shows again); the place is sent as one region.
 */
function readDocForm(form) {
  const v = (k) => form.elements[k].value.trim() || null;
  const changed = (k) => (form.elements[k].value.trim() || null) !== (form.elements[k].defaultValue.trim() || null);
  const body = {};
  for (const k of ["title", "docNumber", "issuer", "issuedDate", "publishedDate"]) if (changed(k)) body[k] = v(k);
  if (["province", "city", "county"].some(changed)) body.region = v("province") || v("city") || v("county") ? { province: v("province"), city: v("city"), county: v("county") } : null;
  return body;
}

/** Submit: PATCH the document; onSaved(answer) after the service accepted it. */
export function bindDocForm(form, onSaved) {
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const status = form.querySelector(".form-status");
    const button = form.querySelector("button[type=submit]");
    button.disabled = true;
    const body = readDocForm(form);
    if (!Object.keys(body).length) {
      say(status, "信息无误，已确认");
      button.disabled = false;
      onSaved?.(null);
      return;
    }
    say(status, "正在保存…");
    try {
      const answer = await send("PATCH", `/api/documents/${encodeURIComponent(form.dataset.doc)}`, body);
      // What is saved becomes the new starting point: a second save sends only later changes.
      for (const el of form.elements) if (el.tagName === "INPUT") el.defaultValue = el.value;
      say(status, `已保存：${Object.keys(body).map((k) => LABEL[k]).join("、")}`);
      onSaved?.(answer);
    } catch (err) {
      say(status, `未保存：${err.message}`, false);
    } finally {
      button.disabled = false;
    }
  });
}
