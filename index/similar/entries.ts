// The similarity index's input: every measure of a store with its document, and a measure's full text.
import type { Measure } from "../../extract/schema.ts";
import { storeDocuments } from "../search/source.ts";
import type { StoreEngine as Store } from "../store/engine.ts";
import type { SimilarityEntry } from "./types.ts";
import { squashWs } from "./words.ts";

/** A measure's title and text (the title put before a text that does not begin with it). */
export function fullText(m: Measure): string {
  const t = m.title ?? "";
  return t && !squashWs(m.text).startsWith(squashWs(t)) ? `${t}。${m.text}` : m.text;
}

/** Every measure of a store with its document reference. */
export function entriesFromStore(store: Store): SimilarityEntry[] {
  return [...storeDocuments(store)].flatMap(({ ref: doc, measures }) => measures.map((measure) => ({ measure, doc })));
}
