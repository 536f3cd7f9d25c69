// Target word lists (data/target-words.json) and the figure regexes, compiled once.
import words from "../../data/target-words.json" with { type: "json" };
import type { Target } from "../../schema.ts";
import { escapeRegExp } from "../../regex.ts";

export type Comparator = Target["comparator"];

// ---------------------------------------------------------------- word lists

export const esc = escapeRegExp;
export const byLength = (xs: Iterable<string>) => [...xs].sort((a, b) => b.length - a.length);
export const alt = (xs: Iterable<string>) => byLength(xs).map(esc).join("|");

export const BEFORE: Record<string, Comparator> = words.comparatorsBefore as Record<string, Comparator>;
export const BEFORE_WORDS = byLength(Object.keys(BEFORE));
// comparators that may stand a few words before their figure (one-character ones only adjacent: 达成, 发达)
export const STRONG_WORDS = BEFORE_WORDS.filter((w) => BEFORE[w] !== "=" && w.length > 1);
export const BEFORE_NOT_PRECEDED: Record<string, string> = words.comparatorNotPrecededBy;
/** A comparator word that opens a term ("最低生活保障标准的1.6倍": 低保, no bound): the words that may not follow it. */
export const BEFORE_NOT_FOLLOWED: Record<string, string[]> = words.comparatorNotFollowedBy;
export const GAP_WORDS = byLength(words.comparatorGap);
/** Words that open a list of the parts of a whole ("分为…", "包括…"): a count after the list sums it (figures.ts sumsList). */
export const PARTS_OPENERS = alt(words.partsOpeners);
/** Words naming the basis of an action ("按照…", "根据…"): a count of the kinds or criteria listed after one is no goal (figures.ts). */
export const BASIS_OPENERS = alt(words.basisOpeners);
/** Comparators a level in Chinese numerals may follow ("不得超过两级"): the level is a target (figures.ts fromMatch). */
export const LEVEL_COMPARATORS = alt(words.levelComparators);
export const AFTER: Record<string, Comparator> = words.comparatorsAfter as Record<string, Comparator>;
export const AFTER_NOT_FOLLOWED: Record<string, string> = words.comparatorAfterNotFollowedBy;
export const CHANGE_STARTS = new Set(words.changeStarts);
/** 从/由 and a base year or the present closing the text before a figure ("由2021年的", "从2020年底", "由当前的"). */
// …or before the basis of a rate: "由每生每天2.5元提高到4元" (河北 2020 营养改善计划 提标扩面, unseen12c), "由年人均3.52万元提高到3.88万元"
// (河北 2024 特岗计划, unseen11a): changeRateBases
export const CHANGE_FROM_YEAR = new RegExp(`[${words.changeStarts.join("")}](?:\\d{4}年[底末]?|${words.changeFromPresent.join("|")}|${words.changeRateBases.join("|")})的?$`);
export const APPROX: Record<string, Comparator> = words.approxFillers as Record<string, Comparator>;

/** Magnitude prefix of a money unit → multiplier ("万" → 1e4); the bare magnitude also means money. */
export const MAGNITUDES = new Map<string, number>();
for (const [unit, mult] of Object.entries(words.moneyUnits)) if (unit !== "元") MAGNITUDES.set(unit.replace(/元$/, ""), mult);

/** Unit as written → unit as recorded; time units need a comparator (or 连续/分) unless `always`. */
export interface UnitInfo {
  unit: string | null;
  kind: "money" | "count" | "ratio" | "time" | "bare";
  always: boolean;
}
export const UNITS = new Map<string, UnitInfo>();
UNITS.set("元", { unit: "元", kind: "money", always: true });
for (const w of words.moneyAliases) UNITS.set(w, UNITS.get("元")!); // 肆佰叁拾萬圆
for (const w of words.measureWords) UNITS.set(w, { unit: w, kind: "count", always: true });
for (const w of words.weakMeasureWords) UNITS.set(w, { unit: w, kind: "count", always: false });
for (const w of words.physicalUnits) UNITS.set(w, { unit: w, kind: "count", always: true });
// 美元, 欧元: a currency other than 元 is its own unit, the magnitude applied ("6亿美元" → 600000000 美元)
for (const w of words.currencyUnits) UNITS.set(w, { unit: w, kind: "count", always: true });
for (const w of words.ratioUnits) UNITS.set(w, { unit: w, kind: "ratio", always: true });
for (const t of words.timeUnits) UNITS.set(t.text, { unit: t.unit, kind: "time", always: t.always });
export const MONEY = UNITS.get("元")!;
/** Physical units (米, 公里, 吨 …): a distance right after 每 is a rate's base. */
export const PHYSICAL = new Set<string>(words.physicalUnits);
export const BARE: UnitInfo = { unit: null, kind: "bare", always: true };

export const M = words.metric;
export const METRIC_VERBS = byLength(M.verbs);
export const METRIC_LEADING = byLength(M.leading);
export const METRIC_TRAILING = byLength(M.trailing);
// the noun after a figure ends at a verb, a comparator (of the next figure) or a digit
export const METRIC_STOPS = new RegExp(`${alt([...M.stops, ...BEFORE_WORDS.filter((w) => w.length > 1)])}|\\d`);
export const COMPARISON_MARKERS = byLength(M.comparisonMarkers);
export const PREPOSITIONS = new RegExp(`[${M.prepositions}](?![${M.prepositionNotFollowedBy}])`, "g");

// ---------------------------------------------------------------- the figure regexes

/** Chinese digits (小写 and 大写), powers and section units. */
export const CN_DIGITS = "〇零一二两兩三四五六七八九壹贰貳叁參肆伍陆陸柒捌玖";
export const CN_POWERS = "十百千拾佰仟";
export const CN_SECTIONS = "万萬亿億";
// a Chinese numeral starts with a non-zero digit, a power or 万 (千家企业, 万名, 十五) and may run through 万/亿 sections
export const CN_NUM = `[${CN_DIGITS.replace(/[〇零]/g, "")}${CN_POWERS}万萬][${CN_DIGITS}${CN_POWERS}${CN_SECTIONS}]*`;
export const WS = "[ \\t\\u00a0\\u3000]*";
// 1,000 / 82，225.00 (a full-width comma only before a decimal part or a money unit) / 12.5 / 六十四万零一百四十三
export const NUM =
  `\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?(?![\\d，])` +
  `|\\d{1,3}(?:[,，]\\d{3})+(?:\\.\\d+)?(?=${WS}(?:[万亿元圆]|百万|千万))` +
  `|\\d+(?:\\.\\d+)?|${CN_NUM}`;
export const APPROX_RE = alt(Object.keys(APPROX));
export const MAG = alt(MAGNITUDES.keys());
/** "200部" (lifts) is a count, "3部门", "十部委", "部分" are not: the characters that may not follow a measure word. */
const UNIT_NOT_FOLLOWED: Record<string, string> = words.measureWordNotFollowedBy;
export const UNIT = byLength(UNITS.keys()).map((w) => esc(w) + (UNIT_NOT_FOLLOWED[w] ? `(?![${UNIT_NOT_FOLLOWED[w]}])` : "")).join("|");
export const SEPS = alt(words.rangeSeparators);
export const IGNORED = words.ignoredAfterFigure.map(esc).join("|");
export const fig = (i: number) =>
  `(?<num${i}>${NUM})${WS}(?:(?<ap${i}>${APPROX_RE})${WS})?(?:(?<mag${i}>${MAG})${WS})?(?:(?<apm${i}>${APPROX_RE})${WS})?(?<unit${i}>${UNIT})?`;
// no two white-space runs are adjacent, so a failed range never backtracks quadratically
export const FIGURE = new RegExp(`(?<first>${fig(1)})(?:${WS}(?:(?:${IGNORED})${WS})?(?<sep>${SEPS})${WS}${fig(2)})?`, "g");
export const AFTER_RE = new RegExp(`${WS}(?:(?:${IGNORED})${WS})?(${alt(Object.keys(AFTER))})`, "y");
export const IGNORED_RE = new RegExp(`${WS}(?:${IGNORED})`, "y");
// 百分之八 (%), 千分之三 (‰), 五分之一 (a bare fraction, unit null)
export const CN_DEC = `[${CN_DIGITS}${CN_POWERS}]+(?:点[${CN_DIGITS}]+)?|\\d+(?:\\.\\d+)?`;
export const FRACTION = new RegExp(`(?<per>[百千])分之(?<pnum>${CN_DEC})|(?<den>[${CN_DIGITS}${CN_POWERS}]+|\\d+)分之(?<nom>[${CN_DIGITS}${CN_POWERS}]+|\\d+)`, "g");
// a figure with no measure word: "出资8000" (a verb, a number, then the clause ends), "百万青年"
export const BARE_AFTER_VERB = new RegExp(
  `(?:${alt([...words.bareFigureVerbs, ...BEFORE_WORDS.filter((w) => w.length > 1)])})${WS}(?<num>\\d+(?:\\.\\d+)?)` +
    `(?=${WS}(?:(?:${alt(words.bareFigureAfter)})${WS})?(?:[，,。；;、)）\\n]|$))`,
  "g",
);
export const VAGUE = words.vagueBeforeNumeral;
/** "每季度最后一个周五前", "每月最后一个工作日": 一 after 最后 names a position (the last one), never a count. */
export const ORDINAL_BEFORE_ONE: string[] = words.ordinalBeforeOne;
/** "每30户/1名保洁员", "每300至500户居民设置1个", "外来人口每超过300人多配置1名": households or people counted right after 每 (a
 * comparator between allowed: rateBaseAfterEach) are the base of a staffing or provision rate, no target. */
export const RATE_BASE_COUNT_UNITS = new Set<string>(words.rateBaseCountUnits);
export const RATE_BASE_BEFORE = new RegExp(`每(?:${words.rateBaseAfterEach.join("|")})?$`);
export const BARE_MAGNITUDE = new RegExp(`(?<![${CN_DIGITS}${CN_POWERS}${CN_SECTIONS}\\d第${VAGUE}])(?<num>[十百千]万)(?=[\\u4e00-\\u9fff])(?![${words.bareMagnitudeNotBefore}${CN_DIGITS}${CN_POWERS}${CN_SECTIONS}]|${UNIT}|${MAG})`, "g");
// The new figure may carry a bound of its own: "比例从7%提高到不超过15%" (上海 沪府办发〔2016〕11号 七), "累计补助从不超过 100 万元提高到
// 不超过 200 万元" and "层高已经从原来的2.8米提高到不低于3米" (public pages on GitHub).
export const CHANGE_TAIL = new RegExp(String.raw`^[ \t]*[\u4e00-\u9fff]{0,4}?(?:到|至)[ \t]*(?:(?:${alt(STRONG_WORDS)})[ \t]*)?[\d一二两三四五六七八九十]`);
/** Clause delimiters for the comparator / metric window before a figure. */
export const DELIM_BEFORE = /[,，。;；:：!！?？\n()（）【】\[\]“”《》]/;
/** Clause delimiters after a figure (parentheses stay: they qualify the noun). */
export const DELIM_AFTER = /[,，。;；:：!！?？\n“”《》\/]/;
/** How far back a comparator may stand from its figure, and what it may not reach across. */
export const FAR = 10;
/** …before a noun phrase closed by 的 ("不超过…总数的5%"). */
export const FAR_OF = 14;
export const DELIM_FAR = /[,，。;；:：!！?？\n()（）【】\[\]“”《》、]/;
export const NOT_FIGURES = new RegExp(alt(words.notFigures), "y");
export const NOT_FIGURE_AFTER = byLength(words.notFigureAfter);
export const LIST_COUNT_BEFORE = byLength(words.listCountBefore);
export const DOCUMENT_PARTS = byLength(words.documentPartNouns);
export const SCOPE_BEFORE = byLength(words.scopeBeforeCount);
export const LIST_JOINERS = new Set(words.listJoiners);
export const RANGE_GAP = new RegExp(`^[\\s${words.rangeJoiners.join("")}]*$`);
export const TIME_QUALIFIERS = byLength(words.timeQualifiers);
export const PROGRAMME_ENDS = byLength(words.programmeNameEnds);
/** A clause opening with a round count and ending with these names a programme or project (百名高端外国专家引进项目). */
export const PROGRAMME_HEADING_ENDS = byLength([...words.programmeNameEnds, ...words.programmeHeadingEnds]);
export const VERB_ONLY = new Set<string>(words.verbOnlyMeasureWords);
export const TIME_QUALIFIER_NOT_PRECEDED: Record<string, string> = words.timeQualifierNotPrecededBy;
/** 元一角七分: the jiao and fen after a yuan amount. */
export const JIAO_FEN = new RegExp(`(?:(?<jiao>[${CN_DIGITS}]|\\d)角)?(?:(?<fen>[${CN_DIGITS}]|\\d)分)?`, "y");
export const COUNT_NOUNS = byLength(words.countNounsBeforeBareMagnitude);
/** The people a bare 万/亿 figure counts, right after it: "全省1160万中小学生". */
export const PEOPLE_AFTER_MAGNITUDE = byLength(words.peopleAfterBareMagnitude);
/** …unless money for them follows ("2亿学生资助资金"). */
export const PEOPLE_NOT_FOLLOWED = words.peopleNotFollowedBy;
// After a bare magnitude (千亿, 5000亿) that is money: punctuation, 的, a comparator (以上) or a scale word (规模, 大关).
export const MONEY_BOUNDARY = new RegExp(`^(?:$|[\\s,，。;；:：!！?？、)）的]|${alt([...Object.keys(words.comparatorsAfter).filter((w) => w.length > 1), ...words.bareMagnitudeAfter])})`);
/** A class name after a figure ("千亿级产业", "百亿亿次级"): a target only with a comparator ("达到万亿级"). */
export const CLASS_SUFFIX = new RegExp(`^(?:${alt(words.classSuffixes)})`);
export const AGE_UNITS = new Set<string>(words.ageUnits);
// "发生亡3人以下的火灾", "亡3人以上9人以下的火灾" (崇明 沪崇府办发〔2017〕39号 五/(十一)); "造成10人以上30人以下死亡，或者50人以上100人以下
// 重伤…的事故" (生产安全事故报告和调查处理条例 第三条, 地震应急预案 分级): a count of casualties grades the event meant, no goal.
const CASUALTY = words.casualtyWords.join("|");
export const CASUALTY_BEFORE = /亡(?:[\d.０-９]+人(?:以上|以下)?[、，,至到~～-]?)?$/;
export const CASUALTY_AFTER = new RegExp(`^[\\d.０-９]+人(?:以上|以下)?(?:[、，,至到~～-]?[\\d.０-９]+人(?:以上|以下)?)?(?:${CASUALTY})`);
/** 四个到位: a Chinese count of 个 before these words is a slogan (the things listed before it), not a goal. */
export const SLOGAN_AFTER_COUNT = byLength(words.sloganAfterCount);
export const WINDOW = 40;
