// Units of a measure (牵头 / 配合 / 责任单位) and their canonical names; docs/labelling.md, section Units.
// Explicit forms first (labels "牵头单位:…", bracket phrases "(A牵头,B等配合)"); prose forms ("X牵头",
// "X会同Y", "X负责") only when there is no explicit one. Pure functions, regexes compiled once.
import type { Region, Unit } from "../schema.ts";
import unitLabels from "../data/unit-labels.json" with { type: "json" };
import { expandAliases, isBody } from "./unit-aliases.ts";
import { canonicalUnit, prepareKnown, type Known } from "./unit-canonical.ts";
import { CLOSE, cleanItem, isGroup, labelItem, LIST_SEP, OPEN, parseClauses, proseBody, splitList, TRIM_SEP, type Hit, type Item, type Role } from "./unit-clauses.ts";

export { expandAliases };
export { canonicalUnit, unitKey } from "./unit-canonical.ts";

export type UnitContext = { region: Region; leadFirst: boolean; knownNames?: string[] };

// ---------------------------------------------------------------------------------------------
// Shared patterns

// "牵头单位:", "牵头部门：", "责任单位(部门):", "负责部门:", "主要责任单位:", "指导部门:", "牵头考核单位:"
// (label words and their roles: data/unit-labels.json). White space may stand between the characters (PDF text).
const spaced = (w: string) => [...w].join("\\s*");
const LABEL_WORDS = (unitLabels.labels as { word: string; role: Role }[]).sort((a, b) => b.word.length - a.word.length);
const ROLE_OF_LABEL = new Map(LABEL_WORDS.map((l) => [l.word, l.role]));
const LABEL_SOURCE = `(${LABEL_WORDS.map((l) => spaced(l.word)).join("|")})\\s*(?:[(（]\\s*(?:单\\s*位|部\\s*门)\\s*[)）]\\s*)?[:：]`;
const LABEL_RE = new RegExp(LABEL_SOURCE, "g");
const LABEL_TEST = new RegExp(LABEL_SOURCE);
// Other field labels of a task block: they end a label's value.
const FIELD_RE =
  /(?:实施路径|进度安排|完成时限|完成时间|时间安排|时间节点|时限要求|工作措施|具体措施|工作目标|目标任务|主要任务|联系人|联系电话|联系方式|责任人|牵头领导|分管领导|预期成效|实施步骤|推进步骤|备注|适用范围|推广范围|实施范围|完成情况|进展情况)\s*[:：]/g;
const NUMBERING_START = /^\s*(?:[一二三四五六七八九十]+\s*[、.．]|[(（]\s*[一二三四五六七八九十\d]+\s*[)）]|\d+\s*[.、．](?!\d)|[①-⑳]|第[一二三四五六七八九十百\d]+[章节条])/;
const LABEL_END = new Set([":", "："]);
const ENDS_WITH_SEP = /[、,，;；和及与]$/;

const roleOfLabel = (w: string): Role => ROLE_OF_LABEL.get(w.replace(/\s+/g, "")) ?? "responsible";

// ---------------------------------------------------------------------------------------------
// Labels: "牵头单位:科技局" lines and "(牵头单位:…;配合单位:…)" segments

/** Does a labelled value that reached a line break at `nl` go on to the next line? */
function continuesAfterBreak(text: string, from: number, nl: number, limit: number): boolean {
  let j = nl;
  while (j < limit && /\s/.test(text[j])) j++;
  if (j >= limit) return false;
  let lineEnd = text.indexOf("\n", j);
  if (lineEnd < 0 || lineEnd > limit) lineEnd = limit;
  const next = text.slice(j, Math.min(lineEnd, j + 200)).replace(/\s+/g, "");
  if (NUMBERING_START.test(next) || /[:：]/.test(next)) return false;
  // The value so far: only its last list item matters (bounded look-back).
  let i = nl - 1;
  while (i >= from && /\s/.test(text[i])) i--;
  if (i < from) return true; // "责任单位:" with the units on the next line
  if (ENDS_WITH_SEP.test(text[i])) return true;
  let k = i;
  while (k > from && i - k < 40 && !LIST_SEP.has(text[k - 1]) && !LABEL_END.has(text[k - 1])) k--;
  const lastPart = text.slice(k, i + 1).replace(/\s+/g, "");
  // A name broken across lines: "市财\n政局".
  if (isBody(lastPart)) return false;
  const chunk = /^[^、,，;；。(（)）]{1,10}/.exec(next)?.[0] ?? "";
  return chunk !== "" && isBody(lastPart + chunk);
}

/** End of a label's value: a closing bracket, 。, a line break (unless the list goes on), or `limit`. */
function labelValueEnd(text: string, from: number, limit: number): number {
  let depth = 0;
  for (let i = from; i < limit; i++) {
    const c = text[i];
    if (OPEN.has(c)) depth++;
    else if (CLOSE.has(c) || c === "】" || c === "]" || c === "〕") {
      if (depth === 0) return i;
      depth--;
    } else if (c === "。") return i;
    else if (c === "\n" && depth === 0 && !continuesAfterBreak(text, from, i, limit)) return i;
  }
  return limit;
}

function labelHits(text: string, leadFirst: boolean): Hit[] {
  const labels: { start: number; end: number; role: Role }[] = [];
  LABEL_RE.lastIndex = 0;
  for (let m; (m = LABEL_RE.exec(text)); ) labels.push({ start: m.index, end: m.index + m[0].length, role: roleOfLabel(m[1]) });
  if (labels.length === 0) return [];
  const bounds = labels.map((l) => l.start);
  FIELD_RE.lastIndex = 0;
  for (let m; (m = FIELD_RE.exec(text)); ) bounds.push(m.index);
  bounds.sort((a, b) => a - b);
  const hits: Hit[] = [];
  let b = 0;
  for (const l of labels) {
    while (b < bounds.length && bounds[b] < l.end) b++;
    const limit = b < bounds.length ? bounds[b] : text.length;
    const end = labelValueEnd(text, l.end, limit);
    const value = text.slice(l.end, end).replace(/\s+/g, "").replace(TRIM_SEP, "");
    if (!value) continue;
    const clauses = /牵头|配合|协助|协办|会同|负责/.test(value) ? parseClauses(value, l.start, leadFirst) : null;
    if (clauses) {
      hits.push(...clauses);
      continue;
    }
    const items = splitList(value).map(labelItem).filter((x): x is Item => x !== null);
    // In a 责任单位 list, a unit marked "(牵头)" or the first one (列第一位的为牵头单位) leads, the rest cooperate.
    const marked = l.role === "responsible" && items.some((it) => it.role === "lead");
    items.forEach((it, i) => {
      let role = it.role ?? l.role;
      if (!it.role && marked) role = "coop";
      else if (!it.role && l.role === "responsible" && leadFirst) role = i === 0 ? "lead" : "coop";
      hits.push({ role, name: it.name, pos: l.start });
    });
  }
  // "牵头单位：A，责任单位：B": once a lead is named, the other listed units cooperate.
  if (hits.some((h) => h.role === "lead")) for (const h of hits) if (h.role === "responsible") h.role = "coop";
  return hits;
}

// ---------------------------------------------------------------------------------------------
// Bracket phrases: "(山西银监局牵头,省科技厅、省金融办等配合)", "(A牵头)", "(C等配合)"

// A bracket that assigns: a 牵头/配合 clause, "X会同Y", or "(A、B按职责分工负责)" / "(X负责)" ending the bracket.
const BRACKET_KEYWORD = /牵头|配合|协助|协办|会同|负责(?:落实|实施)?$/;

const CONVENTION_TAIL = /[。；;，,]?(?:(?:列|排)(?:在|于)?(?:第一位|第1位|首位)|第一(?:个|家|位)?(?:单位|部门)?(?:为|是)牵头)[^。；;]*?(?:[，,]?下同)?[。]?$/;

/** Nothing but an optional 。 between position k and the end of the paragraph. */
function closesParagraph(text: string, k: number): boolean {
  let j = k;
  while (j < text.length && /[。；;.\s]/.test(text[j]) && text[j] !== "\n") j++;
  return j >= text.length || text[j] === "\n";
}

const GOVERNMENT = /^(?:[省市县区]|自治区|市委|省委|县委|区委)|(?:局|厅|委|办|政府|管委会)$/;

/**
 * "（市科委、市经济信息化委、市农业农村委）" closing an item: a bare list of government bodies in brackets
 * assigns the item to them (responsible; first lead, rest coop where the document says so).
 */
function bareListHits(content: string, pos: number, leadFirst: boolean): Hit[] {
  const items = splitList(content).map(cleanItem);
  if (items.length === 0 || items.some((it) => !it || !proseBody(it.name))) return [];
  const names = items.map((it) => it!.name);
  if (!names.some((n) => GOVERNMENT.test(n)) || names.some((n) => isGroup(n) && names.length === 1)) return [];
  return names.map((name, k) => ({ role: leadFirst ? (k === 0 ? "lead" : "coop") : "responsible", name, pos }));
}

function bracketHits(text: string, leadFirst: boolean): Hit[] {
  const hits: Hit[] = [];
  const stack: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    // 〔〕 too: "〔责任单位：省市场监管局〕" (四川 实施方案), "〔省发展改革委牵头〕".
    if (c === "(" || c === "（" || c === "〔") stack.push(i);
    else if ((c === ")" || c === "）" || c === "〕") && stack.length > 0) {
      const open = stack.pop()!;
      if (i - open > 400) continue;
      // "（A、B、C负责。列第一位者为牵头单位，下同）": the convention statement is not part of the assignment.
      const content = text.slice(open + 1, i).replace(/\s+/g, "").replace(CONVENTION_TAIL, "");
      if (LABEL_TEST.test(content)) continue;
      if (!BRACKET_KEYWORD.test(content)) {
        if (closesParagraph(text, i + 1)) hits.push(...bareListHits(content, open, leadFirst));
        continue;
      }
      const clauses = parseClauses(content, open, leadFirst);
      if (clauses) hits.push(...clauses);
    }
  }
  return hits;
}

// ---------------------------------------------------------------------------------------------
// Prose: "X牵头", "由X牵头", "X会同Y", "由X负责", "X按职责分工负责", "X等配合"

const PROSE_RE = /为总?牵头(?:单位|部门)|为(?:责任|配合)(?:单位|部门)|会同|按(?:照)?(?:职责|职能)(?:分工)?(?:分别)?负责|负责|牵头|配合|协助|共同参与|参加/g;
// "市工业和信息化局：负责…" — duties listed under a unit's name.
const DUTY_HEAD = /(?:^|[\n。；;])(?:[(（][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[.、．])?([^\n。；;：:，,()（）]{2,25})[:：](?=负责|牵头|承担|统筹|会同|指导|组织|做好|配合|协助)/g;
const HARD_STOP = new Set([..."。；;：:！!？?\n，,“”\"《》【】「」[]"]);
const TERMINAL = /[。；;：:！!？?）)”》」』…]$/;
const TAIL_ADVERB =
  /(?:等(?:有关|相关)?(?:单位|部门|机构)?)?(?:要|应|须|需|将|均|都)?(?:积极|主动|共同|分别|具体|各自|统一|全面|认真|切实)?$/;
const STRONG_MARKER = /(?<!自)由|请|要求|建议|同时|并|将|把|是/g;
const LEADING_VERBS = /^(?:鼓励|支持|推动|引导|明确|指导|督促|协调|组织|确定|指定|积极|主动|加强|推进|通过|依托|联合|另|还|也|均)+/;
const FORWARD_STOP =
  /加快|研究|制定|制订|做好|开展|推进|推动|组织(?!部)|负责|共同|联合(?!会)|建立|完善|落实|指导|督促|协调|加强|出台|修订|进行|实施|牵头|配合|抓好|审核|拟定|起草|印发|发布|及时|尽快|认真|积极|分别|统筹|提出|确定|召开|编制|设立|成立|筹建|组建|承担|办理|提供|给予|予以|按照|根据|依据|围绕|定期|每年|等|对|在|于|向|将|把|为|从|按|就|以|并|的/;

/** Measure text for prose: spaces out, lines broken inside a sentence joined, paragraph breaks kept. */
function proseText(text: string): string {
  let out = "";
  let prev = "";
  for (const raw of text.split("\n")) {
    const line = raw.replace(/\s+/g, "");
    if (!line) continue;
    if (out && !(prev.length >= 20 && !TERMINAL.test(prev) && !NUMBERING_START.test(line))) out += "\n";
    out += line;
    prev = line;
  }
  return out;
}

/** The unit at the end of a text chunk, with leading words ("…机制由", "鼓励") cut off. */
function trimLeading(s: string, known: Known): string {
  for (let i = 0; i < s.length - 1; i++) if (known.set.has(s.slice(i))) return s.slice(i);
  let cut = 0;
  STRONG_MARKER.lastIndex = 0;
  for (let m; (m = STRONG_MARKER.exec(s)); ) cut = m.index + m[0].length;
  return s.slice(cut).replace(LEADING_VERBS, "");
}

/** Units listed right before position k (the keyword). */
function unitsBefore(t: string, k: number, known: Known): string[] {
  let i = k - 1;
  const stop = Math.max(0, k - 80);
  while (i >= stop) {
    const c = t[i];
    if (CLOSE.has(c)) {
      // keep a short parenthesis inside a name: 各县(区)政府
      let o = i - 1;
      while (o >= i - 10 && o >= 0 && !OPEN.has(t[o]) && !CLOSE.has(t[o])) o--;
      if (o < 0 || !OPEN.has(t[o])) break;
      i = o - 1;
      continue;
    }
    if (OPEN.has(c) || HARD_STOP.has(c)) break;
    i--;
  }
  const seg = t.slice(i + 1, k).replace(TAIL_ADVERB, "");
  if (!seg) return [];
  const items = splitList(seg);
  const out: string[] = [];
  for (let j = items.length - 1; j >= 0; j--) {
    const it = cleanItem(items[j]);
    if (!it) break;
    const name = trimLeading(it.name, known);
    if (!proseBody(name)) break;
    out.unshift(name);
    if (name !== it.name) break; // words before it: the list starts here
  }
  return out;
}

/** The unit at the start of a chunk ("市金融工作局加快修订…" → 市金融工作局). */
function headName(s: string, known: Known): string | null {
  for (let i = s.length; i >= 2; i--) if (known.set.has(s.slice(0, i))) return s.slice(0, i);
  const stop = FORWARD_STOP.exec(s);
  const region = s.slice(0, Math.min(stop ? stop.index : s.length, 25));
  for (let i = region.length; i >= 2; i--) {
    const cand = region.slice(0, i);
    if (proseBody(cand)) return cand;
  }
  return null;
}

/** Units listed right after position e (after 会同). */
function unitsAfter(t: string, e: number, known: Known): string[] {
  let i = e;
  const stop = Math.min(t.length, e + 80);
  while (i < stop) {
    const c = t[i];
    if (OPEN.has(c)) {
      let o = i + 1;
      while (o <= i + 10 && o < t.length && !OPEN.has(t[o]) && !CLOSE.has(t[o])) o++;
      if (o >= t.length || !CLOSE.has(t[o])) break;
      i = o + 1;
      continue;
    }
    if (CLOSE.has(c) || HARD_STOP.has(c)) break;
    i++;
  }
  const items = splitList(t.slice(e, i));
  const out: string[] = [];
  for (let j = 0; j < items.length; j++) {
    const it = cleanItem(items[j]);
    if (!it) break;
    if (j < items.length - 1 && proseBody(it.name)) {
      out.push(it.name);
      continue;
    }
    const h = headName(it.name, known);
    if (h) out.push(h);
    break;
  }
  return out;
}

function proseHits(text: string, known: Known): Hit[] {
  const t = proseText(text);
  const hits: (Hit & { duty: boolean; weak?: boolean })[] = [];
  PROSE_RE.lastIndex = 0;
  for (let m; (m = PROSE_RE.exec(t)); ) {
    const kw = m[0];
    const k = m.index;
    const e = k + kw.length;
    const after = t.slice(e, e + 2);
    if (kw === "负责" && /^(?:人|同志|任|制)/.test(after)) continue;
    if (kw === "牵头" && /^(?:单位|部门|人|者|领导)/.test(after)) continue;
    const xs = unitsBefore(t, k, known);
    if (kw.startsWith("为")) {
      // "X为总牵头单位，Y为责任单位"
      const role: Role = kw.includes("牵头") ? "lead" : kw.includes("配合") ? "coop" : "responsible";
      for (const name of xs) hits.push({ role, name, pos: k, duty: role === "responsible" });
    } else if (kw === "牵头" || kw === "会同") {
      for (const name of xs) hits.push({ role: "lead", name, pos: k, duty: false });
      if (kw === "会同" && xs.length > 0)
        for (const name of unitsAfter(t, e, known)) hits.push({ role: "coop", name, pos: e, duty: false });
    } else if (kw === "配合" || kw === "协助") {
      // "Y配合X…": Y cooperates; X, named right after, is the one helped (it leads).
      const helped = xs.length > 0 ? unitsAfter(t, e, known) : [];
      for (const name of xs) hits.push({ role: "coop", name, pos: k, duty: false });
      for (const name of helped) hits.push({ role: "lead", name, pos: e, duty: false });
    } else if (kw === "共同参与" || kw === "参加") {
      // Only beside a named lead ("由X牵头，Y、Z参加"): 参加 alone is no assignment.
      for (const name of xs) hits.push({ role: "coop", name, pos: k, duty: false, weak: true });
    } else {
      for (const name of xs) hits.push({ role: "responsible", name, pos: k, duty: true });
    }
  }
  DUTY_HEAD.lastIndex = 0;
  for (let m; (m = DUTY_HEAD.exec(t)); ) {
    const name = m[1];
    if (!proseBody(name)) continue;
    const role: Role = t.startsWith("牵头", m.index + m[0].length) ? "lead" : "responsible";
    hits.push({ role, name, pos: m.index, duty: role === "responsible" });
  }
  const leads = new Set(hits.filter((h) => h.role === "lead").map((h) => h.name));
  const out: Hit[] = [];
  for (const h of hits) {
    if (h.role !== "lead" && leads.has(h.name)) continue;
    if (h.weak && leads.size === 0) continue;
    out.push({ role: h.duty && leads.size > 0 ? "coop" : h.role, name: h.name, pos: h.pos });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Public API

function toUnits(hits: Hit[], ctx: UnitContext): Unit[] {
  const seen = new Set<string>();
  const out: Unit[] = [];
  for (const h of hits) {
    const key = h.role + "\u0000" + h.name;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ role: h.role, name: h.name, canonical: canonicalUnit(h.name, ctx.region, ctx.knownNames) });
  }
  return out;
}

/** Units of one measure's text (or of one sentence). */
export function extractUnits(text: string, ctx: UnitContext): Unit[] {
  const explicit = [...labelHits(text, ctx.leadFirst), ...bracketHits(text, ctx.leadFirst)];
  if (explicit.length > 0) {
    explicit.sort((a, b) => a.pos - b.pos); // stable: list order kept within one label or bracket
    return toUnits(explicit, ctx);
  }
  return toUnits(proseHits(text, prepareKnown(ctx.knownNames)), ctx);
}

const LEAD_FIRST_RE =
  /(?:列|排|排名|位列)(?:在|于)?(?:第一位|第1位|首位|第一)(?:的|者)?(?:单位|部门)?(?:为|是)(?:牵头|主办|主责)|第一(?:个|家|位)?(?:单位|部门)?(?:为|是)牵头|(?:牵头单位|牵头部门)(?:为|是)?(?:列|排)(?:在|于)?(?:第一位|首位)/;

/** The document says that the first listed unit leads (列第一位的为牵头单位). */
export function statesLeadFirst(documentText: string): boolean {
  return LEAD_FIRST_RE.test(documentText.replace(/\s+/g, ""));
}

/** Split a cell on line breaks that separate units; join those that break a name ("市财\n政局"). */
// A cell line that can only be the tail of a name broken across lines ("人行绵阳市中心\n支行").
const TAIL_ONLY = /^(支行|分行|分局|分公司|公司|办公室|委员会|管委会|工作局|监管局|中心支行)$/;

function joinCellLines(cell: string, known: Known): string {
  const lines = cell
    .split(/\r?\n/)
    .map((l) => l.replace(/\s+/g, ""))
    .filter(Boolean);
  let acc = lines[0] ?? "";
  for (const l of lines.slice(1)) {
    const cut = Math.max(...[...LIST_SEP].map((s) => acc.lastIndexOf(s)));
    const lastPart = acc.slice(cut + 1);
    const chunk = /^[^、,，;；]*/.exec(l)?.[0] ?? "";
    const join =
      ENDS_WITH_SEP.test(acc) ||
      known.set.has(lastPart + chunk) ||
      !isBody(lastPart) ||
      (lastPart.endsWith("委") && /^[员宣组统政办]/.test(l)) ||
      TAIL_ONLY.test(chunk);
    acc += join ? l : "、" + l;
  }
  return acc;
}

/** Units of a 任务分工表 row whose 牵头单位 and 配合单位 cells are given as text. */
export function extractTableRowUnits(lead: string, coop: string, ctx: UnitContext): Unit[] {
  const known = prepareKnown(ctx.knownNames);
  const hits: Hit[] = [];
  const cells: [string, Role, number][] = [
    [lead, "lead", 0],
    [coop, "coop", 1],
  ];
  for (const [cell, role, pos] of cells) {
    const value = joinCellLines(cell ?? "", known).replace(TRIM_SEP, "");
    if (!value) continue;
    const clauses = /牵头|配合|协助|协办|会同/.test(value) ? parseClauses(value, pos, ctx.leadFirst) : null;
    if (clauses) {
      hits.push(...clauses);
      continue;
    }
    for (const raw of splitList(value)) {
      const it = labelItem(raw);
      if (it) hits.push({ role: it.role ?? role, name: it.name, pos });
    }
  }
  return toUnits(hits, ctx);
}

