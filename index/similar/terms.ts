// One notion of "a measure is on this topic", for the topics page and the comparison alike: a measure is
// on a term when its text (title and body, without unit lines) names one of the term's spellings.
// Spellings come from the curated topic terms (index/data/topic-terms.txt) and the synonym groups of
// search (index/data/synonyms.txt, when present); a spelling of two or three characters must stand as a
// word of the text (中试 is not found in 集中试点), a longer one anywhere.
import type { Measure } from "../../extract/schema.ts";
import { textTokens, substantiveText } from "./words.ts";
import { CURATED_TERMS, withSynonyms, type TermGroup } from "./term-data.ts";

export { CURATED_TERMS, isGenericPhrase, spellingsOf, type TermGroup } from "./term-data.ts";

/**
 * The term groups a subject text stands for: a curated topic when the text is its name or one of its
 * spellings (知产质押 → 知识产权质押), else each whitespace-separated part with its synonyms. A measure
 * is on the subject when it is on every group.
 */
export function termGroupsOf(text: string): TermGroup[] {
  const t = text.trim().toLowerCase();
  if (!t) return [];
  const whole = CURATED_TERMS.find((g) => g.name === t || g.spellings.includes(t));
  if (whole) return [whole];
  return t
    .split(/\s+/)
    .filter((p) => p.length >= 1)
    .map((p) => CURATED_TERMS.find((g) => g.name === p || g.spellings.includes(p)) ?? { name: p, spellings: withSynonyms([p]), curated: false });
}

/** A measure prepared for matching: its text without unit lines (no white space, lower case) and its words. */
export interface MatchText {
  title: string;
  text: string;
  tokens: ReadonlySet<string>;
}

export function matchText(m: Measure): MatchText {
  const squash = (s: string) => s.replace(/\s+/g, "").toLowerCase();
  const title = squash(substantiveText(m.title ?? ""));
  const text = squash(substantiveText(m.text));
  return { title, text, tokens: new Set([...textTokens(title), ...textTokens(text)]) };
}

export interface TermMatch {
  /** Occurrences of the group's spellings in the measure (title and text). */
  mentions: number;
  /** A spelling stands in the measure's title. */
  inTitle: boolean;
  /** The spellings found, longest first. */
  found: string[];
}

/** How a measure names a term group (null: not at all). */
function matchGroup(mt: MatchText, group: TermGroup): TermMatch | null {
  let mentions = 0;
  let inTitle = false;
  const found: string[] = [];
  for (const s of group.spellings) {
    if (s.length <= 3 && !mt.tokens.has(s)) continue;
    const n = count(mt.text, s) + count(mt.title, s);
    if (n === 0) continue;
    // a shorter spelling inside a longer one already counted (风险补偿 in 风险补偿金) adds nothing
    if (found.some((f) => f.includes(s))) continue;
    found.push(s);
    mentions += n;
    if (mt.title.includes(s)) inTitle = true;
  }
  return found.length ? { mentions, inTitle, found } : null;
}

/** How a measure names every group of a subject (null: one group is not named). */
export function matchAll(mt: MatchText, groups: readonly TermGroup[]): TermMatch | null {
  if (groups.length === 0) return null;
  let mentions = 0;
  let inTitle = false;
  const found: string[] = [];
  for (const g of groups) {
    const m = matchGroup(mt, g);
    if (!m) return null;
    mentions += m.mentions;
    inTitle ||= m.inTitle;
    found.push(...m.found);
  }
  return { mentions, inTitle, found };
}

function count(text: string, word: string): number {
  let n = 0;
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + word.length)) n++;
  return n;
}

/**
 * The curated term a measure is mainly about: the one its title names (most mentions first), else the
 * one its text names at least twice; null when neither. Comparing a measure compares this term.
 */
export function mainTermOf(m: Measure): TermGroup | null {
  const mt = matchText(m);
  let best: { g: TermGroup; inTitle: boolean; mentions: number } | null = null;
  for (const g of CURATED_TERMS) {
    const r = matchGroup(mt, g);
    if (!r) continue;
    if (!best || Number(r.inTitle) > Number(best.inTitle) || (r.inTitle === best.inTitle && r.mentions > best.mentions)) best = { g, inTitle: r.inTitle, mentions: r.mentions };
  }
  return best && (best.inTitle || best.mentions >= 2) ? best.g : null;
}
