// Numbering labels of the document hierarchy: 一、/(一)/1./(1)/①, 第X章/第X条, 附件.
import targetWords from "../data/target-words.json" with { type: "json" };

export type LabelType = "zh" | "zhParen" | "num" | "numParen" | "circled" | "chapter" | "section" | "article";

export interface Label {
  type: LabelType;
  n: number; // ordinal value
  label: string; // normalised path label
  rest: string; // the line after the label
}

const ZH_DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** Chinese numeral (一 … 九十九, 百) to a number; NaN when not a numeral. */
export function zhNumber(s: string): number {
  if (/^\d+$/.test(s)) return Number(s);
  let total = 0, cur = 0;
  for (const ch of s) {
    if (ch in ZH_DIGITS) cur = ZH_DIGITS[ch];
    else if (ch === "十") { total += (cur || 1) * 10; cur = 0; }
    else if (ch === "百") { total += (cur || 1) * 100; cur = 0; }
    else return NaN;
  }
  return total + cur;
}

const ZH = "[一二三四五六七八九十百]+";
const CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳";
// Parenthesized numerals, one character each (⑴ U+2474 … ⒇ U+2487, 辽宁 辽政办发〔2012〕53号): the label (1)…(20).
const PAREN_DIGITS = "⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇";
// Numerals with a full stop, one character each (⒈ U+2488 … ⒛ U+249B, 山阳镇 山府规〔2022〕1号): the label 1…20, as "1.".
const DOT_DIGITS = "⒈⒉⒊⒋⒌⒍⒎⒏⒐⒑⒒⒓⒔⒕⒖⒗⒘⒙⒚⒛";
// Physical units written in characters (公顷, 平方米, 立方米 …: `physicalUnits` in target-words.json), longest first.
const PHYSICAL_CJK = targetWords.physicalUnits
  .filter((u) => /^[\u4e00-\u9fff]/.test(u))
  .sort((a, b) => b.length - a.length)
  .map((u) => u.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&"))
  .join("|");
const PATTERNS: [LabelType, RegExp][] = [
  ["chapter", new RegExp(`^第(${ZH}|\\d+)章\\s*`)],
  ["section", new RegExp(`^第(${ZH}|\\d+)节\\s*`)],
  ["article", new RegExp(`^第(${ZH}|\\d+)条\\s*`)],
  ["zh", new RegExp(`^(${ZH})\\s*[、.．]\\s*`)],
  ["zhParen", new RegExp(`^[(（]\\s*(${ZH})\\s*[)）]\\s*`)],
  ["numParen", /^[(（]\s*(\d{1,3})\s*[)）]\s*/],
  ["numParen", new RegExp(`^([${PAREN_DIGITS}])\\s*`)],
  // "1）加快建设…": a number closed by a bracket only, read as (1). Not "2)" inside a sentence (start of line only).
  ["numParen", /^(\d{1,2})[)）](?=[\u4e00-\u9fff“《])\s*/],
  ["num", /^(\d{1,3})\s*[.、．](?!\d)\s*/],
  ["num", new RegExp(`^([${DOT_DIGITS}])\\s*`)],
  // "11.121人才梯队项目" (广州 2012): a label run into a name that opens with a number; not a decimal before a
  // unit or magnitude ("2.35亿元", "1.25倍", "3.14%") nor before a physical unit ("3.55公顷", "31.33公顷", a table cell of
  // 奉贤 2022 应急避难场所 附表3, unseen13b).
  ["num", new RegExp(`^(\\d{1,2})[.．](?=\\d{2,}[\\u4e00-\\u9fff])(?!\\d+[万亿千百十元个家名项倍次期批所条座吨亩])(?!\\d+(?:${PHYSICAL_CJK}))`)],
  // "4.8月8日，各市教育局要…" (河北 2024 特岗计划): a label run into a month-day date, never a decimal.
  ["num", /^(\d{1,2})[.．](?=(?:1[0-2]|[1-9])月(?:[1-3]?\d[日号]|[底末份前]|[上中下]旬))/],
  ["circled", new RegExp(`^([${CIRCLED}])\\s*`)],
];

export function parseLabel(line: string): Label | null {
  for (const [type, re] of PATTERNS) {
    const m = re.exec(line);
    if (!m) continue;
    const raw = m[1];
    const n =
      type === "circled" ? CIRCLED.indexOf(raw) + 1
      : PAREN_DIGITS.includes(raw) ? PAREN_DIGITS.indexOf(raw) + 1
      : DOT_DIGITS.includes(raw) ? DOT_DIGITS.indexOf(raw) + 1
      : zhNumber(raw);
    if (!Number.isFinite(n) || n <= 0) continue;
    const rest = line.slice(m[0].length);
    if (type === "num" && rest.length === 0) continue; // a bare number is not an item
    const label =
      type === "zh" ? raw
      : type === "zhParen" ? `(${raw})`
      : type === "numParen" ? `(${n})`
      : type === "num" ? String(n)
      : type === "circled" ? raw
      : type === "chapter" ? `第${n}章`
      : type === "section" ? `第${n}节`
      : `第${n}条`;
    return { type, n, label, rest };
  }
  return null;
}

/** 附件 / 附件1 / 附件2：… standing alone on a line: the start of an attachment. */
export function parseAttachment(line: string): string | null {
  // 附表N heads an attached table as 附件N an attachment (上海 沪交科〔2023〕429号 "附表1 / 任务分工表", unseen11b).
  const m = /^附\s*([件表])\s*(\d{0,2})\s*[:：]?\s*$/.exec(line);
  return m ? `附${m[1]}${m[2]}` : null;
}

// Field labels that open a line of their own in 任务 texts.
const FIELD = /^(牵头单位|牵头部门|配合单位|配合部门|协办单位|责任单位|责任部门|实施路径|进度安排|完成时限|时间安排|工作措施|主要措施)\s*[:：]/;
// Metadata fields of a web page or a document head, often printed as a bulleted list.
const META_FIELD = /^([-•·]\s*)?(索\s*引\s*号|发布机构|发文机关|成文日期|发布日期|发文日期|生成日期|文\s*号|主题分类|有\s*效\s*性)\s*[:：]?/;
const DATE_LINE = /^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日(印发)?$/;

/** Does this line open a new structural unit (a numbered item, a field, an attachment, a date line)? */
// The 版记 lines of a 公文: 抄送/分送 lists and the "<office> <date>印发" line.
const RECORD_LINE = /^(?:抄送|分送|主送|报送)\s*[:：]|^[\u4e00-\u9fff]{2,30}\s*\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*印发$/;

export function startsStructure(line: string): boolean {
  return parseLabel(line) !== null || FIELD.test(line) || META_FIELD.test(line) || parseAttachment(line) !== null || DATE_LINE.test(line) || RECORD_LINE.test(line);
}

export function isDateLine(line: string): boolean {
  return DATE_LINE.test(line);
}

// An unnumbered closing provision of the whole document (有效期, 解释, 施行, 贯彻落实本意见): not part of the last item.
export const CLOSING_PROVISION = new RegExp(
  "^(?:本(?:实施)?(?:意见|方案|通知|办法|措施|政策|规划|计划|细则|规定|决定|纲要|政策措施|若干措施|行动方案|实施方案|工作方案|行动计划)(?:自|由|从|所称|有效期|未尽|执行|中)" +
    "|各(?:地区|地|省|部门|单位|有关部门|相关部门|级)[^。]{0,30}(?:要|应)(?:认真)?(?:贯彻落实|抓好落实|结合实际)[^。]{0,6}本" +
    "|各(?:地区|省|市|县|区)[、，,]各(?:部门|有关部门|单位)要" +
    "|[^。]{0,40}(?:自[^。]{0,14}(?:印发|发布|公布)之日起(?:施行|实施|执行)|有效期(?:至|为|[0-9一二三四五])|由[^。]{2,30}负责解释))",
);

// A paragraph that ends with an assignment bracket ("…（各地区、各部门负责）", "（牵头单位：市科技局）") is an
// item's own text, even where it opens like a closing provision ("各地区、各部门要结合实际…").
// (a short bracket inside a name is allowed: "各县(市、区)人民政府")
const ASSIGNED_END = /[(（〔](?:[^()（）〔〕]|[(（][^()（）]{1,10}[)）]){0,300}?(?:牵头|负责|责任单位|责任部门|配合单位|配合部门)(?:[^()（）〔〕]|[(（][^()（）]{1,10}[)）]){0,120}[)）〕][。；;]?\s*$/;
export function endsWithAssignment(line: string): boolean {
  return ASSIGNED_END.test(line);
}
