// Citations: the 《titles》 and 文号 a document names (根据《…》（国发〔2017〕42号）, 落实《…》), and the
// keys that match them against documents of the library. Pure functions over text.
import { z } from "zod";
import { normalizeDocNumber } from "./doc-number.ts";

export const Citation = z.object({
  /** The cited title without 《》, as written; null for a 文号 cited alone. */
  title: z.string().nullable(),
  /** The cited 文号, normalised (国办发〔2016〕28号); null when only a title is cited. */
  docNumber: z.string().nullable(),
  /** The citation as written ("《…》（晋政办发〔2017〕148号）"). */
  text: z.string(),
});
export type Citation = z.infer<typeof Citation>;

const squash = (s: string) => s.replace(/[\s\u3000]+/g, "");
const TITLE_RE = /《([^《》]{2,120})》/g;
const DOC_NO = "[\\u4e00-\\u9fffA-Za-z]{1,12}[〔［\\[（(【﹝]\\d{4}[〕］\\]）)】﹞](?:第)?\\d{1,5}号";
const DOC_NO_RE = new RegExp(DOC_NO, "g");
const AFTER_TITLE = new RegExp(`^[（(](${DOC_NO})[）)]`);

/**
 * Comparable form of a title: white space, 《》〈〉 and quotes removed, full-width letters, digits and
 * brackets made ASCII (NFKC), dashes and tildes of year ranges made one "-".
 */
export function titleKey(title: string): string {
  return squash(title)
    .normalize("NFKC")
    .replace(/[《》〈〉“”"'‘’「」]/g, "")
    .replace(/[~〜～—–―‐－-]+/g, "-");
}

/** 文号 in the comparable form (brackets, spaces, full width and 第 do not matter). */
export function docNumberKey(n: string): string {
  return normalizeDocNumber(n).replace(/〔(\d{4})〕第/, "〔$1〕");
}

/** A 文号 without the words run into it ("…办公厅文件晋政办发〔2018〕67号", "文号平科〔2024〕65号"). */
export function bareDocNumber(s: string): string {
  const at = s.search(/[〔［\[（(【﹝]/);
  const issuer = s.slice(0, at).replace(/^.*(?:文件|文号|字号|发文|索引号|通知|意见|方案|办法|决定|规划|计划|的|和|及|与|根据|按照|依据|印发)/, "");
  return issuer.slice(-8) + s.slice(at);
}

/** The document's own title, or its headline around it ("关于印发X的通知" holds X). */
function isSelf(key: string, self: string | null): boolean {
  if (!self) return false;
  return key === self || (key.length >= 6 && self.includes(key)) || (self.length >= 6 && key.includes(self) && /^关于印发|^.{0,30}关于印发/.test(key));
}

/** 《》 around a document's name, not around a draft label or a single word (《征求意见稿》, 《方案》). */
function isDocumentTitle(title: string): boolean {
  return squash(title).length >= 4 && !/稿$/.test(title);
}

/**
 * The documents a text cites: every 《title》 (with the 文号 printed right after it, when there is one)
 * and every 文号 named alone, in order of first appearance, each once. The document's own title and
 * 文号 (`self`) are skipped, and so are a bare 文号 line that is the document's own heading.
 */
export function extractCitations(text: string, self: { title: string | null; docNumber: string | null } = { title: null, docNumber: null }): Citation[] {
  const flat = squash(text);
  const selfTitle = self.title ? titleKey(self.title) : null;
  const selfNo = self.docNumber ? docNumberKey(self.docNumber) : null;
  const out: Citation[] = [];
  const seen = new Set<string>();
  const covered: [number, number][] = [];
  const add = (c: Citation) => {
    const key = c.docNumber ?? `t:${titleKey(c.title ?? "")}`;
    const tkey = c.title ? `t:${titleKey(c.title)}` : null;
    if (seen.has(key) || (tkey && seen.has(tkey))) {
      // A title cited again with its 文号: keep the 文号 on the first entry.
      const prev = out.find((o) => o.title && c.title && titleKey(o.title) === titleKey(c.title));
      if (prev && !prev.docNumber && c.docNumber) {
        prev.docNumber = c.docNumber;
        seen.add(c.docNumber);
      }
      return;
    }
    seen.add(key);
    if (tkey) seen.add(tkey);
    out.push(c);
  };
  for (const m of flat.matchAll(TITLE_RE)) {
    const title = m[1];
    const rest = flat.slice(m.index + m[0].length);
    const no = AFTER_TITLE.exec(rest);
    const end = m.index + m[0].length + (no ? no[0].length : 0);
    covered.push([m.index, end]);
    const docNumber = no ? docNumberKey(bareDocNumber(no[1])) : null;
    if (isSelf(titleKey(title), selfTitle) || (docNumber && docNumber === selfNo) || !isDocumentTitle(title)) continue;
    add({ title, docNumber, text: flat.slice(m.index, end) });
  }
  for (const m of flat.matchAll(DOC_NO_RE)) {
    if (covered.some(([a, b]) => m.index >= a && m.index < b)) continue;
    const docNumber = docNumberKey(bareDocNumber(m[0]));
    if (!docNumber.match(/^[\u4e00-\u9fffA-Za-z]/) || (selfNo && docNumber.endsWith(selfNo))) continue;
    add({ title: null, docNumber, text: m[0] });
  }
  return out;
}

/**
 * Whether a citation names a library document: same 文号 (when both have one, only that decides: a
 * revised document keeps its predecessor's title under a new 文号), or the same title (after titleKey), or a
 * cited title that contains the document's whole title (《国务院关于印发新一代人工智能发展规划的通知》
 * names 新一代人工智能发展规划). Titles of fewer than 6 characters match only when equal.
 */
export function citationMatches(c: Pick<Citation, "title" | "docNumber">, doc: { title: string | null; docNumber: string | null }, keys: MatchKeys = KEYS): boolean {
  if (c.docNumber && doc.docNumber) return c.docNumber === keys.docNumber(doc.docNumber);
  if (!c.title || !doc.title) return false;
  const a = keys.title(c.title);
  const b = keys.title(doc.title);
  if (a === b) return true;
  return b.length >= 6 && a.includes(b);
}

/** The comparable forms citationMatches uses. */
export interface MatchKeys {
  title(s: string): string;
  docNumber(s: string): string;
}
const KEYS: MatchKeys = { title: titleKey, docNumber: docNumberKey };

/** titleKey and docNumberKey worked out once per text (matching every citation against every document). */
export function rememberedKeys(): MatchKeys {
  const memo = <T extends (s: string) => string>(f: T) => {
    const seen = new Map<string, string>();
    return (s: string) => {
      let k = seen.get(s);
      if (k === undefined) seen.set(s, (k = f(s)));
      return k;
    };
  };
  return { title: memo(titleKey), docNumber: memo(docNumberKey) };
}
