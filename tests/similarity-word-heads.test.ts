// The concept channel reads where an area's word stands in the title's words (index/similar/word-heads.ts):
// Chinese compounds are right-headed, so an area named only as the modifier of a longer word (创业 in 创业投资,
// venture capital; 试点 in 试点经验) counts less beside an area the title names in full (NOTES.md, nineteenth round).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Store } from "../index/store/store.ts";
import { SimilarityIndex, entriesFromStore } from "../index/similar/similarity.ts";
import { conceptFeatures } from "../index/similar/words.ts";
import { preciseWords, termPlace } from "../index/similar/word-heads.ts";
import { loadSimilarCorpus, type SimilarCorpus } from "./helpers/similar-corpus.ts";
import { groupScores, loadGroups } from "../bench/similarity-groups.ts";

let corpus: SimilarCorpus;
let store: Store;

beforeAll(async () => {
  corpus = await loadSimilarCorpus();
  store = corpus.store;
});

afterAll(() => corpus?.close());

const m = (title: string) => ({ id: "d:1", path: "1", title, text: title, units: [], deadlines: [], targets: [] });
const placeIn = (text: string, term: string) => termPlace(preciseWords(text), text.indexOf(term), text.indexOf(term) + term.length);

describe("word sense by the head of a compound (concept channel)", () => {
  it("a term is a word, a word's head, a run of words or a modifier inside a longer word", () => {
    expect(placeIn("引导信贷资金创业投资资金以及各类社会资金加大投入", "创业")).toBe("modifier"); // 创业投资: venture capital
    expect(placeIn("营造良好的创新创业环境", "创业")).toBe("word");
    expect(placeIn("借鉴北京市服务业扩大开放综合试点经验", "试点")).toBe("modifier");
    expect(placeIn("开展知识产权质押融资试点", "试点")).toBe("word");
    expect(placeIn("支持区域重点产业科技成果转移转化", "科技成果转移转化")).toBe("word"); // a run of words
  });

  it("an area named only as a modifier weighs conceptModifierWeight; named in full somewhere in the title, 1", () => {
    // 上海 自贸 text (corpus-extra): the title is about foreign investment (外商投资), not pilots or talent
    const title = "借鉴北京市服务业扩大开放综合试点经验，放宽外商投资建设工程设计企业外籍技术人员的比例要求、放宽人才中介机构限制";
    const f = conceptFeatures(m(title), 0.5);
    expect(f.get("外资")).toBe(1);
    expect(f.get("试点示范")).toBe(0.5);
    expect(f.get("人才")).toBe(0.5);
    expect([...conceptFeatures(m(title)).values()]).toEqual([...f.keys()].map(() => 1)); // weight 1: as before
    expect(conceptFeatures(m("营造良好的创新创业环境"), 0.5).get("创新创业")).toBe(1);
    expect(conceptFeatures(m("开展知识产权质押融资试点"), 0.5).get("试点示范")).toBe(1);
  });

  it("modifiers at half weight lift the open sets against the same index with every area at 1", () => {
    const extraDocs = new Set(store.listDocuments(1000).filter((d) => d.source.includes("corpus-extra")).map((d) => d.id));
    const entries = entriesFromStore(store).filter((e) => extraDocs.has(e.doc.id));
    const withHeads = SimilarityIndex.build(entries);
    const flat = SimilarityIndex.build(entries, { conceptModifierWeight: 1 });
    let gain = 0;
    let n = 0;
    for (const set of ["groups", "heldout", "heldout2", "heldout3", "heldout4", "heldout5", "heldout6", "heldout7", "heldout8", "heldout9", "heldout10", "natural-dev", "natural-dev2", "natural-dev3", "heldout11", "heldout12"] as const) {
      const a = groupScores(withHeads, loadGroups(set), (doc, path) => corpus.id(doc, path), "area");
      const b = groupScores(flat, loadGroups(set), (doc, path) => corpus.id(doc, path), "area");
      gain += ((a.precision + a.recall - b.precision - b.recall) / 2) * a.queries;
      n += a.queries;
    }
    console.log(`modifiers at half weight: mean (precision@5 + recall@10) / 2 per query ${gain / n >= 0 ? "+" : ""}${(gain / n).toFixed(4)} over ${n} queries`);
    expect(gain / n).toBeGreaterThan(0.001);
  });
});
