// Numbered items that start inside a line: text that lost its line breaks (OCR output, copied web pages,
// a whole body on one line) and items run on after the previous item's closing bracket
// ("…（责任单位：市商务局）10．大力培育…"). Lines are split where a label continues the document's numbering.
import { CLOSING_PROVISION, endsWithAssignment, parseLabel, type LabelType } from "./labels.ts";
import { splitSigners } from "./signature.ts";

// A label that may open an item inside a line (followed by the item's first word).
// A digit right after a Latin letter is part of a code, never a label ("推进浦东机场航站楼T1、T2及三纵三横卫生间改造", 上海
// 沪交设养〔2024〕1025号; "双流机场航站楼T1、T2站", a 成都 transit study).
// A Chinese-numbered label may also open with the year its step is dated by ("三、实施步骤(一)2015年3月底前，…。(二)2015年6月底前，…",
// 河北 冀减负〔2015〕1号).
const CANDIDATE =
  /(?:第[一二三四五六七八九十百\d]{1,4}[章条]|[一二三四五六七八九十]{1,3}[、]|[(（][一二三四五六七八九十]{1,3}[)）]|(?<![\d.．A-Za-z])\d{1,2}[.．、](?![\d%])|[(（]\d{1,2}[)）]|[①-⑳⑴-⒇⒈-⒛])(?=[ \u3000]?[\u4e00-\u9fff“《(（A-Za-z])|(?:[一二三四五六七八九十]{1,3}、|[(（][一二三四五六七八九十]{1,3}[)）])(?=\d{4}年)/g;
// Characters after which an item may start in a normal line: a sentence or a bracket has just closed.
const CLOSED = /[。；;！!？?)）”】]$/;
const RUN_ON_MIN = 300; // a line this long that holds several items has lost its breaks
const HEADING_MAX = 40; // "一、总体要求（一）指导思想…": a heading runs straight into its first sub-item

type Counters = Partial<Record<LabelType, number>>;

interface Cut {
  at: number;
  type: LabelType | "break";
  n: number;
}

/** Where `line` may be cut before an item: label positions continuing the numbering in `seen`. */
function cutsIn(line: string, seen: Counters, runOn: boolean, lineLabel: LabelType | null): Cut[] {
  const cuts: Cut[] = [];
  const local: Counters = { ...seen };
  let lastType: LabelType | null = lineLabel;
  let lastAt = 0;
  CANDIDATE.lastIndex = 0;
  for (let m; (m = CANDIDATE.exec(line)); ) {
    const at = m.index;
    if (at === 0) continue;
    const label = parseLabel(line.slice(at));
    if (!label || label.type === "section") continue;
    // "…年均递增19.3%。一、二、三产业占国内生产总值的比重" (a 连云港 市志 OCR): ordinals listed one after another are words, not a label.
    const after = parseLabel(line.slice(at + m[0].length));
    if (after && after.type === label.type && after.n === label.n + 1) continue;
    const before = line.slice(Math.max(0, at - 1), at);
    // 第N条/第N章 also after white space ("…制定本办法。 第二条 …", "某某办法 第一条 …").
    const closed = CLOSED.test(before) || ((label.type === "article" || label.type === "chapter") && /[\s\u3000]/.test(before));
    const next = (local[label.type] ?? 0) + 1;
    // A (first) sub-item straight after a short heading of another level ("一、总体要求（一）指导思想").
    const continues = label.n === next;
    // The heading holds no sentence of its own: "1.提高…效能。建立分工明确、权责统一、协调高效的…" (西宁 2017) is a paragraph, its 一、 a word.
    const heading = line.slice(lastAt, at - 1);
    const firstAfterHeading =
      (label.n === 1 || continues) && lastType !== null && lastType !== label.type && at - lastAt <= HEADING_MAX && !/[。；;！!？?]/.test(heading);
    const restart = label.n === 1 && lastType !== null && lastType !== label.type;
    let ok: boolean;
    if (runOn) {
      // In a run-on line: numbering that continues, or a new level starting; sub-items in brackets only after a sentence.
      const minor = label.type === "numParen" || label.type === "circled";
      // "…现提出以下意见：一、拓宽外出就业渠道（一）…" (农民工 2020): a lead-in's colon before the first item of a level closes too.
      const leadIn = label.n === 1 && continues && /[：:]$/.test(before);
      ok = (continues || restart) && (closed || firstAfterHeading || leadIn) && (!minor || /[。；;]$/.test(before) || firstAfterHeading);
    } else {
      // In an ordinary line: only the next item of a main level, right after a closed sentence or bracket.
      // Or a heading run straight into its first sub-item: "一、总体要求（一）指导思想。…".
      const main = label.type === "zh" || label.type === "zhParen" || label.type === "num" || label.type === "article" || label.type === "chapter";
      ok = main && ((continues && closed) || (firstAfterHeading && lastType === lineLabel && cuts.length === 0));
    }
    if (!ok) continue;
    cuts.push({ at, type: label.type, n: label.n });
    local[label.type] = label.n;
    lastType = label.type;
    lastAt = at;
  }
  return cuts;
}

/** Split lines before items that start inside them; numbering state runs through the document. */
export function splitInlineItems(lines: string[]): string[] {
  const out: string[] = [];
  const seen: Counters = {};
  for (const line of lines) {
    const own = parseLabel(line.trimStart());
    if (own) seen[own.type] = own.n;
    if (line.length < 20 || line.includes("\t")) {
      out.push(line);
      continue;
    }
    const runOn = line.length >= RUN_ON_MIN;
    let cuts = cutsIn(line, seen, runOn, own?.type ?? null);
    // A long paragraph with one stray label is an ordinary paragraph: the strict rule applies.
    if (runOn && cuts.length < 2) cuts = cutsIn(line, seen, false, own?.type ?? null);
    if (runOn) cuts.push(...signatureCuts(line), ...afterAssignmentCuts(line));
    if (own || cuts.length > 0) cuts.push(...closingCuts(line));
    cuts.sort((a, b) => a.at - b.at);
    applyCuts(line, cuts, out, seen);
  }
  return out;
}

// A signature run on after the last sentence: "…（此件公开发布）" / "…。国务院办公厅2020年7月15日".
// Several signers run together: "…认真贯彻落实。河北省人力资源和社会保障厅河北省发展和改革委员会…河北省妇联2024年8月26日（此件主动公开）"
// (冀人社发〔2024〕24号), "…按职责分工负责）国家发展改革委教育部…国家乡村振兴局2021年8月24日" (人社部等20部门 2021).
const SIGNATURE = /(?<=[。)）])((?:[\u4e00-\u9fff]{2,40}?(?:办公厅|办公室|人民政府|委员会|领导小组|局|厅|部|委|院|会|联|办)){1,24})?(\d{4}年\d{1,2}月\d{1,2}日)(?=$|[(（]此件|[(（]?[\u4e00-\u9fff]{0,6}公开)/g;

function signatureCuts(line: string): Cut[] {
  const cuts: Cut[] = [];
  SIGNATURE.lastIndex = 0;
  for (let m; (m = SIGNATURE.exec(line)); ) {
    cuts.push({ at: m.index, type: "break", n: 0 });
    // signers run together, one a line ("河北省人力资源和社会保障厅河北省发展和改革委员会…")
    let at = m.index;
    if (m[1]) for (const signer of splitSigners(m[1])) cuts.push({ at: (at += signer.length), type: "break", n: 0 });
    const end = m.index + m[0].length;
    if (end < line.length) cuts.push({ at: end, type: "break", n: 0 });
  }
  return cuts;
}

// An assignment bracket closing an item: what follows it starts a paragraph of its own (a closing provision, say).
const ASSIGNMENT_END = /[(（][^()（）]{0,300}?(?:牵头|负责|责任单位|责任部门|配合)[^()（）]{0,60}[)）](?=[ \u3000]*[\u4e00-\u9fff])/g;

function afterAssignmentCuts(line: string): Cut[] {
  const cuts: Cut[] = [];
  ASSIGNMENT_END.lastIndex = 0;
  for (let m; (m = ASSIGNMENT_END.exec(line)); ) cuts.push({ at: m.index + m[0].length, type: "break", n: 0 });
  return cuts;
}

/** A closing provision run on after an item's last sentence ("…内生动力。各地区、各部门要充分认识…"). */
function closingCuts(line: string): Cut[] {
  const cuts: Cut[] = [];
  for (let at = line.indexOf("。"); at >= 0 && at < line.length - 1; at = line.indexOf("。", at + 1))
    if (CLOSING_PROVISION.test(line.slice(at + 1, at + 80).replace(/^[\s\u3000]+/, "")) && !endsWithAssignment(line.slice(at + 1)))
      cuts.push({ at: at + 1, type: "break", n: 0 });
  return cuts;
}

function applyCuts(line: string, cuts: Cut[], out: string[], seen: Counters): void {
  let from = 0;
  for (const c of cuts) {
    if (c.at <= from) continue;
    out.push(line.slice(from, c.at));
    from = c.at;
    if (c.type !== "break") seen[c.type] = c.n;
  }
  out.push(line.slice(from));
}

// "1突破大模型关键核心技术。" — an item number whose dot was lost: digits straight before a word that
// is no measure word or date part.
const LOST_DOT = /^(\s*)(\d{1,2})(?=[\u4e00-\u9fff])(?![年月日号个项家名人万亿元千百条款期批次届级岁天周倍种所台套座位吨亩米度分秒时点部类节章大万])/;

// "l、完善发现机制。…" over "2、依法快速处置。…" (上海 闵浦府〔2021〕68号 浦江镇, tests/data/unseen14a); "Pasal l" for "Pasal 1" (a
// cleaner of scanned Indonesian laws on GitHub): the item number 1 written as a Latin l (or I).
const MISREAD_ONE = /^(\s*)[lI](?=[、.．][\u4e00-\u9fff])/;

/** Read a Latin l/I as 1 where it numbers the first of a run whose next line opens with 2 and the same mark. */
function restoreMisreadOne(lines: string[]): string[] {
  return lines.map((l, i) => {
    const m = MISREAD_ONE.exec(l);
    if (!m) return l;
    const mark = l[m[0].length];
    const next = lines.slice(i + 1, i + 30).find((x) => /^\s*\d{1,2}\s*[、.．]/.test(x));
    return next && new RegExp(`^\\s*2\\s*${mark}`).test(next) ? l.replace(MISREAD_ONE, "$11") : l;
  });
}

/** Put the dot back on item numbers that lost it, where they number a run of lines 1, 2, 3 … */
export function restoreLostDots(input: string[]): string[] {
  const lines = restoreMisreadOne(input);
  const cands: { i: number; n: number }[] = [];
  lines.forEach((l, i) => {
    const m = LOST_DOT.exec(l);
    if (m) cands.push({ i, n: Number(m[2]) });
  });
  if (cands.length < 2) return lines;
  const out = lines.slice();
  cands.forEach((c, k) => {
    const prev = cands[k - 1];
    const next = cands[k + 1];
    if ((prev && prev.n === c.n - 1) || (next && next.n === c.n + 1)) out[c.i] = lines[c.i].replace(LOST_DOT, "$1$2.");
  });
  return out;
}
