// Text indexes (flexsearch) of the measures' bodies and titles, and the postings of one token.
import { Index } from "flexsearch";
import { tokenize } from "./tokenizer.ts";
import { FlatTermMap } from "./flat/text-postings.ts";

export const PRE = "\u0001"; // content that starts with it is a list of tokens already cut, joined by it
export const RESOLUTION = 9;

export function encode(content: string): string[] {
  return content.charCodeAt(0) === 1 ? content.slice(1).split(PRE) : tokenize(content);
}

export function newTextIndex(): Index {
  return new Index({ encode, tokenize: "strict", resolution: RESOLUTION });
}

export type Slots = (number[] | null | undefined)[];

/** A posting list as searched: flexsearch's array, or a view of a restored index's snapshot (read only). */
export type PostingList = number[] | Int32Array;
export type PostingSlots = (PostingList | null | undefined)[];

/**
 * The postings of one token: one ascending id list per resolution slot (slot 0: the token comes first).
 * With `views`, a restored index's term that flexsearch has not made into arrays comes as views of the
 * snapshot's lists (for the native kernels; nothing copied), else as flexsearch's arrays.
 */
export function postings(index: Index, token: string, views = false): PostingSlots {
  const map = (index as unknown as { map: Map<string, Slots> }).map;
  if (views && map instanceof FlatTermMap) return map.read(token) ?? [];
  const r = index.search(PRE + token, { resolve: false });
  return (r.result ?? []) as unknown as Slots;
}
