// Target extraction (docs/labelling.md, section Targets): text → Target records. Pure functions.
// One regex pass finds every figure (number, magnitude, unit, optional range); the comparator, exclusions
// and metric are then read from a bounded window around each figure, so the cost is linear in the text.

import words from "../data/target-words.json" with { type: "json" };
import type { Target } from "../schema.ts";
import { AFTER, AFTER_NOT_FOLLOWED, AFTER_RE, AGE_UNITS, CASUALTY_AFTER, CASUALTY_BEFORE, STRONG_WORDS, alt, CHANGE_TAIL, Comparator, FIGURE, IGNORED_RE, LIST_JOINERS, NOT_FIGURE_AFTER, PHYSICAL, RANGE_GAP, RATE_BASE_BEFORE, RATE_BASE_COUNT_UNITS, VERB_ONLY } from "./targets/patterns.ts";
import { maskedSpans, normalise } from "./targets/masks.ts";
import { endsWithVerb, headOf, readBefore, readMetric, stripEdges } from "./targets/windows.ts";
import { Figure, fromMatch, inScope, notACount, otherFigures, perBefore, programmeName, qualifiedDuration, startsWithAny } from "./targets/figures.ts";

// “重点引进和培养高层次人才达到2000名左右，…人才贡献率达到40%”: a goal quoted as clauses (a clause mark, and a
// comparator before a figure) is no name, its figures are targets
const QUOTED_GOAL = new RegExp(`(?:${alt(STRONG_WORDS)})[ \\t\\u3000]*(?:\\d|[两二三四五六七八九十百千万])`);
const quotedGoal = (inner: string) => inner.length >= 12 && /[，,；;]/.test(inner) && QUOTED_GOAL.test(inner);
const LABEL_GLUED = /^\d{1,3}\.\d/;
const YEAR_FROM_BEFORE = /(?:\d{4}|[〇○零一二三四五六七八九]{4})年起(?:的)?$/;
const MONEY_BASE_BEFORE: string[] = words.moneyBaseBefore;
const DISTRIBUTIVE_BEFORE: string[] = words.distributiveBefore;
const DISTRIBUTIVE_JOINERS = new Set<string>(words.distributiveJoiners);
const CLAUSE_MARK = /[，,。；;：:\n]/;
// "50%（高速公路超速20%）以上": a bracket (no clause mark) between a figure and 以上/以下
const GLOSSED_BOUND = /^[(（]([^()（）。；;，,]{1,20})[)）](以上|以下)/;
const LOOK_BACK: string = words.lookBackBefore;
const LOOK_BACK_NOT_PRECEDED: string = words.lookBackNotPrecededBy;
const LOOK_BACK_NOT_FOLLOWED: string = words.lookBackNotFollowedBy;
// between two items "500亿元的1个、100亿元…": 的, the item's own count, a list joiner
const ITEM_COUNT_GAP = new RegExp(`^的(?:\\d+|[一二两三四五六七八九十]+)[个家项所]\\s*(?:${words.listJoiners.join("|")})\\s*$`);
const BOUND_GLOSS = /^\s*[(（](不)?含[^()（）。；;]{0,30}[)）](及以上|及以下|以上|以下)/;
const INCLUSIVE_GLOSS = /^\s*[(（]含(?:本数|[^()（）]{1,12})[)）]/;
const EXCLUSIVE_GLOSS = /^\s*[(（]不含(?:本数|[^()（）]{1,12})?[)）]/;

// ---------------------------------------------------------------- API

/** Targets in `text`, in text order: every figure with a unit, normalised as docs/labelling.md says. */
export function extractTargets(text: string): Target[] {
  const s = normalise(text);
  const masks = maskedSpans(s, quotedGoal);
  const extras = otherFigures(s);
  let mi = 0;
  let xi = 0;
  const out: Target[] = [];
  let prevEnd = 0; // end of the previous figure: windows never reach back past it
  let consumed = 0; // end of the last figure taken from `extras`
  // the last target: for a comparator that governs a list, and for two one-sided bounds that make a range
  type Last = { target: Target; tailEnd: number; textStart: number; fromBefore: boolean };
  let last: Last | null = null;
  let headed: Last | null = null; // the last target whose comparator was written before it

  // figures of a list read as plain "=" so far (same unit, joined by 、/和): a comparator after the last may govern them all
  let run: { target: Target; start: number; tailEnd: number }[] = [];

  let skipUntil = 0; // end of a "(不含6亩)" gloss: the figure inside restates the bound before it
  const consider = (f: Figure) => {
    if (f.start < skipUntil) return;
    const bound = prevEnd;
    if (f.setsBound) prevEnd = f.figEnd;
    if (f.skip) return;
    const { start, figEnd, info } = f;
    while (mi < masks.length && masks[mi][1] <= start) mi++;
    if (mi < masks.length && masks[mi][0] <= start) return; // inside 《》, quotes, 〔〕
    if (info.kind === "count" && notACount(s, f)) return;
    // "11.121人才梯队项目": an item's label run into the figures of its name is no decimal
    // (a count only: a table cell "2.5亿元", "1.5%" or "3.5万人" opening its line is a figure)
    if (info.kind === "count" && !f.magnitude && LABEL_GLUED.test(s.slice(start, figEnd)) && /(?:^|\n)[ \t\u3000]*$/.test(s.slice(Math.max(0, start - 8), start))) return;
    // "2012年起5年内": a span from a start year (a deadline), not a time limit
    if (info.kind === "time" && YEAR_FROM_BEFORE.test(s.slice(Math.max(0, start - 8), start))) return;
    // "近两年研发投入强度4%以上" (河北 2022 领跑者): the last N years, a look-back window, no time limit
    if (info.kind === "time" && lookBack(s, start, figEnd)) return;
    if ((info.kind === "count" || info.kind === "bare") && programmeName(s, f)) return;
    // "计算方法：日间手术台次数/同期出院患者择期手术总台次数×100%" (国办发〔2019〕4号 三级公立医院 附件, unseen15h2); "(急性病床全年總住院人
    // 日數)÷(急性病床數×365天)×100 (%)" (a hospital's 佔床率 page): a figure right after × or ÷ that follows a word is a formula's factor
    // (not /, a rate's "每30户/1名保洁员")
    if (formulaOperand(s, start)) return;
    if (startsWithAny(s.slice(figEnd, figEnd + 4), NOT_FIGURE_AFTER)) return; // 三位一体
    // "万亩" alone on its line (嵊泗 2021, a table's 单位 cell): a unit with its magnitude, no figure
    if (/^[万亿]$/.test(f.num) && /(?:^|\n)[ \t\u3000]*$/.test(s.slice(Math.max(0, start - 4), start)) && /^[ \t\u3000]*(?:\n|$)/.test(s.slice(figEnd, figEnd + 4))) return;
    // "万元GDP能耗下降2.5%" (湖南 2019), "万元工业增加值的用水量" (国新办 2024): a bare 万元/亿元 before an output
    // measure is the base of an intensity, no target ("实现10亿元产值" still counts)
    const moneyBase = info.kind === "money" && /^[十百千万亿]+元$/.test(s.slice(start, figEnd)) && startsWithAny(s.slice(figEnd, figEnd + 8), MONEY_BASE_BEFORE);
    // "每百万人口年发明专利授权量达350件" (广州 2012), "每万人口": a bare magnitude of people after 每 is a rate's base
    if (s[start - 1] === "每" && /^[十百千万]+人$/.test(s.slice(start, figEnd))) return;
    // "每500米左右设置一处" (上海 2012 客货运), "每25—30公里乡道、村道配备不少于一名" (上海 2020 农村公路): a distance right
    // after 每 is the base of the rate (what is set per stretch counts), no target
    if (s[start - 1] === "每" && PHYSICAL.has(info.unit ?? "")) return;
    // "①每30户/1名保洁员", "外来人口每超过300人多配置1名保洁员" (上海 罗店镇 2020), "每300至500户居民设置1个定时定点投放点" (上海 友谊路街道
    // 2019, tests/data/unseen13a), "每300户左右设置1处集中分类投放点" (济南 2021, a news headline): households or people counted right
    // after 每 are the base of the rate (what is set per so many counts), no target
    if (info.kind === "count" && RATE_BASE_COUNT_UNITS.has(info.unit ?? "") && RATE_BASE_BEFORE.test(s.slice(Math.max(0, start - 4), start))) return;
    // 14EFlops(每秒百亿亿次浮点运算): a gloss of the unit just before, in brackets right after it
    if (bound > 0 && /^[(（][每即]/.test(s.slice(bound, start)) && !/[)）]/.test(s.slice(bound, start))) return;

    const before = readBefore(s, start, bound);
    AFTER_RE.lastIndex = figEnd;
    let afterCmp: Comparator | null = null;
    let tailEnd = figEnd;
    const a = AFTER_RE.exec(s);
    if (a) {
      const word = a[1];
      // 内销 after a figure is domestic sales, but after a duration 内 is "within" (销售后1年内销售合同…)
      const banned = info.kind === "time" ? undefined : AFTER_NOT_FOLLOWED[word];
      const next = s[figEnd + a[0].length] ?? "";
      if (!banned || !banned.includes(next)) {
        afterCmp = AFTER[word];
        tailEnd = figEnd + a[0].length;
      }
    }
    // "投资总额在100万元(含100万)以上400万元以下" (上海 奉金府〔2019〕9号 金汇镇 三/3, tests/data/unseen14a); "直接经济损失100万元（含100万元，
    // 不含事故赔偿费用）以上" (上海 2024 事故统计, tests/data/unseen13h): a (含…) gloss between a figure and 以上/以下 restates the bound
    // (its figure may drop the unit): the word after it bounds the figure, the gloss is no target; (不含…) makes the bound strict
    if (!afterCmp) {
      const gl = BOUND_GLOSS.exec(s.slice(figEnd, figEnd + 40));
      if (gl) {
        const word = AFTER[gl[2]];
        afterCmp = gl[1] && (word === ">=" || word === "<=") ? (word === ">=" ? ">" : "<") : word;
        tailEnd = figEnd + gl[0].length;
        skipUntil = tailEnd;
      }
    }
    // "超速50%（高速公路超速20%）以上" (上海 2012 客货运): a bracket holding a second figure of the same unit between a figure and
    // 以上/以下 — the word after the bracket bounds both
    if (!afterCmp) {
      const g = GLOSSED_BOUND.exec(s.slice(figEnd, figEnd + 30));
      if (g && /\d/.test(g[1]) && info.unit && g[1].includes(info.unit)) afterCmp = AFTER[g[2]];
      else if (info.unit) {
        const close = /^[)）](以上|以下)/.exec(s.slice(figEnd, figEnd + 4));
        const open = Math.max(s.lastIndexOf("（", start), s.lastIndexOf("(", start));
        if (close && open > 0 && !/[()（）。；;，,]/.test(s.slice(open + 1, start)) && s.slice(Math.max(0, open - info.unit.length), open) === info.unit)
          afterCmp = AFTER[close[1]];
      }
    }
    // "6亩以下(不含6亩)", "10万元以上（不含10万元）": the bound is exclusive, and the bracket is no target of its own
    if (afterCmp === "<=" || afterCmp === ">=") {
      const ex = EXCLUSIVE_GLOSS.exec(s.slice(tailEnd, tailEnd + 20));
      if (ex) {
        afterCmp = afterCmp === "<=" ? "<" : ">";
        tailEnd += ex[0].length;
        skipUntil = tailEnd;
      }
    }
    // "带动5个以上(含5个)本地市场主体" (河北 2023 铸造和锻压): the bracket restates the bound, no target of its own
    if (afterCmp === "<=" || afterCmp === ">=") {
      const inc = INCLUSIVE_GLOSS.exec(s.slice(tailEnd, tailEnd + 20));
      if (inc) { tailEnd += inc[0].length; skipUntil = tailEnd; }
    }
    if (!afterCmp && f.classSuffix) tailEnd = figEnd + 1; // 达到万亿级
    if (!afterCmp) {
      IGNORED_RE.lastIndex = tailEnd;
      const ig = IGNORED_RE.exec(s);
      if (ig) tailEnd += ig[0].length;
    }
    const range = f.v2 !== null;
    let strong = before.comparator && before.comparator !== "=" ? before.comparator : null;
    // 突破百项关键技术: 突破 is the verb (make N breakthroughs) when a noun follows the count; 突破1000家 / 100亿元 exceed
    if (strong && before.word.endsWith("突破") && info.kind === "count" && /^[\u4e00-\u9fff]/.test(s.slice(tailEnd, tailEnd + 1)))
      strong = null;
    // "率先突破千亿元产值" (河北 2023 电子信息): after a comparator the output itself is the goal, no base
    if (moneyBase && !strong) return;
    const compared = !!(strong || afterCmp || f.approx);
    // 一 before a measure word (一批, 一个周期) and weak measure words (二期工程) count only when compared or per 每
    if ((f.num === "一" && !f.magnitude && !range) || (info.kind === "count" && !info.always)) {
      if (info.unit === "批" || !(compared || perBefore(s, start))) return;
    }
    // 条 counts after a verb or a comparator (建设10条示范线); after a noun it ends a name (人才新政30条, 金融十条)
    if (VERB_ONLY.has(info.unit!) && !compared && !endsWithVerb(s.slice(Math.max(bound, start - 6), start).trimEnd())) return;
    // a duration needs a comparator, 内/以上 after it, or 连续/分 before it (60多年的演进 is no term)
    if (info.kind === "time" && !info.always && !strong && !afterCmp && !range && !qualifiedDuration(s, start)) return;
    if (AGE_UNITS.has(info.unit!) && range && !compared) return; // 3—6岁学龄前儿童: who is meant, not a target
    // "35岁以下青年科技人员", "35周岁以下的青年拔尖人才": an age bound before the people meant, not a target
    if (AGE_UNITS.has(info.unit!) && !strong && afterCmp && /^[的\u4e00-\u9fff]/.test(s.slice(tailEnd, tailEnd + 1))) return;
    if (f.classSuffix && !compared) return; // 千亿级产业, E级(百亿亿次级)
    // "发生亡3人以下的火灾", "造成10人以上30人以下死亡": casualties grade the event meant (patterns.ts CASUALTY_BEFORE/AFTER)
    if (info.unit === "人" && !strong && (CASUALTY_BEFORE.test(s.slice(Math.max(0, start - 10), start)) || CASUALTY_AFTER.test(s.slice(start, start + 24)))) return;
    // 从2.2亿元扩大到2.5亿元: the starting figure is not a target
    if (before.changeStart && !range && CHANGE_TAIL.test(s.slice(tailEnd, tailEnd + 8))) return;

    let comparator: Comparator;
    let min: number | null = null;
    let max: number | null = null;
    let fromBefore = false;
    if (range) {
      comparator = "range";
      min = Math.min(f.v1, f.v2!);
      max = Math.max(f.v1, f.v2!);
    } else {
      // a comparator before a list governs every figure of it: 分别给予最高60万元、40万元; 首次达到2000万元、5000万元
      // "规模达到500亿元的1个、100亿元的1个" (河北 2021 体育用品): items "figure 的 count" listed, the comparator reaches each
      const head = last && last.fromBefore ? last : headed && ITEM_COUNT_GAP.test(s.slice(headed.tailEnd, start)) ? headed : null;
      const inherited =
        !compared && head && head.target.unit === info.unit &&
        (head !== last || LIST_JOINERS.has(s.slice(head.tailEnd, start).trim()))
          ? head.target.comparator
          : null;
      comparator = strong ?? afterCmp ?? f.approx ?? inherited ?? "=";
      fromBefore = !!(strong || (inherited && !afterCmp));
      if (comparator === "=") min = max = f.v1;
      else if (comparator === ">=" || comparator === ">") min = f.v1;
      else max = f.v1;
    }

    // "新增审核期、辅导期企业数量分别同比增长10%、20%以上", "每年向专板孵化层、规范层和培育层分别推送企业200家、100家和50家以上"
    // (河北 2023 企业上市): after 分别, a comparator written after the last figure of a list holds for each figure of it
    const joined = run.length > 0 && run[run.length - 1].target.unit === info.unit && DISTRIBUTIVE_JOINERS.has(s.slice(run[run.length - 1].tailEnd, start).trim());
    if (!range && afterCmp && !strong && comparator === afterCmp && joined && distributive(s, run[0].start)) {
      for (const r of run) {
        r.target.comparator = afterCmp;
        if (afterCmp === ">=" || afterCmp === ">") r.target.max = null;
        else r.target.min = null;
      }
    }
    const plain = !range && comparator === "=" && !compared && !fromBefore;
    run = plain ? (joined ? run : []) : [];

    prevEnd = tailEnd;
    // a time limit measures the noun before its comparator ("贷款期限最高可达5年"), else nothing
    const between = stripEdges(before.between);
    const metric =
      info.kind === "time" && (!before.comparator || before.comparator === "=")
        ? { metric: null, start: null, end: null }
        : between && endsWithVerb(between) !== between // not a bare verb (最高资助100万元)
          ? { metric: headOf(between), start: null, end: null }
          : readMetric(s, before.at, bound, tailEnd, info.kind === "count");
    const textStart = metric.start ?? before.at;
    const textEnd = Math.max(tailEnd, metric.end ?? 0);

    // 大于10家小于20家, 10%以上20%以下: a lower and an upper bound side by side are one range
    if (
      last && !range && (comparator === "<" || comparator === "<=") &&
      (last.target.comparator === ">" || last.target.comparator === ">=") &&
      last.target.unit === info.unit && last.tailEnd <= before.at && RANGE_GAP.test(s.slice(last.tailEnd, before.at))
    ) {
      const t = last.target;
      t.comparator = "range";
      t.max = max;
      t.text = text.slice(last.textStart, textEnd).trim();
      last = null;
      return;
    }
    const target: Target = {
      text: text.slice(textStart, textEnd).trim(),
      metric: metric.metric,
      comparator,
      min,
      max,
      unit: info.unit,
    };
    out.push(target);
    last = { target, tailEnd, textStart, fromBefore };
    if (fromBefore) headed = last;
    if (plain) run.push({ target, start, tailEnd });
  };

  FIGURE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = FIGURE.exec(s)) !== null) {
    while (xi < extras.length && extras[xi].start <= m.index) {
      const x = extras[xi++];
      if (x.start < consumed) continue;
      consider(x);
      consumed = x.figEnd;
    }
    if (m.index < consumed) {
      if (FIGURE.lastIndex < consumed) FIGURE.lastIndex = consumed;
      continue;
    }
    consider(fromMatch(s, m));
  }
  for (; xi < extras.length; xi++) if (extras[xi].start >= consumed) consider(extras[xi]);
  return out;
}

/** The clause's text before `at` (back to the last clause mark). */
function clauseBefore(s: string, at: number): string {
  let i = at - 1;
  while (i >= 0 && !CLAUSE_MARK.test(s[i])) i--;
  return s.slice(i + 1, at);
}

/** 分别 in the clause before `at`: a list there is read figure by figure. */
function distributive(s: string, at: number): boolean {
  const clause = clauseBefore(s, at);
  return DISTRIBUTIVE_BEFORE.some((w) => clause.includes(w));
}

/** 近 (not 将近/接近) right before a duration that a noun follows ("近两年研发投入", "近一年来"): the last N years. */
function lookBack(s: string, start: number, end: number): boolean {
  if (s[start - 1] !== LOOK_BACK || (start >= 2 && LOOK_BACK_NOT_PRECEDED.includes(s[start - 2]))) return false;
  return end < s.length && /[\u4e00-\u9fff]/.test(s[end]) && !LOOK_BACK_NOT_FOLLOWED.includes(s[end]);
}

/** A figure right after × or ÷ written after a word or a bracket: a factor of a formula ("…总台次数×100%"). */
function formulaOperand(s: string, at: number): boolean {
  return /[\u4e00-\u9fff)）][ \t]*[×÷][ \t]*$/.test(s.slice(Math.max(0, at - 4), at));
}
