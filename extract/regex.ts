// Regular expressions built from curated word lists (extract/data): each word is matched as written.

/** A word as a literal inside a regular expression: ( ) . * and the like lose their meaning. */
export const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Words as one alternation, each taken literally, in the order given. */
export const literalAlternation = (words: readonly string[]): string => words.map(escapeRegExp).join("|");
