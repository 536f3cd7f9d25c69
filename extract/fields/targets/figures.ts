// Figure candidates from the regex matches, and the checks that drop counts, scopes and names.
import words from "../../data/target-words.json" with { type: "json" };
import { CN_DIGIT, parseChinese, parseDecimal, parsePair, scaled } from "../numerals.ts";
import { APPROX, BARE, BASIS_OPENERS, LEVEL_COMPARATORS, PARTS_OPENERS, BARE_AFTER_VERB, BARE_MAGNITUDE, BEFORE, BEFORE_NOT_PRECEDED, BEFORE_WORDS, CLASS_SUFFIX, CN_DIGITS, CN_POWERS, COUNT_NOUNS, Comparator, DOCUMENT_PARTS, FIGURE, FRACTION, JIAO_FEN, LIST_COUNT_BEFORE, MAGNITUDES, METRIC_VERBS, MONEY, MONEY_BOUNDARY, NOT_FIGURES, PEOPLE_AFTER_MAGNITUDE, PEOPLE_NOT_FOLLOWED, PROGRAMME_ENDS, PROGRAMME_HEADING_ENDS, SCOPE_BEFORE, SLOGAN_AFTER_COUNT, TIME_QUALIFIERS, TIME_QUALIFIER_NOT_PRECEDED, UNITS, UnitInfo, VAGUE, ORDINAL_BEFORE_ONE } from "./patterns.ts";

const LEVEL_COMPARATOR_END = new RegExp(`(?:${LEVEL_COMPARATORS})$`);
const PARTS_OPENER = new RegExp(PARTS_OPENERS);
const BASIS_OPENING = new RegExp(`^(?:${BASIS_OPENERS})`);
const BASIS_BEFORE = new RegExp(`(?:${BASIS_OPENERS})$`);

// ---------------------------------------------------------------- candidates

const LEVEL: UnitInfo = { unit: "级", kind: "count", always: true };
const LIST_OF_CLASSES = new RegExp(`^(?:[、和及与][\\d.]+[万亿]?)+(?:${CLASS_SUFFIX.source.slice(1)})`);

/** One figure found in the text, before its context (comparator, exclusions, metric) is read. */
export interface Figure {
  start: number;
  figEnd: number;
  /** A figure with digits, a magnitude or a unit: later windows do not reach back past it. */
  setsBound: boolean;
  /** Excluded already (no unit, a year, a name …): it only moves the window bound. */
  skip: boolean;
  num: string; // the (first) number as written
  v1: number;
  v2: number | null; // the upper bound of a range
  info: UnitInfo;
  approx: Comparator | null; // 多 / 余 after the number
  magnitude: boolean;
  classSuffix: boolean; // 级 follows
}

export const skipped = (start: number, figEnd: number, setsBound: boolean): Figure =>
  ({ start, figEnd, setsBound, skip: true, num: "", v1: 0, v2: null, info: BARE, approx: null, magnitude: false, classSuffix: false });

/** The Figure of one FIGURE match (a range when the second figure carries its own unit or magnitude). */
export function fromMatch(s: string, m: RegExpExecArray): Figure {
  const g = m.groups!;
  const start = m.index;
  let figEnd = start + m[0].length;
  const num = g.num1;
  const mag = g.mag1;
  const unitText = g.unit1;
  let sep: string | undefined = g.sep;
  let num2: string | undefined = g.num2;
  let mag2: string | undefined = g.mag2;
  let unit2: string | undefined = g.unit2;
  // 两到三万, 十八至三十万: the 万 closing a Chinese second figure is the range's magnitude
  if (sep && num2 && !mag2 && !mag && /^[^\d].*[万萬亿億]$/.test(num2) && num2.length > 1) {
    mag2 = /[万萬]$/.test(num2) ? "万" : "亿";
    num2 = num2.slice(0, -1);
  }
  // a range needs a unit or magnitude on its second figure, and units that agree
  if (sep && ((!unit2 && !mag2) || (unitText && unit2 && UNITS.get(unitText)?.unit !== UNITS.get(unit2)?.unit))) {
    sep = num2 = mag2 = unit2 = undefined;
    figEnd = start + g.first.length;
    FIGURE.lastIndex = figEnd;
  }
  const setsBound = num !== "一" && (/^\d/.test(num) || !!unitText || !!mag);
  const skip = skipped(start, figEnd, setsBound);
  const prev = start > 0 ? s[start - 1] : "";
  if (/[\dA-Za-z.+_%]/.test(prev) || prev === "第") return skip; // part of a name, code, URL escape or ordinal
  if (prev && VAGUE.includes(prev) && !/^\d/.test(num)) return skip; // 数十亿元, 几百家, 上万家: no exact figure
  // "请于每季度最后一个周五前…" (上海 闵古办〔2022〕20号 古美路街道 五/(四)), "每月最后一个工作日执行一次" (a repository's SOP): the last one, a position
  if (num === "一" && ORDINAL_BEFORE_ONE.some((w) => s.slice(Math.max(0, start - w.length), start) === w)) return skip;

  // unit: the first figure's own, else (range) the second's; a bare magnitude is money
  let uText: string | undefined = unitText;
  let mult1 = mag ? MAGNITUDES.get(mag)! : 1;
  const mult2 = mag2 ? MAGNITUDES.get(mag2)! : 1;
  if (sep) {
    if (!uText) uText = unit2;
    if (!mag && !unitText) mult1 = mult2;
  }
  let info = uText ? UNITS.get(uText) : undefined;
  const chinese = !/^\d/.test(num);
  let extra = 0; // 角 and 分 after 元
  const next = s.slice(figEnd, figEnd + 2);
  // "向10亿、50亿、100亿级目标跃升" (河北 2023 清洁能源装备): a list whose last figure is a class makes each a class
  const classSuffix = CLASS_SUFFIX.test(next) || (!uText && LIST_OF_CLASSES.test(s.slice(figEnd, figEnd + 40)));
  // "组织开展全省1160万中小学生脊柱侧弯筛查" (河北 2024 民生工程), "6万中小学生齐学咏春" (鹤山): a bare magnitude right before the
  // people it counts is a count (unit null), not money ("2亿学生资助资金" stays money's)
  if (!info && !uText && !classSuffix && (mag || (chinese && /[万萬亿億]$/.test(num)))) {
    const people = startsWithAny(s.slice(figEnd, figEnd + 6), PEOPLE_AFTER_MAGNITUDE);
    if (people && !startsWithAny(s.slice(figEnd + people.length, figEnd + people.length + 2), PEOPLE_NOT_FOLLOWED)) info = BARE;
  }
  // a bare magnitude is money: 2.5亿, 千亿 (a Chinese numeral ending in 万/亿)
  if (!info && (mag || (sep && mag2) || (chinese && /[万萬亿億]$/.test(num)))) {
    // the boundary may be three characters long: "年租金20万及以上的" (上海 宝吴街办〔2024〕2号 吴淞街道 四/(四), tests/data/unseen14a),
    // "贷款金额35万及以上的，需办理抵押" (a car-loan page on GitHub)
    if (!MONEY_BOUNDARY.test(s.slice(figEnd, figEnd + 4)) && !classSuffix) return skip;
    // 贫困人口减少6800多万: the clause counts people, so the magnitude is a bare figure, not money
    const clause = /[^,，。;；:：\n]{0,16}$/.exec(s.slice(Math.max(0, start - 16), start))![0];
    info = COUNT_NOUNS.some((w) => clause.includes(w)) ? BARE : MONEY;
  }
  // "智能制造成熟度达到2级以上" (河北 2023 铸造和锻压): a plain number before 级 is a level, a target only when compared
  // "租赁关系不得超过两级" (上海 宝吴街办〔2024〕2号 吴淞街道 四/(二), tests/data/unseen14a), "单笔订单的推广计酬不得超过两级" (a referral
  // rule on GitHub citing 禁止传销条例): a level in Chinese numerals after a comparator before it, too
  const compLevel = chinese && /^[一二两三四五六七八九十]{1,3}$/.test(num) && LEVEL_COMPARATOR_END.test(s.slice(Math.max(0, start - 4), start));
  if (!info && classSuffix && !sep && (/^\d+$/.test(num) || compLevel)) info = LEVEL;
  if (!info) return skip;
  if (info.kind === "money" && uText && !sep) {
    JIAO_FEN.lastIndex = figEnd;
    const jf = JIAO_FEN.exec(s);
    if (jf && jf[0]) {
      const digit = (x?: string) => (x ? (/\d/.test(x) ? Number(x) : CN_DIGIT[x] ?? 0) : 0);
      extra = (digit(jf.groups!.jiao) * 10 + digit(jf.groups!.fen)) / 100;
      figEnd += jf[0].length;
      FIGURE.lastIndex = Math.max(FIGURE.lastIndex, figEnd);
    }
  }
  NOT_FIGURES.lastIndex = start;
  if (NOT_FIGURES.test(s)) {
    FIGURE.lastIndex = Math.max(FIGURE.lastIndex, NOT_FIGURES.lastIndex); // the whole of 千家万户
    return skip; // 二次开发, 三次产业, 千家万户
  }
  if (num.includes("〇")) return skip; // 二〇二二年
  // 大写 digits write amounts ("壹万贰仟元整"), never a lone count: 陆 in "陆家桥村村委会" (上海 头桥街道 2024, tests/data/unseen13a),
  // "陆家嘴金融城聚集了多少家金融机构" (a quiz on GitHub), 伍 in 伍家岗 are names
  if (/^[壹贰貳叁參肆伍陆陸柒捌玖]$/.test(num)) return skip;
  // 三元 is a name: money in Chinese numerals has a power or a magnitude (一千元, 六十四万零一百四十三元)
  if (info.kind === "money" && !mag && !mag2 && chinese && !/[十百千万亿拾佰仟萬億]/.test(num)) return skip;
  const money = info.kind === "money";
  if (info.unit === "年" || info.unit === "学年") {
    // a year, not a duration ("2024—2025学年": a school year)
    if (/^\d{4}$/.test(num) || (num2 && /^\d{4}$/.test(num2))) return skip;
    if (/^[\d月度底末初]/.test(s.slice(figEnd, figEnd + 1))) return skip;
  }
  // "在项目任务书签订后30日内" (国办发〔2021〕32号): days written 日 are a duration; after 年/月 (6月30日前) the day of a date
  if (info.unit === "日" && /[\d年月号第每当]$/.test(s.slice(Math.max(0, start - 1), start))) return skip;
  let v1: number | null;
  let v2: number | null = null;
  const pair = chinese && !sep ? parsePair(num) : null;
  if (pair) {
    v1 = pair[0] * mult1;
    v2 = pair[1] * mult1;
  } else {
    v1 = scaled(num, mult1);
    if (sep) v2 = scaled(num2!, mult2);
    if (v1 === null || (sep && v2 === null)) return skip;
    if (extra) v1 = Math.round((v1 + extra) * 100) / 100;
  }
  const ap = g.ap1 ?? g.apm1;
  return {
    start, figEnd, setsBound, skip: false, num, v1: v1!, v2, info,
    approx: ap ? APPROX[ap] : null, magnitude: !!(mag || mag2) || (money && chinese), classSuffix,
  };
}

const BARE_MONEY = new RegExp(`(?<![\\d${CN_DIGITS}${CN_POWERS}])(?:${words.comparatorsBeforeBareMoney.join("|")})(?<mag>${words.bareMoneyMagnitudes.join("|")})`, "g");

/** Figures the main regex cannot see: 百分之八, 千分之三, 五分之一, 出资8000, 百万青年. Sorted by start. */
export function otherFigures(s: string): Figure[] {
  const out: Figure[] = [];
  const add = (start: number, figEnd: number, num: string, v: number | null, info: UnitInfo | undefined) => {
    if (v === null || !info || !Number.isFinite(v)) return;
    if (start > 0 && /[\dA-Za-z.+_%]/.test(s[start - 1])) return; // MM百万青年…: part of a name or code
    NOT_FIGURES.lastIndex = start;
    if (NOT_FIGURES.test(s)) return;
    out.push({ start, figEnd, setsBound: true, skip: false, num, v1: v, v2: null, info, approx: null, magnitude: false, classSuffix: false });
  };
  if (s.includes("分之")) {
    for (const m of s.matchAll(FRACTION)) {
      const g = m.groups!;
      const end = m.index + m[0].length;
      if (g.per) add(m.index, end, m[0], parseDecimal(g.pnum), UNITS.get(g.per === "百" ? "%" : "‰"));
      else {
        const den = parseDecimal(g.den);
        const nom = parseDecimal(g.nom);
        if (den && nom !== null) add(m.index, end, m[0], Math.round((nom / den) * 1e6) / 1e6, BARE);
      }
    }
  }
  // "领导班子中50岁以下的成员应超过一半" (广州 2012): 一半 compared is the fraction 0.5 (unit null); 减少一半 is none
  if (s.includes("一半")) {
    for (const m of s.matchAll(/一半/g)) {
      const before = s.slice(Math.max(0, m.index - 4), m.index);
      const compared = BEFORE_WORDS.some((w) => w.length > 1 && BEFORE[w] !== "=" && before.endsWith(w)) || /^(?:及?以上|及?以下)/.test(s.slice(m.index + 2, m.index + 5));
      if (compared) add(m.index, m.index + 2, "一半", 0.5, BARE);
    }
  }
  // "超亿元以上企业达到50个" (河北 2021 体育用品), "销售收入过亿元": a money magnitude with no numeral after 超/过/突破 is one of it
  for (const m of s.matchAll(BARE_MONEY)) {
    const end = m.index + m[0].length;
    const mag = m.groups!.mag;
    const word = m[0].slice(0, m[0].length - mag.length);
    if (m.index > 0 && (BEFORE_NOT_PRECEDED[word] ?? "").includes(s[m.index - 1])) continue; // 赶超亿元
    add(end - mag.length, end, mag, MAGNITUDES.get(mag.replace(/元$/, "")) ?? null, MONEY);
  }
  for (const m of s.matchAll(BARE_AFTER_VERB)) {
    const num = m.groups!.num;
    const end = m.index + m[0].length;
    add(end - num.length, end, num, Number(num), BARE);
  }
  if (s.includes("万")) for (const m of s.matchAll(BARE_MAGNITUDE)) add(m.index, m.index + m[0].length, m[0], parseChinese(m[0]), BARE);
  return out.sort((a, b) => a.start - b.start);
}

export const endsWithAny = (x: string, ws: string[]) => ws.find((w) => x.endsWith(w));
export const startsWithAny = (x: string, ws: string[]) => ws.find((w) => x.startsWith(w));

/** Counts that only count parts of the document or its lists, scopes and rates: not targets. */
const BOUND_OF_FIGURE = /[\d０-９][^\d０-９\s，,。；;、：:()（）]{1,4}$/;
export function notACount(s: string, f: Figure): boolean {
  const { start, figEnd } = f;
  const before = s.slice(Math.max(0, start - 4), start);
  const after = s.slice(figEnd, figEnd + 4);
  // 知识产权保护方面5项, 上述两个表格; but 以上/以下 closing a figure just before is that figure's bound, no pointer to a list:
  // "500平方米以上3000平方米以下的为0.8元" (上海 沪崇向府〔2024〕47号 向化镇 四, unseen13d), "造成10人以上30人以下死亡" (生产安全事故
  // 报告和调查处理条例 第三条)
  const pointer = endsWithAny(before, LIST_COUNT_BEFORE);
  if (pointer && !(/^以[上下]$/.test(pointer) && BOUND_OF_FIGURE.test(s.slice(Math.max(0, start - 2 - 8), start - 2)))) return true;
  // 自然指数前100名高校: a rank, not a quantity (排名前10位 is a comparator, <=)
  if (before.endsWith("前") && !BEFORE_WORDS.some((w) => w.length > 1 && w.endsWith("前") && before.endsWith(w))) return true;
  if (inScope(s, start)) return true; // 围绕37条产业链和40个产业集群: existing sets
  if (/[(（]共?$/.test(before) && /^[)）]/.test(after)) return true; // (共23项)
  if (/^\s*[:：]/.test(after)) return true; // 方面5项：a list follows
  if (startsWithAny(after, DOCUMENT_PARTS)) return true; // 三个等级, 两个表格
  // 每认定1家: the unit of a per-item award, not a goal; 每生 (each pupil) is a person like 每人: "确保每生每天一盒牛奶、一个鸡蛋"
  // (河北 2020 营养改善计划 提标扩面, unseen12c) counts
  // (每半年/每半月 is a period like 每年: "入户宣传要求每半年1次", 上海 友谊路街道 2019 六, tests/data/unseen13a; "消防檢修每半年1次", a
  // rating checklist on GitHub: = 1 次)
  if (f.v1 === 1 && f.v2 === null && /每(?![年季月周天日个家户人名位项生半])[\u4e00-\u9fff]{0,3}$/.test(before)) return true;
  if (sumsList(s, f)) return true;
  if (countsListAfter(s, f)) return true;
  // "做到机构、编制、人员、经费四个到位": a slogan count (四个到位, 两个到位), not a goal
  if (/^[两二三四五六七八九十]个$/.test(s.slice(start, figEnd)) && startsWithAny(after, SLOGAN_AFTER_COUNT)) return true;
  // "抓好两个紧盯，即紧盯…，紧盯…", "实现两个确保，确保…": a slogan whose items follow, each opening with its word
  if (/^[两二三四五六七八九十]$/.test(f.num) && /^([\u4e00-\u9fff]{2,4})[，,：:]\s*(?:即)?\1/.test(s.slice(figEnd, figEnd + 12))) return true;
  return false;
}

/**
 * "分为科技创新策源区、产业创新承载区、生态创新融合区和辐射溢出联动区四个功能区": a count right after a list of
 * exactly that many parts (after 分为/包括 …) sums the list up: the parts are named, no goal is set.
 */
export function sumsList(s: string, f: Figure): boolean {
  if (f.v2 !== null || f.v1 < 2 || f.v1 > 12 || !/^[两二三四五六七八九十]$/.test(f.num)) return false;
  let i = f.start - 1;
  while (i >= Math.max(0, f.start - 200) && !/[,，。;；:：\n“”"]/.test(s[i])) i--;
  // only where the list spells out the parts of a whole ("分为…", "包括…"), as "分为三个等级", or the kinds an action goes by, 按照…
  // opening the clause: "按照移交接管类、自治纳管类、街道托底管理类三种管理模式，对“内部道路”进行分类建档" (杨浦 2025 内部道路 四/(一),
  // tests/data/unseen14h), "按照完好房或基本完好房、一般损坏房、疑似严重损坏房、疑似危房四个等级作出初步判断" (吴泾镇 2021, unseen12d),
  // "按照砖石类、木质类、金属类、玻璃类和残渣五个类别进行分类收集" (吴泾镇 2021 建筑垃圾, unseen13d)
  const opener = PARTS_OPENER.exec(s.slice(i + 1, f.start)) ?? BASIS_OPENING.exec(s.slice(i + 1, f.start));
  if (!opener) return false;
  const clause = s.slice(i + 1 + opener.index + opener[0].length, f.start);
  const parts = clause.split("、");
  if (parts.length < 2) return false;
  const last = parts[parts.length - 1];
  const joined = /^([^和及与]{2,20})[和及与]([^和及与]{2,20})$/.exec(last);
  const count = parts.length + (joined ? 1 : 0);
  return count === f.v1 && parts.slice(1, -1).every((p) => p.length >= 2 && p.length <= 20);
}

const CIRCLED_ITEMS = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫";
/**
 * "按照五个标准制定各村保洁员额度：①每30户/1名保洁员；②…；⑤…" (上海 罗店镇 2020 五/4, tests/data/unseen13a); "ALCE 选取三个互补
 * 数据集，按照三个标准：包含事实性问题、需要长文本多方面回答、需要综合多源信息。" (a note on GitHub): a count whose clause ends with a colon,
 * followed by exactly that many listed items (①… or 、-separated, up to the sentence's end), counts the criteria it leads into: no
 * goal. Only right after 按照/根据/依据/依照 (the basis of an action): "打造三个中心：A、B、C" is a goal with its parts named.
 */
function countsListAfter(s: string, f: Figure): boolean {
  if (f.v2 !== null || f.v1 < 2 || f.v1 > 12 || !/^[两二三四五六七八九十]$/.test(f.num)) return false;
  // only the criteria an action follows (按照/根据/依据/依照 right before the count); "打造三个中心：…" stays a goal
  if (!BASIS_BEFORE.test(s.slice(Math.max(0, f.start - 2), f.start))) return false;
  const colon = /^[^，,。；;！？!?\n]{0,30}?[:：]/.exec(s.slice(f.figEnd));
  if (!colon) return false;
  const from = f.figEnd + colon[0].length;
  const stop = s.slice(from).search(/[。\n]/);
  const list = s.slice(from, stop < 0 ? undefined : from + stop);
  const circled = [...list].filter((c) => CIRCLED_ITEMS.includes(c)).length;
  const items = circled > 0 ? circled : list.split(/[、；;]/).filter((x) => x.trim().length > 0).length;
  return items === f.v1;
}

/** A count in the object of 围绕/聚焦/针对… with no other verb between: it names an existing set. */
export function inScope(s: string, start: number): boolean {
  let i = start - 1;
  while (i >= Math.max(0, start - 16) && !/[,，。;；:：\n]/.test(s[i])) i--;
  const clause = s.slice(i + 1, start);
  for (const w of SCOPE_BEFORE) {
    const k = clause.lastIndexOf(w);
    if (k < 0) continue;
    const between = clause.slice(k + w.length);
    // "针对涉及小微企业降费情况每年进行一次评估" (河北 冀减负〔2015〕1号): a 每 after the scope makes the figure a count of the task
    if (!METRIC_VERBS.some((v) => v !== "等" && between.includes(v)) && !between.includes("每")) return true;
  }
  return false;
}

/** 千人计划, 万名专家服务基层行动计划, 百万青年创业计划: a round Chinese count that opens a programme's name. */
export function programmeName(s: string, f: Figure): boolean {
  const clause = /^[^,，。;；、:：\n]{0,16}/.exec(s.slice(f.figEnd))![0];
  // quoted names listed with 、 ("千名优秀年轻干部“引进来”、“走出去”工程", 广州 2012) are one word of the name
  const named = /^[^,，。;；、:：\n]{0,16}/.exec(s.slice(f.figEnd, f.figEnd + 60).replace(/“[^”\n]{1,8}”(?:、“[^”\n]{1,8}”)*/g, "Q"))![0];
  if (/^[十百千万]/.test(f.num) && PROGRAMME_ENDS.some((w) => named.includes(w))) return true;
  // "29.百名高端外国专家引进项目。", "11.121人才梯队项目。" (广州 2012): a heading that opens with the count and ends
  // with 项目 names the project
  const opens = /(?:^|[\n,，。;；:：])[ \t\u3000]*(?:\d{1,3}[.、．][ \t\u3000]*)?$/.test(s.slice(Math.max(0, f.start - 12), f.start));
  // the heading is a sentence of its own: closed by 。 (a table cell "100个重点项目" on its line still counts)
  return opens && s[f.figEnd + clause.length] === "。" && PROGRAMME_HEADING_ENDS.some((w) => clause.endsWith(w));
}

/** 每 earlier in the clause: "每年实施一期", "每个省培育一家", "至少每季度公开曝光一次". */
// "确保每名学生均能享受一次政策宣介、一次职业指导、三次岗位推介和一次就业见习" (冀人社发〔2024〕24号): each item of a list
// gives the window another 20 characters
export function perBefore(s: string, start: number): boolean {
  let floor = Math.max(0, start - 20);
  for (let i = start - 1; i >= floor; i--) {
    if (/[,，。;；:：\n]/.test(s[i])) return false;
    if (s[i] === "每") return true;
    if (s[i] === "、" || s[i] === "和") floor = Math.max(0, Math.min(floor, i - 20), start - 60);
  }
  return false;
}

/** 连续两年, 分三年, 连续补贴三年: a duration that is a stated term. */
export function qualifiedDuration(s: string, start: number): boolean {
  const before = s.slice(Math.max(0, start - 6), start);
  for (const q of TIME_QUALIFIERS) {
    const i = before.lastIndexOf(q);
    if (i < 0) continue;
    const gap = before.slice(i + q.length);
    if (q.length === 1 ? gap !== "" : !/^[\u4e00-\u9fff]{0,3}$/.test(gap)) continue;
    const banned = TIME_QUALIFIER_NOT_PRECEDED[q];
    const prev = before[i - 1] ?? s[start - before.length + i - 1];
    if (banned && prev && banned.includes(prev)) continue;
    return true;
  }
  return false;
}
