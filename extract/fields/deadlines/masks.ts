// Spans where a date is not a deadline: titles, purpose and past clauses, signatures, rates.
import words from "../../data/deadline-words.json" with { type: "json" };
import type { Deadline } from "../../schema.ts";
import { alt, PREVIOUS_YEAR } from "./patterns.ts";

// ---------------------------------------------------------------- masks

export const MAX_TITLE = 120;

/** Spans inside 《…》 (titles): dates there are names, not deadlines. Sorted, non-overlapping. */
export function titleSpans(s: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  let i = s.indexOf("《");
  let j = -1; // next 》 after i, searched forward only
  while (i >= 0) {
    if (j <= i) j = s.indexOf("》", i + 1);
    if (j < 0) break;
    if (j - i <= MAX_TITLE) {
      spans.push([i, j + 1]);
      i = s.indexOf("《", j + 1);
    } else {
      i = s.indexOf("《", i + 1);
    }
  }
  return spans;
}

// A year range that is part of a plan's name: right before its kind ("把教育脱贫攻坚2018-2020年规划落实情况作为督导重点任务", 河北 2018
// 教育脱贫攻坚规划 四; "2021—2025年发展规划") or in brackets right after it ("参照新一轮“美丽街区”三年行动计划（2024—2026）", 静安 2023,
// unseen11b): the cited plan's period, no time frame of the task (as inside 《》).
const KINDS = alt(words.planNameKinds);
const KIND_AFTER = new RegExp(`^[\u4e00-\u9fff]{0,2}?(?:${KINDS})`);
const KIND_BEFORE = new RegExp(`(?:${KINDS})$`);
// Right after 年, 计划/规划 is also a verb: a range opening its clause ("2024—2026年计划新建中小学校20所", "2023-2025年规划建设5G基站")
// is the task's time frame; inside a phrase ("…攻坚2018-2020年规划落实情况") the plan's name.
const KIND_RIGHT_AFTER = new RegExp(`^(?:${KINDS})`);
const opensClause = (s: string, start: number) => !/[\u4e00-\u9fff\w]/.test(s[start - 1] ?? "");
export function inPlanName(s: string, start: number, end: number): boolean {
  const after = s.slice(end, end + 4);
  if (s[end - 1] === "年" && KIND_AFTER.test(after) && !(KIND_RIGHT_AFTER.test(after) && opensClause(s, start))) return true;
  // the bracket may follow the title's closing 》: "《山阳镇郊野单元规划》（2017-2035年）确定的…减量化任务" (上海 山府规〔2022〕1号, unseen13d),
  // "依据《上海市奉贤区民防及应急避难场所专项规划》（2017-2035）和《…专业规划》（2021-2035）进行规划" (奉贤 2022, unseen13b)
  const before = s.slice(Math.max(0, start - 4), start - 1).replace(/》$/, "");
  return "（(".includes(s[start - 1] ?? "") && "）)".includes(s[end] ?? "") && KIND_BEFORE.test(before);
}

// A bracket right after a cited 《title》 that says when the cited text was made ("《上海市国有土地上房屋征收与补偿实施细则》（2011年10月19日
// 上海市人民政府令第71号公布）", 上海 山府规〔2022〕1号 二/(二), unseen13d; a city's list of its rules "（2019年12月12日市政府令第2号公布
// 自2020年1月12日起施行）"): its dates belong to the citation (`citationBracketWords`), no deadline.
// A date due by (…前) or a completion verb in the bracket makes it the task's deadline, as a text to be issued is one: "制定
// 《…管理办法》（2024年6月底前印发）", "修订《…条例》（2025年底前完成修订）".
const CITATION_WORD = new RegExp(alt(words.citationBracketWords));
const DUE_IN_BRACKET = new RegExp(`前|${alt(words.completionVerbs)}`);
export function inCitationBracket(s: string, start: number, end: number): boolean {
  const open = Math.max(s.lastIndexOf("（", start), s.lastIndexOf("(", start));
  if (open < 1 || s[open - 1] !== "》") return false;
  const rel = /[)）]/.exec(s.slice(end, end + 40));
  if (!rel) return false;
  const inside = s.slice(open + 1, end + rel.index);
  return !/[()（）]/.test(inside) && CITATION_WORD.test(inside) && !DUE_IN_BRACKET.test(inside);
}

export const TO_WORDS = new Set<string>(words.toWords);
export const TO_OPENERS = [...words.toAllowedAfter].sort((a, b) => b.length - a.length);
// "为到" / "为了到" anywhere in the clause, or a bare "为了" just before the date
export const PURPOSE_TO = new RegExp(`(?:${alt(words.purposeBefore)})(?:${alt(words.toWords)})`);
export const PURPOSE_ONLY = words.purposeBefore.filter((w) => w.length > 1);
export const AS_OF = [...words.asOfBefore].sort((a, b) => b.length - a.length);
export const PAST = [...words.pastMarkers].sort((a, b) => b.length - a.length);
export const ISSUER_END = new RegExp(`(?:${alt(words.issuerSuffixes)})$`);
// a national body signs with 国家 too: "国家地震局 / 一九九六年一月二十五日" closing the report 国办发〔1996〕2号 forwards (unseen15h2);
// corpus-extra 33's signers "国家发展改革委 / … / 国 家 能 源 局 / 2020年12月23日"
export const ISSUER_PLACE = /^(?:[\u4e00-\u9fff]{2,}?[省市县区州盟旗]|国务院|国家|中共|中华人民共和国)/;
export const CLOSING_LINE = new RegExp(`^[(（]?(?:${alt(words.closingLines)})`);
export const NOT_DEADLINE_CLAUSE = new RegExp(alt(words.notDeadlineClauses), "g");
const CLAUSE_NOT_FOLLOWED_BY: Record<string, string> = words.notDeadlineClauseNotFollowedBy;
export const PREFERENCE_WINDOW = new RegExp(alt(words.preferenceWindowWords));

/**
 * "自2023年1月1日至2027年12月31日，列入…名单的钢铁企业，允许…加计5%抵减应纳增值税税额" (河北 2023 钢铁);
 * "自2023年1月1日至2027年12月31日，对小型微利企业…减按25%计入应纳税所得额" (财政部 税务总局 2023年第12号): a span opened by 自
 * whose sentence grants a tax preference (`preferenceWindowWords`) is how long the preference runs, like 有效期至.
 */
export function isPreferenceWindow(s: string, start: number, end: number): boolean {
  if (s[start] !== "自" && s[start - 1] !== "自") return false;
  let b = end;
  while (b < s.length && !SENTENCE_END.test(s[b])) b++;
  return PREFERENCE_WINDOW.test(s.slice(end, b));
}
/**
 * "考核数据时间节点为上一年度1月至12月" (国办发〔2019〕4号 三级公立医院 四, unseen15h2); "去年 → …，上年1月1日至12月31日" (a bookkeeping
 * assistant's spec on GitHub): a span with no year of its own right after 上一年度/去年 (previousYearWords) is the previous year's,
 * over before the base year: no time frame, as a written past span is none.
 */
export function inPreviousYear(s: string, start: number, d: Deadline): boolean {
  return d.kind === "period" && !/^(?:\d{4}|[〇○零一二三四五六七八九]{4}|[今本明次])/.test(d.text) && PREVIOUS_YEAR.test(s.slice(Math.max(0, start - 5), start));
}
// "自70年代以来，我局每年都进行年度地震趋势会商" (国办发〔1996〕2号's forwarded report 一, unseen15h2); "自1980年以来，每年都会发布一次"
// (行政区划代码, a README on GitHub): a recurrence in a sentence opened by 自…以来 (sinceOpeners/sinceClosers) is a habit since then,
// no time frame
const SINCE = new RegExp(`(?:${alt(words.sinceOpeners)})[^。；;！!？?\\n]{1,30}(?:${alt(words.sinceClosers)})[^。；;！!？?\\n]{0,20}$`);
export function sinceHabit(s: string, start: number, d: Deadline): boolean {
  return d.kind === "recurring" && SINCE.test(s.slice(Math.max(0, start - 50), start));
}
export const SENTENCE_END = /[。；;！!？?\n]/;
export const CJK = /[\u3400-\u9fff]/;

export const endsWithAny = (x: string, ws: string[]) => ws.some((w) => x.endsWith(w));

/** 到/至 at `at` opens the clause: after punctuation, white space or the text start, or after 力争, 争取 … */
export function toOpensClause(s: string, at: number): boolean {
  if (at === 0 || !CJK.test(s[at - 1])) return true;
  const before = s.slice(Math.max(0, at - 4), at);
  return endsWithAny(before, TO_OPENERS);
}

/**
 * A date inside a purpose clause: "为到2020年进入创新型国家行列、到2030年跻身…作出贡献", "为了2022年…".
 * The clause runs back to the last ，。；; it is a purpose when it opens with 为(了)到/至 or 为了.
 */
export function inPurpose(s: string, at: number): boolean {
  let i = at - 1;
  while (i >= 0 && !/[，,。；;：:\n]/.test(s[i])) i--;
  const clause = s.slice(i + 1, at);
  return PURPOSE_TO.test(clause) || endsWithAny(clause, PURPOSE_ONLY);
}

/** Sentences (。；！？ or a line break) holding an 有效期, 同时废止 or 起施行 clause: their dates are not time limits. */
export function clauseMasks(s: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  NOT_DEADLINE_CLAUSE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = NOT_DEADLINE_CLAUSE.exec(s)) !== null) {
    // "延续在有效期内的运维合同" (上海 2025 排水): within a validity, not how long a policy runs
    const notBefore = CLAUSE_NOT_FOLLOWED_BY[m[0]];
    if (notBefore && s.startsWith(notBefore, m.index + m[0].length)) continue;
    let a = m.index;
    while (a > 0 && !SENTENCE_END.test(s[a - 1])) a--;
    let b = m.index + m[0].length;
    while (b < s.length && !SENTENCE_END.test(s[b])) b++;
    if (spans.length && spans[spans.length - 1][1] >= a) spans[spans.length - 1][1] = b;
    else spans.push([a, b]);
    NOT_DEADLINE_CLAUSE.lastIndex = b;
  }
  return spans;
}

const FULL_DAY = /^\d{4}年\d{1,2}月\d{1,2}日$/;
const RUN_IN_NOT = /[前之以止起后至到—\-~、，,。；;]/;

/** The nearest non-blank line above the line starting at `ls`, white space removed. */
function lineAbove(s: string, ls: number): string {
  let pe = ls - 1;
  while (pe > 0 && /\s/.test(s[pe - 1])) pe--;
  return s.slice(s.lastIndexOf("\n", pe - 1) + 1, pe).replace(/\s+/g, "");
}

/** A full date alone on its line that is the signature: the base date itself, or under an issuer's name at the end. */
export function isSignatureDate(s: string, start: number, end: number, d: Deadline, baseIso: string | null): boolean {
  const ls = s.lastIndexOf("\n", start - 1) + 1;
  let le = s.indexOf("\n", end);
  if (le < 0) le = s.length;
  if (s.slice(ls, start).trim()) return false;
  // "河北省人民政府办公厅" / "2023年9月5日政策解读：…" (河北 2023, paragraphs run together by the crawl): a full date opening its
  // line, run into what follows (no deadline word next), under an issuer named with its place is the signature
  const runIn = s.slice(end, le).trim() !== "";
  if (runIn && !(FULL_DAY.test(s.slice(start, end)) && !RUN_IN_NOT.test(s.slice(end, end + 1)) && ISSUER_PLACE.test(lineAbove(s, ls)) && ISSUER_END.test(lineAbove(s, ls)))) return false;
  if (runIn) return true;
  if (baseIso && d.end === baseIso) return true;
  // the nearest non-blank line above, and what follows (only a closing line may)
  const prevLine = lineAbove(s, ls);
  let ns = le;
  while (ns < s.length && /\s/.test(s[ns])) ns++;
  // an issuer signs with its place (银川市司法局, 国务院办公厅); a table's unit cell (市财政局) does not
  return ISSUER_END.test(prevLine) && ISSUER_PLACE.test(prevLine) && (ns === s.length || CLOSING_LINE.test(s.slice(ns, ns + 4)));
}

export const RATE_AFTER = [...words.rateAfterYearly].sort((a, b) => b.length - a.length);
export const CONDITION_STARTS = [...words.conditionClauseStarts];
export const RATE_OBJECT_STARTS = [...words.rateObjectStarts];
export const CLAUSE_DELIM = /[，,。；;：:\n]/;

/**
 * 每年/每月… that is not a recurring task: part of a rate ("每家企业每年", "每年每个园区给予20万元",
 * "每年分别给予5000元"), or inside an eligibility condition ("对…每年保持稳定增长的企业").
 */
export function isRate(s: string, start: number, end: number): boolean {
  if (s[end] === "每") return true;
  const after = s.slice(end, end + 6);
  // "农村集体建设用地租赁价格不低于每年1万元/亩" (上海 沪崇向府〔2024〕47号 向化镇 四, unseen13d), "租赁期限为三十年，租金每年一万元" (a lease
  // review tool's test on GitHub): an amount of money right after 每年 is a price per year, no recurring task ("每年一次" still recurs)
  if (s.slice(start, end) === "每年" && /^[\d.０-９一二两三四五六七八九十百千万]+(?:万|亿|千)?元/.test(after.concat(s.slice(end + 6, end + 12)))) return true;
  if (RATE_AFTER.some((w) => after.startsWith(w))) return true;
  // "自治区每年对关键核心技术攻关项目按有关政策给予财政资金资助" (广西 2024): 每年 对 X … 给予, an award per year
  if (RATE_OBJECT_STARTS.some((w) => after.startsWith(w))) {
    const clause = /^[^，,。；;：:\n]{0,40}/.exec(s.slice(end))![0];
    if (RATE_AFTER.some((w) => clause.includes(w))) return true;
    // "每年对总投资2000万元以上，且设备…投资500万元以上的创新项目，在…方面给予重点支持" (河北 2023, unseen9d): the object of 对
    // runs over commas to its "…的X", and the award opens the clause after it
    const obj = /^[^。；;\n]{0,60}?的[^，,。；;：:\n的]{1,6}[，,]([^，,。；;：:\n]{0,30})/.exec(s.slice(end));
    if (obj && RATE_AFTER.some((w) => obj[1].includes(w))) return true;
  }
  let i = start - 1;
  for (; i >= Math.max(0, start - 40); i--) {
    if (CLAUSE_DELIM.test(s[i])) break;
    if (s[i] === "每" && start - i <= 12 && !/[、]/.test(s.slice(i, start))) return true;
  }
  const clauseStart = i + 1;
  return CONDITION_STARTS.some((w) => s.startsWith(w, clauseStart)) && /^[^，,。；;：:\n]*的/.test(s.slice(end, end + 30));
}
