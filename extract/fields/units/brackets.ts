// Bracket phrases: "(山西银监局牵头,省科技厅、省金融办等配合)", "(A牵头)", "(C等配合)", and a bare list
// of government bodies in brackets closing an item.
import { cleanItem, isGroup, parseClauses, proseBody, splitList, type Hit } from "../unit-clauses.ts";
import { LABEL_TEST } from "./labels.ts";

// A bracket that assigns: a 牵头/配合 clause, "X会同Y", or "(A、B按职责分工负责)" / "(X负责)" ending the bracket.
const BRACKET_KEYWORD = /牵头|配合|协助|协办|会同|负责(?:落实|实施)?$|组织(?:落实|实施)$/;

const CONVENTION_TAIL = /[。；;，,]?(?:(?:列|排)(?:在|于)?(?:第一位|第1位|首位)|第一(?:个|家|位)?(?:单位|部门)?(?:为|是)牵头)[^。；;]*?(?:[，,]?下同)?[。]?$/;

// "…按职责分工负责；各市、县(市、区)人民政府组织落实。以下均需各市、县(市、区)人民政府负责，不再列出〕" (江苏
// 苏政办发〔2025〕45号): a note on all the tasks closing the bracket is not part of this assignment.
const NOTE_TAIL = /[。；;](?:以下均|以下各项均|具体任务均)[^。；;]*[。]?$/;

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

export function bracketHits(text: string, leadFirst: boolean): Hit[] {
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
