// The title key-phrase channel: what a measure's title names, its last content words weighing most.
// Chinese titles are verb + object (加强组织领导, 强化安全监管, 健全标准与监管体系): the verbs and generic
// heads are boilerplate (index/data/boilerplate-words.txt), and of the words left the later ones are the
// object's head (监管 in 安全监管), the earlier ones its modifiers. Weighed by IDF among titles, the plan's
// theme discounted (vectors.ts, titleThemes), scaled by the largest weight of any title (channel.ts,
// "global"), so that two titles sharing a rare key phrase meet whatever else either says. No curated
// list: it serves the titles concept-groups.txt and topic-terms.txt do not know (similarity.ts; NOTES.md,
// sixth round).
import type { Measure } from "../../extract/schema.ts";
import type { DocRef } from "../schema.ts";
import { titleTerms } from "./words.ts";

/**
 * Raw key-phrase features of a title (word → weight): 1 for its first content word rising linearly to
 * 1 + headBoost for its last; a dictionary word inside a longer one at half its parent's weight.
 */
export function keyPhraseFeatures(m: Measure, doc: DocRef | null, headBoost: number): Map<string, number> {
  const terms = titleTerms(m, doc);
  const out = new Map<string, number>();
  const heads = terms.filter((t) => !t.sub).length;
  let k = -1;
  let parentWeight = 1;
  for (const { word, sub } of terms) {
    let w: number;
    if (sub) w = parentWeight / 2;
    else {
      k++;
      w = parentWeight = 1 + (heads > 1 ? (headBoost * k) / (heads - 1) : headBoost);
    }
    out.set(word, Math.max(out.get(word) ?? 0, w));
  }
  return out;
}
