// Text repair: web chrome, page markers and running heads out; lines broken across lines and pages joined;
// numbering brackets and digits unified; stray spaces inside Chinese removed. Pure functions.
import rules from "../data/repair-rules.json" with { type: "json" };
import { startsStructure } from "./labels.ts";
import { restoreLostDots, splitInlineItems } from "./inline-items.ts";
import { textTables } from "./text-tables.ts";
import { cellTables } from "./cell-tables.ts";
import { labelKeyedRows } from "./label-keyed-rows.ts";
import { entryOverSigner, signerLines, splitSignatures } from "./signature.ts";
import { splitAttachmentHeads } from "./attachment-heads.ts";
import { namesOnlyLine } from "../fields/units/name-line.ts";

const dropLines = rules.dropLines.map((r) => new RegExp(r));
const pageMarkers = rules.pageMarkers.map((r) => new RegExp(r));
const FOOTER_START = new RegExp(rules.publicationFooter.start);
const FOOTER_NEXT = new RegExp(rules.publicationFooter.next);
const noJoinAfter = new RegExp(rules.noJoinAfter);
const TRAILING_FOOTER = new RegExp(rules.trailingFooter.pattern);
// …and run on after the last item of a one-line text ("…桥梁纽带作用。公开程序：本单位审核后公开责任部门：省政府办公厅秘书一处",
// 河北 2006 发展运行意见): cut from the end, as far as the footer's own fields reach.
const RUN_ON_FOOTER = new RegExp(
  `(?<=[。；;）)])${rules.publicationFooter.start.slice(1)}[^。；;\\n]{0,40}?(?:${rules.publicationFooter.next.slice(1)}[^。；;\\n]{0,40})?$`,
);

const CJK = "\\u3400-\\u9fff\\uf900-\\ufaff";
const CJK_PUNCT = "，。、；：？！“”‘’（）《》〔〕【】—…·\\u2460-\\u2473";
// A space is stray when it sits between a CJK character (or CJK punctuation) and a CJK character, digit or punctuation.
const STRAY_SPACE = new RegExp(
  `(?<=[${CJK}${CJK_PUNCT}])[ \\u00a0\\u3000]+(?=[${CJK}${CJK_PUNCT}0-9(),.:;%~\\-])|(?<=[0-9(),.:;%~])[ \\u00a0\\u3000]+(?=[${CJK}${CJK_PUNCT}])`,
  "g",
);
const TERMINAL = /[。；;：:！!？?）)”》」』…]$/;

/**
 * Private-use code points (a font's own glyphs copied out of a page) carry no text: after an item
 * number at the start of a line one stands for its dot ("5\ue010强化算力" → "5.强化算力"); elsewhere it goes.
 */
function privateUseOff(line: string): string {
  if (!/[\ue000-\uf8ff]/.test(line)) return line;
  return line.replace(/^(\s*\d{1,2})[\ue000-\uf8ff]/, "$1.").replace(/[\ue000-\uf8ff]/g, "");
}

/** Markdown markup off a line: "## 标题", "**一、总体要求**", "> 引文", "- 条目". */
function stripMarkdown(line: string): string {
  return line
    .replace(/^\s*#{1,6}\s+/, "")
    .replace(/^\s*>\s?/, "")
    .replace(/\*\*([^*]+)\*\*/g, "$1")
    .replace(/__([^_]+)__/g, "$1");
}

/** Full-width digits, letters and brackets to their ASCII forms; straight double quotes to curly pairs. */
export function normaliseWidth(s: string): string {
  let out = s.replace(/[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  out = out.replace(/（/g, "(").replace(/）/g, ")").replace(/(?<=\d)[．﹒]/g, ".");
  if (out.includes('"')) {
    // A “ left open closes at the next straight quote: "加快“山东科技大市场"建设" (corpus-extra 16), "开放“双碳"应用场景" (31).
    let open = true;
    let curly = false;
    out = out.replace(/[“”"]/g, (c) => {
      if (c !== '"') {
        curly = c === "“";
        return c;
      }
      if (curly) {
        curly = false;
        return "”";
      }
      const q = open ? "“" : "”";
      open = !open;
      return q;
    });
  }
  return out;
}

export function isPageMarker(line: string): boolean {
  return pageMarkers.some((r) => r.test(line));
}

export function isChrome(line: string): boolean {
  return dropLines.some((r) => r.test(line));
}

/** Display width: CJK and full-width forms count 1, ASCII counts 0.5. */
function width(s: string): number {
  let w = 0;
  for (const ch of s) w += ch.charCodeAt(0) < 0x2000 ? 0.5 : 1;
  return w;
}

/** Remove running heads: a first or last line (digits ignored) repeated on most pages. */
function dropRunningHeads(pages: string[][]): string[][] {
  if (pages.length < 3) return pages;
  const count = new Map<string, number>();
  const key = (l: string) => l.replace(/\d+/g, "#").replace(/\s+/g, "");
  for (const p of pages) {
    const ends = new Set([p[0], p[p.length - 1]].filter(Boolean).map(key));
    for (const k of ends) count.set(k, (count.get(k) ?? 0) + 1);
  }
  const heads = new Set([...count].filter(([k, n]) => k.length > 0 && n >= Math.max(3, pages.length * 0.5)).map(([k]) => k));
  if (heads.size === 0) return pages;
  return pages.map((p) => p.filter((l, i) => !((i === 0 || i === p.length - 1) && heads.has(key(l)))));
}

/**
 * PDF pages to paragraphs: page markers and running heads out, then visual lines joined where a line
 * runs to the right margin (its width is near the widest lines of the document).
 */
export function joinPdfLines(pages: string[]): string {
  const cleaned = dropRunningHeads(
    pages.map((p) =>
      p
        .split(/\r?\n/)
        .map((l) => (l.includes("\t") ? l.replace(/^[ \u00a0\u3000]+|[ \u00a0\u3000]+$/g, "") : l.trim()))
        .filter((l) => l.trim().length > 0 && !isPageMarker(l.trim())),
    ),
  );
  const lines = cleaned.flat();
  const widths = lines.filter((l) => !l.includes("\t")).map(width).sort((a, b) => a - b);
  const full = widths.length ? widths[Math.floor(widths.length * 0.9)] : 0;
  const out: string[] = [];
  let cur = "";
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    cur = cur ? joinText(cur, line) : line;
    const next = lines[i + 1];
    const w = width(line);
    // A line is continued when it reaches the margin, or when the next line opens with an unbreakable
    // run (digits, Latin, a bracketed year) that would not have fitted after it.
    const run = next === undefined ? "" : leadingRun(next);
    const continued = next !== undefined && (w >= full - 2 || (run.length > 0 && w + width(run) >= full - 3));
    // Table rows (tab-separated) stand alone.
    if (!continued || line.includes("\t") || next.includes("\t") || noJoinAfter.test(line) || startsStructure(next) || isChrome(next)) {
      out.push(cur);
      cur = "";
    }
  }
  return out.join("\n");
}
function leadingRun(line: string): string {
  return /^[《〔(（“]?[0-9A-Za-z~\-.:%/()（）〕》]+./.exec(line)?.[0] ?? "";
}

function joinText(a: string, b: string): string {
  // A hyphenated Latin word broken at the line end.
  if (/[A-Za-z]-$/.test(a) && /^[a-z]/.test(b)) return a.slice(0, -1) + b;
  if (/[A-Za-z0-9]$/.test(a) && /^[A-Za-z0-9]/.test(b)) return `${a} ${b}`;
  return a + b;
}

const FIELD_LINE = /^[\u4e00-\u9fff]{1,6}[:：]/;
const UNIT_LABEL_LINE = /^[(（〔\[]?(?:牵头|配合|责任|协办|协同|主责|负责)(?:单位|部门)[:：]/;
const ASSIGNMENT_END = /(?:负责|牵头|配合|落实|参与|协助|实施)[)）〕\]]?[。；;]?$/;

/** Join a paragraph broken across a page or a blank line: long, unfinished, and not followed by structure. */
// "（六）虹口区旧区改造和房屋征收工作指挥部" / "区旧改指挥部主要履行以下职责：" (虹口 虹府规〔2022〕3号 三、分工与职责); "（二）区建管委、区交通委、
// 区水务局、区房管局等建设主管部门" / "压实建设单位…" (松江 2026 清水行动 三): a numbered line holding only bodies' names is the title of
// their duties below, no sentence broken there (a verb in it — "（二）支持各区政府" / "开展…" — still joins): namesOnlyLine, the
// recogniser prose units read such a line with (extract/fields/units/name-line.ts).
const HEADING_LABEL = /^(?:[(（][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[.、．])/;
const bodyHeading = (line: string): boolean => {
  const label = HEADING_LABEL.exec(line);
  return !!label && namesOnlyLine(line.slice(label[0].length)) !== null;
};

function shouldJoin(prev: string, next: string): boolean {
  if (prev.includes("\t") || next.includes("\t")) return false;
  if (prev.length < rules.minJoinLength) return false;
  if (TERMINAL.test(prev) || noJoinAfter.test(prev)) return false;
  if (bodyHeading(prev)) return false;
  if (startsStructure(next) || isChrome(next)) return false;
  // A field line ("人:三市州发展改革部门主要负责同志" under "责任单位:…", 海东 2020; "工作成果:…") starts afresh.
  if (FIELD_LINE.test(next)) return false;
  // two signers one a line ("中共河北省委网络安全和信息化委员会办公室" / "河北省发展和改革委员会", 冀人社发〔2024〕17号) are no broken sentence
  if (signerLines(prev, next)) return false;
  if (entryOverSigner(prev, next)) return false;
  // A unit label's line that ends its clause ("责任单位：省政务和数据局牵头，省国资委等单位按职责分工负责", 数字广东 2025)
  // is whole: the heading below it is not its continuation (a name broken across lines, "市财" / "政局", still is).
  if (UNIT_LABEL_LINE.test(prev) && ASSIGNMENT_END.test(prev)) return false;
  return /[\u3400-\u9fff、，,“（(]$/.test(prev) && (/^[\u3400-\u9fff，,、。；;）)”]/.test(next) || figureGoesOn(prev, next));
}

// A sentence broken before a figure: "3、镇政府审批通过后，投资总额在100万元(含100万)以上" / "400万元以下(不含400万元)的小型建设项目由项目办…"
// (上海 奉金府〔2019〕9号 金汇镇, tests/data/unseen14a); "…成都将2022年全市经济社会发展主要预期目标和重点工作任务细化为" / "448项具体工作,
// 并明确了…" (成都 2022, tests/data/unseen6). The line above is a sentence under way (a comma in it), the line below a figure run into
// its word and a clause of its own; a heading over a sentence ("四、按时准确报送信息" / "2024年项目继续采用…") or a cell over a cell
// ("一楼至三楼" / "3300") is not joined.
function figureGoesOn(prev: string, next: string): boolean {
  return /[，,]/.test(prev) && /^\d[\d.]*[万亿千百]?[\u4e00-\u9fff%]/.test(next) && next.length >= 12 && /[，,。；;]/.test(next);
}

// Text that lost its line breaks (one paragraph per web page) keeps paragraph marks: runs of ideographic
// spaces, wide runs of spaces, or a space before a numbering label or a 文号.
const PARAGRAPH_MARK = /[\u3000]{2,}|[ \u00a0]{3,}/g;
const INLINE_LABEL = /[ \t\u00a0\u3000]+(?=(?:[一二三四五六七八九十]{1,3}、|[(（][一二三四五六七八九十]{1,3}[)）]|第[一二三四五六七八九十百\d]{1,4}[章条]|\d{1,2}[.．、](?!\d)|[(（]\d{1,2}[)）])\S)|[ \t\u00a0\u3000]+(?=[\u4e00-\u9fff]{1,8}[〔\[［]\d{4}[〕\]］]\d{1,5}号)/g;

/** Split lines that hold several paragraphs; chrome lines are left whole so their rules still match. */
function splitRunOn(lines: string[]): string[] {
  const out: string[] = [];
  for (const raw of lines) {
    const line = raw.trim();
    if (line.length < 60 || isChrome(line)) {
      out.push(raw);
      continue;
    }
    for (const part of line.replace(PARAGRAPH_MARK, "\n").replace(INLINE_LABEL, "\n").split("\n")) out.push(part);
  }
  return out;
}

export interface RepairResult {
  text: string; // repaired text: one paragraph per line
}

/** Repair raw text. `pages` (PDF) switches on visual-line joining. */
export function repairText(raw: string, pages: string[] | null = null): RepairResult {
  // a follow-us footer run on at the very end ("…省妇联）更多信息请关注官方微信“河北人社”") is the page's
  const base = (pages ? joinPdfLines(pages) : raw).replace(/\s+$/, "").replace(TRAILING_FOOTER, "").replace(RUN_ON_FOOTER, "");
  const lines: string[] = [];
  const paragraphs = restoreLostDots(labelKeyedRows(cellTables(splitSignatures(splitAttachmentHeads(splitRunOn(textTables(base.replace(/\r\n?/g, "\n").split("\n").map(stripMarkdown))))))).map(normaliseWidth).map(privateUseOff));
  let afterFooter = false;
  for (let line of splitInlineItems(paragraphs)) {
    line = line
      .replace(/[\u200b-\u200d\ufeff]/g, "")
      // Indentation goes; the leading tab of a table row with an empty first cell stays.
      .replace(/^[\s\u3000•·▪■◆]+/, (lead, _i, all: string) => (lead.includes("\t") && all.slice(lead.length).includes("\t") ? lead.replace(/[^\t]/g, "") : ""))
      .replace(/^-\s+(?=\S)/, "")
      .replace(/[ \u00a0\u3000]+$/, "");
    if (!line || isPageMarker(line) || isChrome(line)) continue;
    // a publication footer ("公开程序：本单位审核后公开" / "责任部门：省政府办公厅秘书一处") is the page's, not the last item's
    const footer = FOOTER_START.test(line) || (FOOTER_NEXT.test(line) && afterFooter);
    afterFooter = FOOTER_START.test(line);
    if (footer) continue;
    // Table rows (tab-separated cells, "\v" between paragraphs of a cell) keep their separators.
    line = line.replace(STRAY_SPACE, "").replace(/[ \u00a0\u3000]{2,}/g, " ").replace(/ *([\t\v]) */g, "$1");
    const prev = lines[lines.length - 1];
    if (prev !== undefined && shouldJoin(prev, line)) lines[lines.length - 1] = prev + line;
    else lines.push(line);
  }
  return { text: dropRepeat(lines).join("\n") };
}

const REPEAT_MIN_LINES = 3;
/**
 * A page stored twice (crawls often do): when the text ends with an exact copy of an earlier run of
 * lines that starts the document's content, the copy goes.
 */
export function dropRepeat(lines: string[]): string[] {
  const n = lines.length;
  for (let i0 = 0; i0 < Math.min(n, 10); i0++) {
    const first = lines[i0];
    if (first.length < 8) continue;
    for (let k = lines.indexOf(first, i0 + 1); k > 0; k = lines.indexOf(first, k + 1)) {
      const len = n - k;
      if (len < REPEAT_MIN_LINES || len > k - i0) continue;
      let same = true;
      for (let j = 0; j < len && same; j++) same = lines[i0 + j] === lines[k + j];
      // The copy must cover most of what came before it, not a short passage that happens to recur.
      if (same && len >= (k - i0) * 0.8) return lines.slice(0, k);
    }
    break;
  }
  return lines;
}
