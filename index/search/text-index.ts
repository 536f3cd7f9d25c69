// Text indexes (flexsearch) of the measures' bodies and titles, and the postings of one token.
import { Index } from "flexsearch";
import { tokenize } from "./tokenizer.ts";

export const PRE = "\u0001"; // content that starts with it is a list of tokens already cut, joined by it
export const RESOLUTION = 9;

export function encode(content: string): string[] {
  return content.charCodeAt(0) === 1 ? content.slice(1).split(PRE) : tokenize(content);
}

export function newTextIndex(): Index {
  return new Index({ encode, tokenize: "strict", resolution: RESOLUTION });
}

export type Slots = (number[] | null | undefined)[];

/** The postings of one token: one ascending id list per resolution slot (slot 0: the token comes first). */
export function postings(index: Index, token: string): Slots {
  const r = index.search(PRE + token, { resolve: false });
  return (r.result ?? []) as unknown as Slots;
}
