// The curated words of index/data/similar-words.json (what each list is for: its _comment), and the
// alternation a list becomes in a regular expression.
import words from "../data/similar-words.json" with { type: "json" };

export const WORDS: Readonly<Omit<typeof words, "_comment">> = words;

/** `a|b|c` of `list`, in its order, each word literal. */
export function anyOf(list: readonly string[]): string {
  return list.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|");
}
