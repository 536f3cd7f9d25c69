// HTML pages as government sites publish them: keep the article and the metadata block, drop page chrome.
import { parseHTML } from "linkedom";
import { Readability } from "@mozilla/readability";
import { assertDepth, domToText } from "./html-text.ts";
import { IngestError } from "../errors.ts";

// Labelled metadata fields that gov sites print outside the article body.
const META_LINE = /^(索\s*引\s*号|发布机构|发文机关|成文日期|发布日期|发文日期|生成日期|文\s*号|发文字号|主题分类|标\s*题)\s*[:：]?/;
const CHROME_SELECTOR =
  "nav, header, footer, aside, script, style, form, [class*=nav], [id*=nav], [class*=menu], [id*=menu], [class*=footer], [id*=footer], [class*=header], [id*=header], [class*=breadcrumb], [class*=share], [class*=print], [class*=related]";

function cjkCount(s: string): number {
  let n = 0;
  for (const ch of s) if (ch >= "\u4e00" && ch <= "\u9fff") n++;
  return n;
}

export function htmlToText(html: string): string {
  // A page's article stored as a fragment (no <html>/<body>), often under plain "label:value" lines: the
  // fragment is read as a page body, the plain lines before its first tag stay lines of their own.
  const fragment = /^([^<]*)(<[a-zA-Z][\s\S]*)$/.exec(html);
  if (fragment && !/<(html|body)[\s>]/i.test(html)) {
    const lead = fragment[1].split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
    return [...lead, htmlToText(`<!doctype html><html><head><meta charset="utf-8"></head><body>${fragment[2]}</body></html>`)].join("\n");
  }
  const { document } = parseHTML(html);
  const body = document.body;
  if (!body) throw new IngestError("no-text", "HTML 页面没有正文");
  assertDepth(document.documentElement as never);
  const pageText = domToText(body as never);
  const metaLines = pageText.split("\n").filter((l) => META_LINE.test(l));
  const title = (document.querySelector("h1")?.textContent ?? document.title ?? "").trim();

  let article = "";
  try {
    const { document: copy } = parseHTML(html);
    const parsed = new Readability(copy as never, { charThreshold: 100 }).parse();
    if (parsed?.content) {
      const { document: frag } = parseHTML(`<!doctype html><html><body>${parsed.content}</body></html>`);
      article = domToText(frag.body as never);
    }
  } catch {
    article = "";
  }
  // Fall back to the page without its chrome when the article finder lost most of the text.
  if (cjkCount(article) < 0.3 * cjkCount(pageText)) {
    for (const el of Array.from(body.querySelectorAll(CHROME_SELECTOR))) (el as { remove(): void }).remove();
    article = domToText(body as never);
  }
  const head = [title, ...metaLines].filter((l) => l && !article.includes(l));
  return [...head, article].join("\n");
}
