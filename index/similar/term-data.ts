// The curated topic terms (index/data/topic-terms.txt), the synonym groups of search (index/data/synonyms.txt,
// read-only here), the policy-area concept groups (index/data/concept-groups.txt) and the noun phrases too
// general to be topics (index/data/topic-generic.txt): data only,
// shared by the matcher (terms.ts) and the similarity features (words.ts).
import { existsSync, readFileSync } from "node:fs";

export interface TermGroup {
  /** The name a clerk would write: 风险补偿, 科技支行 … */
  name: string;
  /** Every spelling that counts, the name included, longest first. */
  spellings: string[];
  /** From the curated topic list (else: a query or a noun phrase, with its synonyms). */
  curated: boolean;
}

const DATA_DIR = new URL("../data/", import.meta.url);

/** Lines of a data file as groups of words (blank lines and comments dropped; missing file: none). */
function readGroups(file: string): string[][] {
  const url = new URL(file, DATA_DIR);
  if (!existsSync(url)) return [];
  const out: string[][] = [];
  for (const line of readFileSync(url, "utf8").split(/\r?\n/)) {
    const body = line.replace(/#.*/, "").trim();
    if (!body) continue;
    // synonyms.txt may write a group as "a b", "a = b", "a, b", "a ↔ b" or "a → b"
    const words = body.split(/[\s,，=↔→⇄|、;；]+/).map((w) => w.trim().toLowerCase()).filter((w) => w.length >= 2);
    if (words.length) out.push(words);
  }
  return out;
}

const byLength = (a: string, b: string) => b.length - a.length || (a < b ? -1 : a > b ? 1 : 0);

/** Synonym groups of search (index/data/synonyms.txt), read-only here. */
export const SYNONYM_GROUPS: readonly (readonly string[])[] = readGroups("synonyms.txt");

/** Each synonym → the other words of its groups. */
const SYNONYMS: ReadonlyMap<string, readonly string[]> = (() => {
  const out = new Map<string, Set<string>>();
  for (const g of SYNONYM_GROUPS) {
    for (const w of g) {
      const s = out.get(w) ?? new Set<string>();
      for (const o of g) if (o !== w) s.add(o);
      out.set(w, s);
    }
  }
  return new Map([...out].map(([w, s]) => [w, [...s]]));
})();

/** The curated topics, in the data file's order, each with its synonyms' spellings too. */
export const CURATED_TERMS: readonly TermGroup[] = readGroups("topic-terms.txt").map(([name, ...rest]) => ({
  name,
  spellings: withSynonyms([name, ...rest]),
  curated: true,
}));

/**
 * Policy-area concept groups of similar measures (index/data/concept-groups.txt): broader than topics (an
 * area, not one instrument), so never topics of the topics page; name first, then the other spellings.
 */
export const CONCEPT_GROUPS: readonly { name: string; spellings: string[] }[] = readGroups("concept-groups.txt").map((g) => ({ name: g[0], spellings: [...g] }));

const GENERIC_WORDS = readGroups("topic-generic.txt").flat();
const GENERIC_EXACT = new Set(GENERIC_WORDS.filter((w) => !w.includes("*")));
const GENERIC_ENDS = GENERIC_WORDS.filter((w) => w.startsWith("*")).map((w) => w.slice(1));
const GENERIC_STARTS = GENERIC_WORDS.filter((w) => w.endsWith("*")).map((w) => w.slice(0, -1));

/** A noun phrase too general to be a topic (index/data/topic-generic.txt). */
export function isGenericPhrase(p: string): boolean {
  return GENERIC_EXACT.has(p) || GENERIC_ENDS.some((e) => p.endsWith(e)) || GENERIC_STARTS.some((s) => p.startsWith(s));
}

export function withSynonyms(words: string[]): string[] {
  const out = new Set(words.map((w) => w.toLowerCase()));
  for (const w of words) for (const s of SYNONYMS.get(w.toLowerCase()) ?? []) out.add(s);
  return [...out].sort(byLength);
}

/** The other spellings of a word (synonyms.txt and the curated topic lines that hold it). */
export function spellingsOf(word: string): string[] {
  const w = word.trim().toLowerCase();
  const curated = CURATED_TERMS.find((g) => g.name === w || g.spellings.includes(w));
  return curated ? [...curated.spellings] : withSynonyms([w]);
}

