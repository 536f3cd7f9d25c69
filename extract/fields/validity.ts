// Validity of a document from its own text: the period it is in force for (a plan's years, 有效期至…,
// 有效期X年 from its start) and the earlier documents it repeals (废止, 停止执行 … + 《title》 or 文号).
// Pure functions; the library (index/library) joins them across documents. Words: data/validity-words.json.
import { z } from "zod";
import { isoDate } from "../schema.ts";
import { parseChinese } from "./numerals.ts";
import { bareDocNumber, docNumberKey } from "./citations.ts";
import WORDS from "../data/validity-words.json" with { type: "json" };
import { escapeRegExp as escape } from "../regex.ts";

export const Period = z.object({
  from: isoDate.nullable(),
  to: isoDate.nullable(),
  /** The words the period was read from, for display ("有效期至2025年12月31日", "(2017~2019)"). */
  text: z.string(),
  source: z.enum(["title", "text"]),
});
export type Period = z.infer<typeof Period>;

/** One statement of a document that repeals (or puts aside) earlier documents. */
export const Repeal = z.object({
  titles: z.array(z.string()), // without 《》
  docNumbers: z.array(z.string()), // normalised (docNumberKey)
  /** The sentence as written, for display. */
  text: z.string(),
});
export type Repeal = z.infer<typeof Repeal>;

export const ValidityStatus = z.enum(["现行", "已到期", "已被替代"]);
export type ValidityStatus = z.infer<typeof ValidityStatus>;

export const SupersedingDoc = z.object({
  id: z.string(),
  title: z.string().nullable(),
  docNumber: z.string().nullable(),
  date: isoDate.nullable(),
  text: z.string(), // the repealing sentence
});
export type SupersedingDoc = z.infer<typeof SupersedingDoc>;

export const Validity = z.object({
  status: ValidityStatus,
  reason: z.string(), // zh-CN, for display
  period: Period.optional(),
  supersededBy: z.array(SupersedingDoc).optional(),
});
export type Validity = z.infer<typeof Validity>;

const squash = (s: string) => s.replace(/[\s\u3000]+/g, "");
const anyOf = (list: string[]) => [...list].sort((a, b) => b.length - a.length).map(escape).join("|");

const pad = (n: number) => String(n).padStart(2, "0");
function ymd(y: number, m: number, d: number): string | null {
  if (m < 1 || m > 12 || d < 1 || d > 31) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}
/** The day before `y` years after `from` (有效期3年 from 2024-01-01 → 2026-12-31). */
function yearsAfter(from: string, years: number): string {
  const t = new Date(`${from}T00:00:00Z`);
  t.setUTCFullYear(t.getUTCFullYear() + years);
  t.setUTCDate(t.getUTCDate() - 1);
  return t.toISOString().slice(0, 10);
}

const YEAR = "((?:19|20)\\d{2})";
const DATE = `${YEAR}年(\\d{1,2})月(\\d{1,2})日`;
// 2017~2019年, 2024—2026年, 2021-2023年, 2017年至2019年 (the dash forms of web pages and PDFs included).
const RANGE = new RegExp(`${YEAR}年?(?:[~～〜\\-－—–―‐]{1,2}|至|到)${YEAR}(?:年|(?=[)）]))`);
// 有效期至2025年12月31日, 有效期为2018年1月1日至2020年12月31日, 有效期自…起至…, 有效期至2027年底.
const UNTIL = new RegExp(`(?:有效期|执行期|实施期)(?:限)?(?:为|是)?(?:自?${DATE}起?)?(?:至|到|截至|截止(?:到|至)?)(?:${DATE}|${YEAR}年(?:底|末))`);
const YEARS = /有效期(?:限)?(?:为|是)?([0-9一二三四五六七八九十两]{1,3})年/;
const START = new RegExp(`自${DATE}起(?:施行|实施|执行|生效)|自(?:印发|发布|公布|下发|颁布)之日起(?:施行|实施|执行|生效)`);
const LABELLED = new RegExp(`(?:${anyOf(WORDS.periodLabels)})(?:为|是|：|:)?${RANGE.source}`);

function rangeOf(m: RegExpExecArray): { from: string; to: string } | null {
  const a = Number(m[1]);
  const b = Number(m[2]);
  if (b < a || b - a > 20) return null;
  return { from: `${a}-01-01`, to: `${b}-12-31` };
}

/**
 * The period a document is in force for. In order: an end date in the text (有效期至2025年12月31日),
 * a number of years from its start (本政策自发布之日起实施，有效期3年: from the start date written,
 * else `issued`), a labelled year range in the text (实施期限为2017—2019年), the year range of the title
 * ("(2017~2019)", "（2024—2026年）"). Null when the document says none of these.
 */
export function planPeriod(title: string | null, text: string, issued: string | null): Period | null {
  const flat = squash(text);
  const startM = START.exec(flat);
  const start = startM ? (startM[1] ? ymd(Number(startM[1]), Number(startM[2]), Number(startM[3])) : issued) : null;
  const until = UNTIL.exec(flat);
  if (until) {
    const to = until[4] ? ymd(Number(until[4]), Number(until[5]), Number(until[6])) : `${until[7]}-12-31`;
    const from = until[1] ? ymd(Number(until[1]), Number(until[2]), Number(until[3])) : (start ?? issued);
    if (to) return { from, to, text: until[0], source: "text" };
  }
  const years = YEARS.exec(flat);
  if (years) {
    const n = /^\d+$/.test(years[1]) ? Number(years[1]) : parseChinese(years[1]);
    const from = start ?? issued;
    if (n && n > 0 && n <= 20 && from) {
      const said = startM ? `${startM[0]}，${years[0]}` : years[0];
      return { from, to: yearsAfter(from, n), text: said, source: "text" };
    }
  }
  const labelled = LABELLED.exec(flat);
  if (labelled) {
    const r = rangeOf(labelled);
    if (r) return { ...r, text: labelled[0], source: "text" };
  }
  if (title) {
    const t = squash(title);
    const m = RANGE.exec(t);
    const r = m && rangeOf(m);
    if (m && r) {
      // The bracketed form as printed: "(2017~2019)", "（2024—2026年）".
      const wrapped = new RegExp(`[(（]?${escape(m[0])}[)）]?`).exec(t);
      return { ...r, text: wrapped ? wrapped[0] : m[0], source: "title" };
    }
  }
  return null;
}

const TITLE_RE = /《([^《》]{2,120})》/g;
const DOC_NO_RE = /[\u4e00-\u9fffA-Za-z]{1,12}\s*[〔［\[（(【﹝]\s*\d{4}\s*[〕］\]）)】﹞]\s*(?:第\s*)?\d{1,5}\s*号/g;
const VERB_RE = new RegExp(anyOf(WORDS.repealVerbs));
const PRECEDENCE_RE = new RegExp(anyOf(WORDS.precedence));
const PARTIAL_RE = new RegExp(`^(?:[（(][^）)]{0,30}[）)])?(?:${anyOf(WORDS.partialMarks)})`);
const CITING_RE = new RegExp(`(?:${anyOf(WORDS.citingWords)})$`);
const REPEAL_TITLE_RE = new RegExp(anyOf(WORDS.repealTitles));

/** Sentences of a text (split at 。；! ? and line ends), white space removed. */
function sentences(text: string): string[] {
  return text.split(/(?<=[。；;！!？?])|\n+/).map(squash).filter(Boolean);
}

/** Clauses of a sentence: split at ，, : outside 《》 (a title may hold a comma). */
function clauses(sentence: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = "";
  for (const ch of sentence) {
    if (ch === "《") depth++;
    else if (ch === "》") depth = Math.max(0, depth - 1);
    if (depth === 0 && /[，,：:]/.test(ch)) {
      if (cur) out.push(cur);
      cur = "";
    } else cur += ch;
  }
  if (cur) out.push(cur);
  return out;
}

interface Named {
  titles: string[];
  docNumbers: string[];
}

/** Titles and 文号 named in a piece of text, except those cited (根据《…》) or only partly put aside (《…》中关于…). */
function named(piece: string, opts: { partialCheck: boolean }): Named {
  const titles: string[] = [];
  const docNumbers: string[] = [];
  const skip: [number, number][] = [];
  for (const m of piece.matchAll(TITLE_RE)) {
    const before = piece.slice(Math.max(0, m.index - 4), m.index).replace(/^.*[、和及与]/, "");
    let after = piece.slice(m.index + m[0].length);
    // The 文号 printed right after the title belongs to it: "《…》（国办发〔2016〕82号）".
    const no = /^[（(]([^（）()]{4,30}号)[）)]/.exec(after);
    if (no) after = after.slice(no[0].length);
    const end = m.index + m[0].length + (no ? no[0].length : 0);
    if (CITING_RE.test(before) || (opts.partialCheck && PARTIAL_RE.test(after))) {
      skip.push([m.index, end]);
      continue;
    }
    titles.push(m[1]);
  }
  for (const m of piece.matchAll(DOC_NO_RE)) {
    if (skip.some(([a, b]) => m.index >= a && m.index < b)) continue;
    const before = piece.slice(Math.max(0, m.index - 4), m.index);
    if (CITING_RE.test(before)) continue;
    const n = docNumberKey(bareDocNumber(m[0]));
    if (!docNumbers.includes(n)) docNumbers.push(n);
  }
  return { titles, docNumbers };
}

/**
 * Statements of a document that repeal earlier documents, with the titles and 文号 they name:
 * "《…》（国办发〔2016〕82号）停止执行", "原《…》同时废止", "现决定废止《…》". A clause counts only
 * when it has a repeal word and names a document that is not merely cited (根据《…》) nor only partly
 * put aside (不再执行《…》中关于…的规定). "以本…为准" counts with a document named in its sentence.
 * A repeal decision (its title says 废止 or 失效) repeals every document its body lists.
 * `self` (the document's own title and 文号) is never among the repealed.
 */
export function repealStatements(text: string, self: { title: string | null; docNumber: string | null } = { title: null, docNumber: null }): Repeal[] {
  const selfTitle = self.title ? squash(self.title) : null;
  const selfNo = self.docNumber ? docNumberKey(self.docNumber) : null;
  const clean = (n: Named): Named => ({
    titles: n.titles.filter((t) => squash(t) !== selfTitle),
    docNumbers: n.docNumbers.filter((d) => !(selfNo && d.endsWith(selfNo))),
  });
  const out: Repeal[] = [];
  const decision = !!self.title && REPEAL_TITLE_RE.test(self.title);
  for (const s of sentences(text)) {
    const found: Named = { titles: [], docNumbers: [] };
    if (decision) {
      const n = named(s, { partialCheck: false });
      found.titles.push(...n.titles);
      found.docNumbers.push(...n.docNumbers);
    } else {
      for (const c of clauses(s)) {
        if (!VERB_RE.test(c)) continue;
        const n = named(c, { partialCheck: true });
        found.titles.push(...n.titles);
        found.docNumbers.push(...n.docNumbers);
      }
      if (PRECEDENCE_RE.test(s)) {
        const n = named(s, { partialCheck: true });
        found.titles.push(...n.titles);
        found.docNumbers.push(...n.docNumbers);
      }
    }
    const c = clean(found);
    if (c.titles.length || c.docNumbers.length)
      out.push({ titles: [...new Set(c.titles)], docNumbers: [...new Set(c.docNumbers)], text: s });
  }
  return out;
}

const today = () => new Date().toISOString().slice(0, 10);

/**
 * Status as of a date: 已被替代 when a document in the library repealed this one (dated on or before
 * `asOf`, or undated), else 已到期 when its period ended before `asOf`, else 现行. The reason says
 * which period text or which document decided it.
 */
export function validityAsOf(period: Period | null, supersededBy: SupersedingDoc[], asOf: string = today()): Validity {
  const by = supersededBy.filter((d) => !d.date || d.date <= asOf);
  if (by.length) {
    const first = by[0];
    const name = first.title ? `《${first.title}》` : (first.docNumber ?? first.id);
    const no = first.title && first.docNumber ? `（${first.docNumber}）` : "";
    return {
      status: "已被替代",
      reason: `已被${name}${no}替代：“${first.text.length > 120 ? first.text.slice(0, 120) + "…" : first.text}”`,
      ...(period ? { period } : {}),
      supersededBy: by,
    };
  }
  if (period?.to && period.to < asOf)
    return { status: "已到期", reason: `有效期已过：${period.text}（至 ${period.to}）`, period };
  if (period) return { status: "现行", reason: `在有效期内：${period.text}${period.to ? `（至 ${period.to}）` : ""}`, period };
  return { status: "现行", reason: "文中未写有效期，库中也没有废止或替代它的文件" };
}
