// Labels: "牵头单位:科技局" lines and "(牵头单位:…;配合单位:…)" segments.
import unitLabels from "../../data/unit-labels.json" with { type: "json" };
import { isBody } from "../unit-aliases.ts";
import { CLOSE, CONVENTION_TAIL, LABEL_CLAUSE, labelItem, LIST_SEP, NOTE_TAIL, OPEN, parseClauses, splitList, TRIM_SEP, wholeName, type Hit, type Item, type Role } from "../unit-clauses.ts";
import { ENDS_WITH_SEP, NUMBERING_START } from "./patterns.ts";

// "牵头单位:", "牵头部门：", "责任单位(部门):", "负责部门:", "主要责任单位:", "指导部门:", "牵头考核单位:"
// (label words and their roles: data/unit-labels.json). White space may stand between the characters (PDF text).
const spaced = (w: string) => [...w].join("\\s*");
const LABEL_WORDS = (unitLabels.labels as { word: string; role: Role }[]).sort((a, b) => b.word.length - a.word.length);
const ROLE_OF_LABEL = new Map(LABEL_WORDS.map((l) => [l.word, l.role]));
const LABEL_SOURCE = `(${LABEL_WORDS.map((l) => spaced(l.word)).join("|")})\\s*(?:[(（]\\s*(?:单\\s*位|部\\s*门)\\s*[)）]\\s*)?[:：]`;
const LABEL_RE = new RegExp(LABEL_SOURCE, "g");
export const LABEL_TEST = new RegExp(LABEL_SOURCE);
// Other field labels of a task block: they end a label's value (数据提供单位 names who supplies a figure: 成都 2022).
const FIELD_RE =
  /(?:实施路径|进度安排|完成时限|完成时间|时间安排|时间节点|时限要求|工作措施|具体措施|工作目标|目标任务|主要任务|联系人|联系电话|联系方式|责任人|牵头领导|分管领导|预期成效|实施步骤|推进步骤|备注|适用范围|推广范围|实施范围|完成情况|进展情况|数据提供单位|数据来源单位)\s*[:：]/g;
const LABEL_END = new Set([":", "："]);
const CUT_NAME = /^(?:省|市|县|区)[\u4e00-\u9fff]{1,2}$/;
const CUT_NAME_LONG = /^(?:省|市|县|区|自治区)[\u4e00-\u9fff]{1,8}$/;

const cutName = (name: string, atEnd: boolean) =>
  (CUT_NAME.test(name) || (atEnd && CUT_NAME_LONG.test(name))) && !wholeName(name);

const roleOfLabel = (w: string): Role => ROLE_OF_LABEL.get(w.replace(/\s+/g, "")) ?? "responsible";

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

/** Is the label at `at` inside a bracket ((, （, 〔, [, 【) opened on its line (and never closed, the value having reached the text's end)? */
function cutBracket(text: string, at: number): boolean {
  const line = text.slice(text.lastIndexOf("\n", at - 1) + 1, at);
  let depth = 0;
  // Square brackets too: "[牵头单位:县发改局(粮食局)、县农业农" (嘉鱼 2021, cut at the source).
  for (const c of line) if (OPEN.has(c) || c === "[" || c === "【") depth++; else if (CLOSE.has(c) || c === "]" || c === "】") depth = Math.max(0, depth - 1);
  return depth > 0;
}

/** `atEnd`: the text is the last of the document, which ends where it ends (a stored copy cut at the source). */
export function labelHits(text: string, leadFirst: boolean, atEnd = false): Hit[] {
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
    const raw = text.slice(l.end, end).replace(/\s+/g, "").replace(TRIM_SEP, "").replace(NOTE_TAIL, "");
    // "责任单位：A、B，排名第1为牵头单位，下同" (河北 冀工信装〔2023〕127号): the convention closing the value after a comma is
    // no name (one in brackets after the last name, "市税务局(列第一位者为…,下同)", is dropped with the bracket).
    const conv = CONVENTION_TAIL.exec(raw);
    const head = conv ? raw.slice(0, conv.index) : "";
    const open = (head.match(/[(（〔[]/g) ?? []).length > (head.match(/[)）〕\]]/g) ?? []).length;
    const value = conv && /^[。；;，,]/.test(conv[0]) && !open ? head.replace(TRIM_SEP, "") : raw;
    if (!value) continue;
    const clauses = /牵头|配合|协助|协办|会同|负责/.test(value) ? parseClauses(value, l.start, leadFirst, true) : null;
    if (clauses) {
      // "牵头部门：财政部、银保监会、科技部、农业农村部按职责分工负责" (国科发农〔2020〕192号): with no lead named in the value,
      // its 负责 list keeps the label's role (each leads its part).
      if (l.role !== "responsible" && !clauses.some((h) => h.role === "lead")) for (const h of clauses) if (h.role === "responsible") h.role = l.role;
      hits.push(...clauses);
      continue;
    }
    // "责任单位：按照职责分工负责", "牵头单位：根据工作需要确定": a clause after the label names no unit (labelClauseWords).
    if (LABEL_CLAUSE.test(value)) continue;
    const items = splitList(value).map(labelItem).filter((x): x is Item => x !== null);
    // "(牵头单位:市人力资源社会保" and the text ends: a bracket cut at the source; its last name may be cut too.
    if (end === text.length && cutBracket(text, l.start) && items.length > 0 && !wholeName(items[items.length - 1].name)) items.pop();
    // "4.社会消费品零售总额增长6%左右。/ 牵头单位:区商" (渝中 2023), "责任单位:省发展改" (四川 川办函〔2017〕113号), the stored
    // copy ending there: a level word and a few characters that do not end like a body, last in the text, are a name cut at the
    // source (up to two characters after the level at any measure's end; longer ones only where the document ends).
    else if (end === text.length && items.length > 0 && cutName(items[items.length - 1].name, atEnd)) items.pop();
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
