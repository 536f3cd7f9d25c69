// Similar measures on labelled topic groups (tests/data/topic-groups, NOTES.md), scored as the bench does
// (bench/similarity-groups.ts) on an index of corpus-extra alone, and the parts that lift them: focus area,
// neighbours' votes, title themes, title n-grams, the concept channel (index/data/concept-groups.txt).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Store } from "../index/store/store.ts";
import { DEFAULT_TUNING, SimilarityIndex, entriesFromStore } from "../index/similar/similarity.ts";
import { conceptFeatures, hasOwnBody, titleGrams } from "../index/similar/words.ts";
import { keyPhraseFeatures } from "../index/similar/keyphrase.ts";
import { Channel } from "../index/similar/channel.ts";
import { ROOT } from "./helpers/paths.ts";
import { loadSimilarCorpus, type SimilarCorpus } from "./helpers/similar-corpus.ts";
import { groupScores, loadGroups } from "../bench/similarity-groups.ts";

let corpus: SimilarCorpus;
let store: Store;
const id = (doc: string, path: string) => corpus.id(doc, path);

beforeAll(async () => {
  corpus = await loadSimilarCorpus();
  expect(corpus.refused).toEqual([]);
  store = corpus.store;
});

afterAll(() => corpus?.close());

describe("topic groups (corpus-extra, tests/data/topic-groups)", () => {
  // groups.json and heldout.json chose focus area's settings (fourth round), heldout2.json too in the fifth, whose
  // concept channel covers the areas of all four sets: heldout3.json was scored blind once before that coverage
  // (NOTES.md, fifth round); heldout4.json was labelled after the code and scored blind once. Scored under focus
  // area (the default). Sixth round: the key-phrase channel (keyphrase.ts) for titles no list knows, chosen on
  // all five sets (heldout4 no longer blind); heldout5.json labelled before it. Seventh round: concept lines for the
  // corpus's recurring title areas (bench/concept-coverage.ts), checked on all six sets (heldout4/5 no longer blind).
  // Eighth round: heldout6/7.json labelled blind (areas nobody listed); area's weights refitted by leave-one-set-out
  // cross-validation over the seven open sets (heldout7 locked until the end: scored at the start and the end only).
  // Ninth round: heldout8.json labelled blind (locked likewise); no change kept (NOTES.md). Tenth round: heldout9.json
  // likewise; a general synonym lexicon tried, not kept. Eleventh round: heldout10.json likewise (four groups: the
  // coverage list ran out); multi-area titles' own words as their own vote tried, not kept. Twelfth round: natural-dev.json,
  // groups seeded by random measures; concept lines for the general areas of the government information subject
  // classification (heldout7-10 floors raised with them). Thirteenth round: natural-dev2.json, ten more such groups (its own
  // seed order); focus area lets a document give more than three hits where they share the query's area (floors raised
  // with it). heldout11/12.json: natural groups labelled blind by others, scored at the start and the end of the
  // twelfth and thirteenth rounds only (0.619/0.620 -> 0.655/0.661 and 0.881/0.885 -> 0.907/0.923). Sixteenth round: natural-dev3.json,
  // a third natural development set (0.667/0.752); two public classifications as concept lines tried, none kept. Seventeenth round:
  // focus area's voters are the best hits sharing the query's area (heldout2 floors and heldout10's recall raised). Eighteenth
  // round: the body weighs 0.7 where the title names an area and the body says more (heldout2 precision, natural-dev2 and
  // natural-dev3 raised). Nineteenth round: an area named only as a word's modifier (创业 in 创业投资) counts half beside one named
  // in full (tests/similarity-word-heads.test.ts; heldout7/9/10 raised). Floors a little under the figures reached.
  const floors = {
    groups: { precision: 0.85, recall: 0.84 },
    heldout: { precision: 0.83, recall: 0.8 },
    heldout2: { precision: 0.82, recall: 0.83 },
    heldout3: { precision: 0.84, recall: 0.87 },
    heldout4: { precision: 0.58, recall: 0.65 },
    heldout5: { precision: 0.9, recall: 0.92 },
    heldout6: { precision: 0.24, recall: 0.28 },
    heldout7: { precision: 0.36, recall: 0.45 },
    heldout8: { precision: 0.7, recall: 0.75 },
    heldout9: { precision: 0.77, recall: 0.95 }, // 0.798 since the nineteenth round (0.759 after 0620745 trimmed a closing 附件 line)
    heldout10: { precision: 0.4, recall: 0.51 },
    "natural-dev": { precision: 0.69, recall: 0.7 },
    "natural-dev2": { precision: 0.77, recall: 0.72 },
    "natural-dev3": { precision: 0.66, recall: 0.74 },
    heldout11: { precision: 0.63, recall: 0.64 },
    heldout12: { precision: 0.88, recall: 0.9 },
    // session 28, labelled blind (natural, salts heldout13 / heldout14): start 0.790 / 0.787 and 0.764 / 0.763, end 0.790 / 0.786 and 0.760 / 0.761
    heldout13: { precision: 0.77, recall: 0.76 },
    heldout14: { precision: 0.74, recall: 0.74 },
  };
  let extraIndex: SimilarityIndex;
  beforeAll(() => {
    const extraDocs = new Set(store.listDocuments(1000).filter((d) => d.source.includes("corpus-extra")).map((d) => d.id));
    extraIndex = SimilarityIndex.build(entriesFromStore(store).filter((e) => extraDocs.has(e.doc.id)));
  });

  for (const set of ["groups", "heldout", "heldout2", "heldout3", "heldout4", "heldout5", "heldout6", "heldout7", "heldout8", "heldout9", "heldout10", "natural-dev", "natural-dev2", "natural-dev3", "heldout11", "heldout12", "heldout13", "heldout14"] as const) {
    it(`similar measures find the other members of a group (${set}.json): precision@5 and recall@10`, () => {
      const groups = loadGroups(set);
      expect(groups.length).toBeGreaterThanOrEqual(set === "groups" ? 8 : set === "heldout10" ? 4 : set === "heldout7" || set === "heldout8" || set === "heldout9" ? 5 : 6);
      const { precision, recall, queries, byGroup } = groupScores(extraIndex, groups, (doc, path) => id(doc, path), "area");
      console.log(`topic groups (${set}.json): precision@5 = ${precision.toFixed(3)}, recall@10 = ${recall.toFixed(3)} (${groups.length} groups, ${queries} query measures); ${byGroup.map((g) => `${g.id} ${g.precision.toFixed(2)}/${g.recall.toFixed(2)}`).join(", ")}`);
      // issue 16 targets 0.80 / 0.90 (on groups outside the repository) are not reached on both sets yet
      expect(precision).toBeGreaterThanOrEqual(floors[set].precision);
      expect(recall).toBeGreaterThanOrEqual(floors[set].recall);
    });
  }

  it("focus area lifts the topic groups over focus instrument on the same index", () => {
    for (const set of ["groups", "heldout"] as const) {
      const groups = loadGroups(set);
      const area = groupScores(extraIndex, groups, (doc, path) => id(doc, path), "area");
      const instrument = groupScores(extraIndex, groups, (doc, path) => id(doc, path), "instrument");
      expect(area.precision - instrument.precision, set).toBeGreaterThan(0.02);
      expect(area.recall - instrument.recall, set).toBeGreaterThan(0.01);
    }
    expect(extraIndex.tuningOf("area").voteWeight).toBeGreaterThan(extraIndex.tuningOf("instrument").voteWeight);
  });

  it("neighbours' votes and title themes lift the held-out groups over the same index without them", () => {
    const extraDocs = new Set(store.listDocuments(1000).filter((d) => d.source.includes("corpus-extra")).map((d) => d.id));
    const without = SimilarityIndex.build(entriesFromStore(store).filter((e) => extraDocs.has(e.doc.id)), { voteWeight: 0, titleThemeDiscount: 0 });
    expect(extraIndex.tuning.voteWeight).toBeGreaterThan(0);
    const groups = loadGroups("heldout");
    const a = groupScores(extraIndex, groups, (doc, path) => id(doc, path), "instrument");
    const b = groupScores(without, groups, (doc, path) => id(doc, path), "instrument");
    expect(a.precision - b.precision).toBeGreaterThan(0.01);
    expect(a.recall - b.recall).toBeGreaterThan(0.005);
  });

  it("the concept channel: titles naming one area in other words meet (技改 / 技术改造), and it lifts the groups", () => {
    const JN19 = "15_jinan-2019-xianjin-zhizao-shuzi-jingji";
    const SD22 = "32_shandong-2022-zhineng-zhizao";
    const a = id(JN19, "四/12"); // 支持重点技改项目建设
    const b = id(SD22, "二/(五)"); // 深化智能化技术改造
    const extraDocs = new Set(store.listDocuments(1000).filter((d) => d.source.includes("corpus-extra")).map((d) => d.id));
    const without = SimilarityIndex.build(entriesFromStore(store).filter((e) => extraDocs.has(e.doc.id)), { area: { ...extraIndex.tuning.area, conceptChannelWeight: 0 } });
    expect(extraIndex.tuningOf("area").conceptChannelWeight).toBeGreaterThan(0);
    expect(extraIndex.tuningOf("instrument").conceptChannelWeight).toBe(0);
    const rank = (ix: SimilarityIndex, q: string, x: string) => ix.similar(q, { limit: 100, focus: "area" }).findIndex((h) => h.measure.id === x);
    expect(rank(extraIndex, b, a)).toBeGreaterThanOrEqual(0);
    expect(rank(extraIndex, b, a)).toBeLessThan(rank(without, b, a) < 0 ? 100 : rank(without, b, a));
    for (const set of ["groups", "heldout", "heldout2"] as const) {
      const withIt = groupScores(extraIndex, loadGroups(set), (doc, path) => id(doc, path), "area");
      const off = groupScores(without, loadGroups(set), (doc, path) => id(doc, path), "area");
      expect(withIt.precision + withIt.recall - off.precision - off.recall, set).toBeGreaterThan(0.02);
    }
  });

  it("the key-phrase channel: titles no list knows meet on their key phrase (生态, 对接), and it lifts heldout4 without lowering the others", () => {
    const q = id("18_guojia-2024-weilai-chanye", "四/(四)/9"); // 构建产业生态
    const x = id("26_shandong-2023-xinyidai-xinxi-jishu", "三/(一)/3"); // 加快自主生态培育
    const q2 = id("14_guojia-2020-zhongxiao-qiye-shuzihua", "三/(三)"); // 组织供需对接
    const x2 = id("10_shandong-2023-zhizaoye-chuangxin-nengli", "二/(五)/17"); // 开展产学研精准对接活动
    const extraDocs = new Set(store.listDocuments(1000).filter((d) => d.source.includes("corpus-extra")).map((d) => d.id));
    const without = SimilarityIndex.build(entriesFromStore(store).filter((e) => extraDocs.has(e.doc.id)), { area: { ...extraIndex.tuning.area, keyPhraseWeight: 0 } });
    expect(extraIndex.tuningOf("area").keyPhraseWeight).toBeGreaterThan(0);
    expect(extraIndex.tuningOf("instrument").keyPhraseWeight).toBe(0);
    const rank = (ix: SimilarityIndex, a: string, b: string) => {
      const r = ix.similar(a, { limit: 100, focus: "area" }).findIndex((h) => h.measure.id === b);
      return r < 0 ? 100 : r;
    };
    expect(rank(extraIndex, q, x)).toBeLessThan(6); // 5th since 0620745 changed two corpus-extra measures' texts
    expect(rank(extraIndex, q, x)).toBeLessThan(rank(without, q, x));
    expect(rank(extraIndex, q2, x2)).toBeLessThan(rank(without, q2, x2));
    const withIt = groupScores(extraIndex, loadGroups("heldout4"), (doc, path) => id(doc, path), "area");
    const off = groupScores(without, loadGroups("heldout4"), (doc, path) => id(doc, path), "area");
    // sixth round +0.066 / +0.077; eighth round, with the concept channel at 0.5, +0.034 / +0.013 (NOTES.md)
    // 0.029 since 0620745 (two corpus-extra measures' texts, no similarity change)
    expect(withIt.precision - off.precision).toBeGreaterThan(0.025);
    expect(withIt.recall - off.recall).toBeGreaterThan(0.01);
    for (const set of ["groups", "heldout", "heldout2", "heldout3"] as const) {
      const a = groupScores(extraIndex, loadGroups(set), (doc, path) => id(doc, path), "area");
      const b = groupScores(without, loadGroups(set), (doc, path) => id(doc, path), "area");
      expect(a.precision + a.recall - b.precision - b.recall, set).toBeGreaterThan(-0.02);
    }
    // the object's head weighs most; a word inside a longer one at half its parent's weight
    const m = (title: string) => ({ id: "", path: "-", title, text: title, units: [], deadlines: [], targets: [] });
    const f = keyPhraseFeatures(m("健全标准与监管体系"), null, 2);
    expect(f.get("监管")).toBeGreaterThan(f.get("标准") ?? Infinity);
    expect(f.has("健全")).toBe(false);
    const g = keyPhraseFeatures(m("强化安全监管"), null, 2);
    expect(g.get("安全监管")).toBe(3);
    expect(g.get("监管")).toBe(1.5);
  });

  it("every word of index/data/concept-groups.txt occurs in the corpus, and no word is in two lines", () => {
    const texts = entriesFromStore(store).map((e) => `${e.measure.title ?? ""}。${e.measure.text}`.normalize("NFKC").toLowerCase().replace(/\s+/g, ""));
    const lines = readFileSync(join(ROOT, "index/data/concept-groups.txt"), "utf8").split(/\r?\n/).map((l) => l.replace(/#.*/, "").trim()).filter(Boolean);
    expect(lines.length).toBeGreaterThanOrEqual(30);
    const seen = new Set<string>();
    for (const line of lines) {
      for (const w of line.split(/\s+/).map((x) => x.normalize("NFKC").toLowerCase())) {
        expect(seen.has(w), w).toBe(false);
        seen.add(w);
        expect(texts.some((t) => t.includes(w)), w).toBe(true);
      }
    }
  });

  it("title n-grams bring together titles whose words are boilerplate or cut differently (基础|研究)", () => {
    const G60 = "11_shanghai-2025-g60-kechuang-zoulang";
    const MED = "20_shanghai-2025-gaoduan-yiliao-qixie";
    const a = id(G60, "一/(一)"); // 加强应用性基础研究
    const b = id(MED, "三/(一)/1"); // 加强基础研究和前沿技术攻关
    const other = id(MED, "三/(三)/8"); // 加强创新产品标准规范制定: 加强 only
    const entries = entriesFromStore(store).filter((e) => e.doc.id === corpus.docIdByName.get(G60) || e.doc.id === corpus.docIdByName.get(MED));
    const without = SimilarityIndex.build(entries, { titleGramWeight: 0 });
    const withGrams = SimilarityIndex.build(entries);
    expect(withGrams.tuning.titleGramWeight).toBeGreaterThan(0);
    const lift = (x: string, y: string) => withGrams.score(x, y) - without.score(x, y);
    expect(lift(a, b)).toBeGreaterThan(0.05);
    expect(lift(a, b)).toBeCloseTo(lift(b, a), 6);
    expect(lift(a, other)).toBeLessThan(lift(a, b) / 3);
    expect(titleGrams({ id: "", path: "-", title: "支持上海市集聚区建设（2025年底前）", text: "", units: [], deadlines: [], targets: [] }, { id: "d", title: "", docNumber: null, issuer: null, region: { province: "上海市", city: null, county: null }, date: null }, 3).has("上海")).toBe(false);
  });

  it("focus area: a document gives more than three hits only where each further one's title shares an area with the query (natural groups gather in a plan's chapter)", () => {
    // 人工智能＋社会治理 (青岛 AI plan): the 济南 AI plan's six 人工智能+X measures are in its natural group (natural-dev2.json)
    const q = id("27_qingdao-2024-rengong-zhineng", "二/(七)/8");
    const areasOf = (mid: string) => new Set(conceptFeatures(extraIndex.entry(mid)!.measure).keys());
    const qAreas = areasOf(q);
    expect(qAreas.size).toBeGreaterThan(0);
    const perDoc = (hits: { measure: { id: string }; document: { id: string } }[]) => {
      const out = new Map<string, string[]>();
      for (const h of hits) out.set(h.document.id, [...(out.get(h.document.id) ?? []), h.measure.id]);
      return out;
    };
    const area = perDoc(extraIndex.similar(q, { limit: 10, focus: "area" }));
    const crowded = [...area.values()].filter((ids) => ids.length > 3);
    expect(crowded.length).toBeGreaterThan(0);
    for (const ids of crowded) for (const mid of ids.slice(3)) expect([...areasOf(mid)].some((a) => qAreas.has(a)), mid).toBe(true);
    const jinan = extraIndex.entry(id("24_jinan-2024-rengong-zhineng", "二/(三)/9"))!.doc.id;
    expect(area.get(jinan)?.length ?? 0).toBeGreaterThan(3);
    // a caller's own cap, and focus instrument, keep three a document
    for (const hits of [extraIndex.similar(q, { limit: 10, focus: "area", maxPerDocument: 3 }), extraIndex.similar(q, { limit: 10, focus: "instrument" })]) {
      for (const ids of perDoc(hits).values()) expect(ids.length).toBeLessThanOrEqual(3);
    }
  });

  it("focus area: the neighbours' voters are the best hits whose titles name the query's area, and that lifts the open sets", () => {
    // a query titled after an area takes its votes from measures titled after it, not from its body's neighbours (NOTES.md, seventeenth round)
    expect(extraIndex.tuningOf("area").voteSharedArea).toBe(true);
    expect(extraIndex.tuningOf("instrument").voteSharedArea).toBe(false);
    const extraDocs = new Set(store.listDocuments(1000).filter((d) => d.source.includes("corpus-extra")).map((d) => d.id));
    // against its own round's baseline, the body at full weight on both sides: over titledBodyWeight it adds +0.0011 a query
    // and keeps the seed pairs above their floor (NOTES.md, eighteenth round)
    const entries = entriesFromStore(store).filter((e) => extraDocs.has(e.doc.id));
    const withVotes = SimilarityIndex.build(entries, { area: { ...DEFAULT_TUNING.area, titledBodyWeight: 1 } });
    const without = SimilarityIndex.build(entries, { area: { ...DEFAULT_TUNING.area, titledBodyWeight: 1, voteSharedArea: false } });
    let gain = 0;
    let n = 0;
    for (const set of ["groups", "heldout", "heldout2", "heldout3", "heldout4", "heldout5", "heldout6", "heldout7", "heldout8", "heldout9", "heldout10", "natural-dev", "natural-dev2", "heldout11", "heldout12"] as const) {
      const a = groupScores(withVotes, loadGroups(set), (doc, path) => id(doc, path), "area");
      const b = groupScores(without, loadGroups(set), (doc, path) => id(doc, path), "area");
      gain += ((a.precision + a.recall - b.precision - b.recall) / 2) * a.queries;
      n += a.queries;
    }
    console.log(`voters on the query's area: mean (precision@5 + recall@10) / 2 per query ${gain / n >= 0 ? "+" : ""}${(gain / n).toFixed(4)} over ${n} queries`);
    expect(gain / n).toBeGreaterThan(0.002);
  });

  it("focus area: where a title names an area and the body says more, the body weighs 0.7 against the title channels, and that lifts the open sets", () => {
    // a body drifts into neighbouring instruments; a measure that is its title alone keeps its weight (NOTES.md, eighteenth round)
    expect(extraIndex.tuningOf("area").titledBodyWeight).toBe(0.7);
    expect(extraIndex.tuningOf("instrument").titledBodyWeight).toBe(1);
    const m = (title: string, text: string) => ({ id: "d:1", path: "1", title, text, units: [], deadlines: [], targets: [] });
    expect(hasOwnBody(m("加快新食品原料挖掘", "加快新食品原料挖掘。以功能性蛋白、糖类、脂质开发为重点，兼顾微量营养素。"))).toBe(true);
    // 攀枝花 2016 三/(三)/5: one sentence and its units; its only area (考核评估, from 资产评估 / 价值评估) must not outweigh it
    const expertPool = "组建知识产权质押融资专家咨询队伍,建立由知识产权、资产评估、法律、财务、技术等方面专家组成的攀枝花市知识产权专家库";
    expect(hasOwnBody(m(expertPool, `${expertPool}。(牵头单位:市知识产权局;责任单位:市金融办)`))).toBe(false);
    expect(hasOwnBody(m("推动1~2家保险机构开展知识产权保险业务", "推动1~2家保险机构开展知识产权保险业务。"))).toBe(false);
    const extraDocs = new Set(store.listDocuments(1000).filter((d) => d.source.includes("corpus-extra")).map((d) => d.id));
    const without = SimilarityIndex.build(entriesFromStore(store).filter((e) => extraDocs.has(e.doc.id)), { area: { ...DEFAULT_TUNING.area, titledBodyWeight: 1 } });
    let gain = 0;
    let n = 0;
    for (const set of ["groups", "heldout", "heldout2", "heldout3", "heldout4", "heldout5", "heldout6", "heldout7", "heldout8", "heldout9", "heldout10", "natural-dev", "natural-dev2", "natural-dev3", "heldout11", "heldout12"] as const) {
      const a = groupScores(extraIndex, loadGroups(set), (doc, path) => id(doc, path), "area");
      const b = groupScores(without, loadGroups(set), (doc, path) => id(doc, path), "area");
      gain += ((a.precision + a.recall - b.precision - b.recall) / 2) * a.queries;
      n += a.queries;
    }
    console.log(`titles over bodies: mean (precision@5 + recall@10) / 2 per query ${gain / n >= 0 ? "+" : ""}${(gain / n).toFixed(4)} over ${n} queries`);
    expect(gain / n).toBeGreaterThan(0.002);
  });

  it("the concept channel: a title naming two areas meets the titles of each in full, as a title naming one would", () => {
    const t = (...areas: string[]) => new Map(areas.map((a) => [a, 1]));
    // 0 names two areas, 1-2 the first only, 3-4 the second only
    const raws = [t("智能制造", "技术改造"), t("智能制造"), t("智能制造"), t("技术改造"), t("技术改造")];
    const scoresOf = (ch: Channel, q: number) => {
      const scores = new Float64Array(raws.length);
      ch.accumulate(q, 1, scores, new Int32Array(raws.length), 0);
      return scores;
    };
    const max = new Channel(raws, 1, "l2", "max");
    const same = new Channel(raws, 1, "l2");
    expect(scoresOf(max, 0)[1]).toBeCloseTo(scoresOf(max, 2)[1], 6);
    expect(scoresOf(max, 0)[3]).toBeCloseTo(scoresOf(max, 4)[3], 6);
    expect(scoresOf(same, 0)[1]).toBeCloseTo(scoresOf(same, 2)[1] / Math.SQRT2, 6);
    // as a candidate the two-area title stays a cosine: a one-area query ranks it under the one-area titles
    expect(scoresOf(max, 1)[0]).toBeLessThan(scoresOf(max, 1)[2]);
  });

  it("held-out groups are other policies than the tuned ones, each across documents", () => {
    const tuned = new Set(loadGroups("groups").map((g) => g.id));
    const first = new Set(loadGroups("heldout").map((g) => g.id));
    const second = loadGroups("heldout2");
    const third = [...loadGroups("heldout3"), ...loadGroups("heldout4"), ...loadGroups("heldout5"), ...loadGroups("heldout6"), ...loadGroups("heldout7"), ...loadGroups("heldout8"), ...loadGroups("heldout9"), ...loadGroups("heldout10")];
    expect(second.reduce((n, g) => n + g.members.length, 0)).toBeGreaterThanOrEqual(60);
    expect(third.reduce((n, g) => n + g.members.length, 0)).toBeGreaterThanOrEqual(120);
    for (const g of second) expect(tuned.has(g.id) || first.has(g.id), g.id).toBe(false);
    for (const g of third) expect(tuned.has(g.id) || first.has(g.id) || second.some((x) => x.id === g.id), g.id).toBe(false);
    expect(new Set(third.map((g) => g.id)).size).toBe(third.length);
    for (const g of [...loadGroups("heldout"), ...second, ...third]) {
      expect(tuned.has(g.id), g.id).toBe(false);
      expect(new Set(g.members.map(([doc]) => doc)).size, g.id).toBeGreaterThanOrEqual(2);
      for (const [doc, path] of g.members) expect(extraIndex.entry(id(doc, path)), `${doc} ${path}`).not.toBeNull();
    }
  });
});
