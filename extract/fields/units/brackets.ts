// Bracket phrases: "(山西银监局牵头,省科技厅、省金融办等配合)", "(A牵头)", "(C等配合)", and a bare list
// of government bodies in brackets closing an item.
import { cleanItem, CONVENTION_TAIL, isGroup, LIST_SEP, NOTE_TAIL, parseClauses, proseBody, splitList, STAND_IN, TRIM_SEP, wholeName, type Hit } from "../unit-clauses.ts";
import { isBody } from "../unit-aliases.ts";
import { LABEL_TEST } from "./labels.ts";

// A bracket that assigns: a 牵头/配合 clause, "X会同Y", or "(A、B按职责分工负责)" / "(X负责)" ending the bracket.
const BRACKET_KEYWORD = /牵头|配合|协助|协办|会同|负责(?:落实|实施)?$|组织(?:落实|实施)$/;


/** Nothing but an optional 。 between position k and the end of the paragraph. */
function closesParagraph(text: string, k: number): boolean {
  let j = k;
  while (j < text.length && /[。；;.\s]/.test(text[j]) && text[j] !== "\n") j++;
  return j >= text.length || text[j] === "\n";
}

// words naming where before 由 naming who: "技工院校内由…负责" (not 自由)
const SCOPE_BY = /^[^由，,；;。]+?(?<!自)由[^由]+负责$/;

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

/** `atEnd`: the text is the last of the document, which ends where it ends (a stored copy cut at the source). */
export function bracketHits(text: string, leadFirst: boolean, atEnd = false): Hit[] {
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
      const content = text.slice(open + 1, i).replace(/\s+/g, "").replace(CONVENTION_TAIL, "").replace(NOTE_TAIL, "");
      if (LABEL_TEST.test(content)) continue;
      // "（技工院校内由人力资源社会保障行政部门负责）" inside a sentence (国发〔2019〕4号 职业教育 二/(六), unseen15h2): a scope before 由 glosses
      // the sentence's own assignment; it is read with the prose ("由X负责"), not as the item's
      if (SCOPE_BY.test(content) && /^[，,]/.test(text.slice(i + 1, i + 2))) continue;
      if (!BRACKET_KEYWORD.test(content)) {
        // "各县(市、区)政府(管委会)" (许昌 2020): a government's stand-in after its name is part of the name, not a list.
        if (STAND_IN.test(content) && /政府$/.test(text.slice(Math.max(0, open - 2), open))) continue;
        if (closesParagraph(text, i + 1) && !secondName(text, open, content)) hits.push(...bareListHits(content, open, leadFirst));
        continue;
      }
      const clauses = parseClauses(content, open, leadFirst);
      if (clauses) hits.push(...clauses);
    }
  }
  if (atEnd && stack.length > 0) hits.push(...cutBracketHits(text, stack[stack.length - 1], leadFirst));
  return hits;
}

// A body's second name in brackets right after it (SECOND_NAME) is part of its name, not a bare list.
function secondName(text: string, open: number, content: string): boolean {
  if (!isBody(content)) return false;
  let j = open;
  while (j > 0 && !/[、，,；;：:（(〔\s。]/.test(text[j - 1])) j--;
  return j < open && isBody(text.slice(j, open));
}

/**
 * A bracket cut at the source: opened on the document's last line and never closed ("…(市人力资源社会保障局、市医保局、市"
 * and the stored copy ends, 东莞 东府〔2020〕51号). Read as if closed, with only whole names: a last item that does not end
 * like a body is dropped. Its verb may be cut too: a list after a named lead can only cooperate ("…,省发展改革委牵头,
 * 省工业和信息化厅、省", 湖南 湘政发〔2019〕1号); a bare list of government bodies is responsible, as when closed.
 */
function cutBracketHits(text: string, open: number, leadFirst: boolean): Hit[] {
  const rest = text.slice(open + 1);
  if (rest.length > 400 || /\n\s*\S/.test(rest)) return [];
  let content = rest.replace(/\s+/g, "");
  let k = content.length;
  while (k > 0 && !LIST_SEP.has(content[k - 1])) k--;
  const last = content.slice(k);
  if (last && !wholeName(last)) content = content.slice(0, k);
  content = content.replace(TRIM_SEP, "");
  if (!content || LABEL_TEST.test(content)) return [];
  if (!BRACKET_KEYWORD.test(content)) return bareListHits(content, open, leadFirst);
  const clauses = parseClauses(content, open, leadFirst);
  if (clauses) return clauses;
  return /牵头/.test(content) ? parseClauses(`${content}配合`, open, leadFirst) ?? [] : [];
}
