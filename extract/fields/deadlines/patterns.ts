// Deadline word lists (data/deadline-words.json) and the regexes of each date form, compiled once.
import words from "../../data/deadline-words.json" with { type: "json" };
import type { Deadline } from "../../schema.ts";
import { escapeRegExp } from "../../regex.ts";

export interface Candidate {
  start: number;
  end: number;
  d: Deadline;
}

// ---------------------------------------------------------------- word lists

export const ONGOING: string[] = [...words.ongoing].sort((a, b) => b.length - a.length);
/** "常态化推进机制": an ongoing phrase before these names a mechanism, not a time frame. */
export const ONGOING_NOT_FOLLOWED_BY: string[] = words.ongoingNotFollowedBy;
export const RECURRENCE: Record<string, string> = words.recurrence;
export const RECURRENCE_NOT_FOLLOWED_BY: Record<string, string> = words.recurrenceNotFollowedBy;
export const QUARTERS: Record<string, number> = words.quarters;
export const HALF_YEARS: Record<string, number[]> = words.halfYears;
export const PLAN_PERIODS: Record<string, number[]> = words.planPeriods;
export const RELATIVE_YEARS: Record<string, number> = words.relativeYears;

export const esc = escapeRegExp;
export const alt = (xs: Iterable<string>) => [...xs].sort((a, b) => b.length - a.length).map(esc).join("|");

// ---------------------------------------------------------------- regex fragments

export const CN_NUM = "〇零一二两三四五六七八九十";
/** Digits of a year written in Chinese numerals (二〇二二年; ○ is a common stand-in for 〇). */
export const CN_YEAR_DIGITS = "〇○零一二三四五六七八九";
export const PRE = "(之前|以前|前)";
export const REL = `(${alt(Object.keys(RELATIVE_YEARS))})`;
/** A four-digit year, Arabic or Chinese digits: one group. */
export const Y4 = `(?<![\\d${CN_YEAR_DIGITS}])(\\d{4}|[${CN_YEAR_DIGITS}]{4})`;
/** Optional year prefix: groups (year4, relative). */
export const YEAR = `(?:${Y4}年|${REL}年)?`;
/** Month number 1–12, Arabic or Chinese: one group. */
export const MON = `(?<![\\d${CN_NUM}])(1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])月`;
/** Day of the month, Arabic or Chinese, written with 日 or 号 (not 号线, 号文): one group. */
export const DAY =
  "(3[01]|[12]\\d|0?[1-9]|三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三][〇○]|[一二三四五六七八九])(?:日|号(?![线文楼院令码]))";
/** "(星期二)" after a day: read over. */
export const WEEKDAY = "(?:[(（](?:星期|周)[一二三四五六日天][)）])?";
export const QNUM = `(${alt(Object.keys(QUARTERS))})`;
export const SEP = "(?:~|〜|-|—{1,2}|–|―|至|到)";
export const HALF = `(${alt(Object.keys(HALF_YEARS))})`;

// year4 rel month day 底末 旬 份 pre
// "中期通报阶段（7月初）", "于7月初前开展中期通报" (上海 嘉府发〔2026〕4号 嘉定 违法用地 三/(三), unseen14c); "6 月初前完成自评" (a policy
// calendar on GitHub, 广东 创新型中小企业评价): 月初 (the month's first days) is read as 上旬, the 10th; not 初步, 初始, 初期 … (monthStartNotFollowedBy)
const MONTH_START = `初(?![${words.monthStartNotFollowedBy}])`;
export const MONTH_FORM = new RegExp(`${YEAR}${MON}(?:${DAY}${WEEKDAY}|(底|末)|(上旬|中旬|下旬|${MONTH_START})|(份))?${PRE}?`, "g");
// year4 rel month day|底末 — year4 rel month day|底末 ("2025年10月底-2025年12月底": from the end of one month, 后湖 2025);
// a time of day after a day is read over ("6月28日9:00至7月2日18:00", 河北 2024 特岗计划; "4月28日10:00-4月30日21:00", a lender's page)
const CLOCK = "(?:(?:上午|下午|晚上)?(?:[01]?\\d|2[0-4])[:：][0-5]\\d)?";
export const MONTH_RANGE = new RegExp(`${YEAR}${MON}(?:${DAY}${CLOCK}|(底|末))?${SEP}${YEAR}${MON}(?:${DAY}${CLOCK}|(底|末))?`, "g");
// "1996年1月8日至12日召开的…会商会" (国办发〔1996〕2号 地震, unseen15h2); "第43届CVPR将于2026年6月3日至7日在美国丹佛会议中心举行" (a news
// digest on GitHub): a span of days in one month, the month written once
/** "上一年度", "去年" (previousYearWords) right before a span: the previous year's months. */
export const PREVIOUS_YEAR = new RegExp(`(?:${alt(words.previousYearWords)})的?$`);
export const DAY_SPAN = new RegExp(`${YEAR}${MON}${DAY}${SEP}${DAY}`, "g");
// "（5-7月）", "2026年8-9月": a span of months written with 月 once (松江 2026 清水行动 "集中整治阶段（5-7月）"; a public stage plan
// "第一阶段（1-3月）…第二阶段（4-6月）…第三阶段（7-12月）"); Arabic months only, not right after a duration word (monthSpanNotAfter:
// "中期（1-2月）" is one to two months) nor inside a longer number or date
export const MONTH_SPAN = new RegExp(
  `(?<!(?:${alt(words.monthSpanNotAfter)})[（(]?)${YEAR}(?<![\\d.\\-/第])(1[0-2]|0?[1-9])(?:-|~|〜|—{1,2}|–|至|到)(1[0-2]|0?[1-9])月(?![\\d底末份上中下旬日号初前])`,
  "g",
);
// "2024—2026年", "2022年至2025年"
export const YEAR_RANGE = new RegExp(`(?<!\\d)(\\d{4})年?${SEP}(\\d{4})年(?![\\d月度])`, "g");
// year4 | rel | bare (not after a numeral or a relative word); then 底/末/内 and 前
export const YEAR_END = new RegExp(
  `(?:(?<![\\d${CN_YEAR_DIGITS}])(\\d{4}|[${CN_YEAR_DIGITS}]{4})年?|${REL}年?|(?<![\\d${CN_NUM}百千几数多半上下同近前后每去全个这该其当]))年(底|末|内)${PRE}?`,
  "g",
);
// "2027年前": the end of that year, like "X月前" (4-digit years only; not "2022年前三季度")
export const YEAR_BEFORE = new RegExp(`${Y4}年${PRE}(?![\\d${CN_NUM}个季半])`, "g");
// "到2025年" / "力争到2025年" / "至2030年" / "到2023年6月": a bare year or month after 到 is the goal's date.
// Forms with 底/末/内/前/上半年/季度… after the year are read by their own scanners (and get the 到 there).
export const TO_YEAR = new RegExp(
  `(${alt(words.toWords)})${Y4}年(?:${MON}(?![\\d${CN_NUM}底末份上中下旬日号初前]))?(?![\\d${CN_YEAR_DIGITS}年月底末内前度以起至到~\\-—–―初上下第半季])`,
  "g",
);
// "2021年全面推广", "2023年6月完成": a year (and month) followed by a completion verb. The text is the time phrase.
export const YEAR_DONE = new RegExp(
  `${Y4}年(?:${MON})?(?=(?:${alt(words.completionAdverbs)})?(?:${alt(words.completionVerbs)})(?!的|了))`,
  "g",
);
// "2027年，制定出台全市公园体检评估办法", "2025年6月，相关区政府完成本区…方案制定" (上海 2026 公园, 2025 排水): a year (and month)
// opening its sentence, a comma, then within the clause a short subject or verb (up to `yearCommaGap` characters) and a
// completion verb: the same goal as "2016年基本完成…" ("2022年,全市新建5G基站…" has no completion verb: none)
export const YEAR_COMMA_DONE = new RegExp(
  `(?<=^|[。；;！？!?\\n\\s])${Y4}年(?:${MON})?(?=[，,][^，,。；;：:！？!?\\n的]{0,${words.yearCommaGap}}?(?:${alt(words.completionAdverbs)})?(?:${alt(words.completionVerbs)})(?!的|了))`,
  "g",
);
// "今明两年全省高职院校增设新兴专业93个" (河北 2020 双师双证): a span of years counted from the base year (relativeSpans)
export const RELATIVE_SPANS: Record<string, number[]> = words.relativeSpans;
export const RELATIVE_SPAN = new RegExp(alt(Object.keys(RELATIVE_SPANS)), "g");
// "2012年起5年内", "从2023年起三年内": a span from that year's start over N years
export const YEARS_FROM = new RegExp(`${Y4}年起(?:的)?(\\d{1,2}|[一二两三四五六七八九十]{1,2})(?:个)?年(?:以内|之内|内)`, "g");
// "2019/04/19", "2019.4.19", "2019-04-19": numeric dates (year, separator, month, same separator, day)
export const NUMERIC_DATE = /(?<![\d./\-])((?:19|20)\d{2})([/.\-])(1[0-2]|0?[1-9])\2(3[01]|[12]\d|0?[1-9])(?![\d%]|\.\d)/g;
// year4 rel q 末底 pre
export const QUARTER = new RegExp(`${YEAR}(?:第|(?<![\\d${CN_NUM}每第前]))${QNUM}季度(末|底)?${PRE}?`, "g");
// year4 rel half 末底 pre
export const HALF_YEAR = new RegExp(`${YEAR}${HALF}(末|底)?${PRE}?`, "g");
export const PLAN = new RegExp(
  `[“"‘]?(${alt(Object.keys(PLAN_PERIODS))})[”"’]?(?:(${alt(words.planPeriodEndSuffixes)})|${alt(words.planPeriodSuffixes)})`,
  "g",
);
export const RECUR = new RegExp(alt(Object.keys(RECURRENCE)), "g");
// "学校一月一报告…县区一季度一复核…地市一学期一调研…省级一学年一评估" (河北 2024 招生入学), "协议一年一签" (河北 2024 银龄讲学):
// one task per period (onePer); not inside a numeral ("二〇二一年一月") nor before a date word ("一月一日", "一年一度").
export const ONE_PER_PERIOD: Record<string, string> = words.onePer;
export const ONE_PER = new RegExp(
  `(?<![\\d${CN_NUM}○百千万])一(${alt(Object.keys(ONE_PER_PERIOD))})一(?![${words.onePerNotFollowedBy}])[\\u4e00-\\u9fff]{1,2}`,
  "g",
);
// "领导小组办公室负责召集联络员召开月度工作例会" (闵行 吴泾镇 2023 规模化居住租赁场所 工作制度 五/(一), unseen13d); a meeting table on
// GitHub "{ name: '公司月度例会', frequency: 'monthly' }": a meeting named by its period, held (召开/举行 right before it), recurs
// (periodMeetings). "季度或年度工作例会由领导小组视情形召开" (the same 五/(一)) names it after the verb, as the case may be: none.
export const PERIOD_MEETING_PERIOD: Record<string, string> = words.periodMeetings;
export const PERIOD_MEETING = new RegExp(
  `(?<=${alt(words.periodMeetingVerbs)})(${alt(Object.keys(PERIOD_MEETING_PERIOD))})(?:${alt(words.periodMeetingNames)})`,
  "g",
);
export const ONGOING_RE = new RegExp(alt(ONGOING), "g");
// "完成时限:全年" (霍山 2025, a table's 完成时限 cell): a deadline label whose whole value is one of ongoingCellValues
export const ONGOING_CELL = new RegExp(
  `(?<=^|\\n)[ \\t\\u3000]*(?:${alt(words.deadlineLabels)})[ \\t\\u3000]*[:：]?[ \\t\\u3000]*(${alt(words.ongoingCellValues)})(?=[ \\t\\u3000。;；]*(?:\\n|$))`,
  "g",
);
// "（牵头部门：农业农村部，完成时限：2022年）" (国科发农〔2020〕192号): a deadline label whose whole value is a bare year
export const YEAR_CELL = new RegExp(
  `(?:${alt(words.deadlineLabels)})[ \\t\\u3000]*[:：][ \\t\\u3000]*${Y4}年(?=[ \\t\\u3000]*(?:[）)\\]】〕。;；]|\\n|$))`,
  "g",
);
// "（责任部门：市交通委、市公安局。时间节点：2025年3月）" (上海 沪交法〔2025〕175号 三/(一)): a deadline label whose whole value is a
// year and a month is due by that month's end. The label opens its clause ("预算耗尽时间节点：2026年4月", a news digest on GitHub,
// names when something happened).
export const MONTH_CELL = new RegExp(
  `(?<=^|[\\n（(；;。，,、 \\t\\u3000])(?:${alt(words.deadlineLabels)})[ \\t\\u3000]*[:：][ \\t\\u3000]*${Y4}年${MON}(?=[ \\t\\u3000]*(?:[）)\\]】〕。;；]|\\n|$))`,
  "g",
);
// "每季度最后一个周五前（9月30日、12月30日）" (上海 闵古办〔2022〕20号 五/(四)), "每季末（3月31日、6月30日、9月30日、12月31日）" (a bank's
// settlement-cycle parser on GitHub): a bracket holding only dates, opened in the clause of a recurring time (每季度, 每年 …), lists
// the recurrence's own days: no dates of their own. Matched from the end of the recurring phrase (sticky).
const GLOSS_DAY = `(?:\\d{1,2}|[${CN_NUM}]{1,3})月(?:(?:\\d{1,2}|[${CN_NUM}]{1,3})[日号])?`;
export const RECURRENCE_GLOSS = new RegExp(`[^，,。；;\\n（()）]{0,12}[（(]即?${GLOSS_DAY}(?:[、，,和及]${GLOSS_DAY})*[）)]`, "y");
// Tails after 每年 / 每月 (sticky): month [day|底末|旬] [前] | 年底 | quarter [末] | half.
export const YEARLY_TAIL = new RegExp(
  `${MON}(?:${DAY}|(底|末)|(上旬|中旬|下旬))?${PRE}?|年?(底|末)${PRE}?|第?${QNUM}季度(末)?${PRE}?|${HALF}${PRE}?`,
  "y",
);
export const MONTHLY_TAIL = new RegExp(`(?:${DAY}|底|末)${PRE}?`, "y");
export const YEAR_BLOCK = new RegExp(
  `^\\s*(?:[(（][${CN_NUM}]+[)）]|[${CN_NUM}]+、|\\d+[.、．])?\\s*(\\d{4})\\s*年\\s*度`,
);
export const NOT_DEADLINE_AFTER_DAY = /^(?:起|开始|以来|至今|以后|之后|后|印发|发布|颁布|施行)/;
export const NOT_DEADLINE_BEFORE_DAY = /(?:自|从|截至)$/;

// ---------------------------------------------------------------- normalisation

export const FULL_WIDTH = /[\uff10-\uff19～－．]/g;
export const DATE_SPACE = /(?<=[\d年月日号])[ \t\u00a0\u3000]+(?=[\d年月日号季])/g;

/** Full-width digits to ASCII; white space between digits and 年/月/日 removed. */
export function normaliseDateText(text: string): string {
  return text
    .replace(FULL_WIDTH, (c) => (c === "～" ? "~" : c === "－" ? "-" : c === "．" ? "." : String.fromCharCode(c.charCodeAt(0) - 0xfee0)))
    .replace(DATE_SPACE, "");
}
