// The search index over the real seeds: tokenizer, retrieval, filters, facets, ranking, highlighting and
// persistence, each checked against a brute-force reference (a plain scan of every measure that applies
// the same query tokens and the same filters).
import { describe, expect, it } from "vitest";
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { unitKey } from "../extract/fields/units.ts";
import { flattenLines, highlightAll, highlightSnippet } from "../index/search/highlight.ts";
import type { FacetValue, RegionNode, SearchQuery } from "../index/schema.ts";
import { MeasureIndex } from "../index/search/search.ts";
import { docRefOf, storeSource } from "../index/search/source.ts";
import { regionTree } from "../index/search/regions.ts";
import { Store } from "../index/store/store.ts";
import { addWords, queryTokens, tokenize } from "../index/search/tokenizer.ts";
import { collectFiles } from "../src/documents/ingest.ts";
import { CORPUS, CORPUS_EXTRA } from "./helpers/paths.ts";
import { docRefs, ingest, useSearchCorpus, query } from "./helpers/search-reference.ts";

const fx = useSearchCorpus("search");

describe("tokenizer", () => {
  it("keeps numbers and amounts whole", () => {
    const t = tokenize("2010年投入5000万元，总规模从2.2亿元扩大到2.5亿元，占比30%，补助3‰，２０１８年");
    for (const w of ["2010", "5000万元", "5000", "2.5亿元", "2.5", "30%", "3‰", "2018"]) expect(t).toContain(w);
    for (const w of ["2", "0", "1", "5", "."]) expect(t).not.toContain(w);
  });

  it("keeps policy terms and unit names whole, with their sub-words", () => {
    const text = "人行绵阳市中心支行推出科创贷，开展投贷联动，设立风险补偿金，推动知识产权质押，设立科技支行，落实尽职免责，提高不良贷款容忍度";
    const t = tokenize(text);
    for (const w of ["人行绵阳市中心支行", "科创贷", "投贷联动", "风险补偿金", "知识产权质押", "科技支行", "尽职免责", "不良贷款容忍度"]) expect(t).toContain(w);
    // Shorter words inside long ones are indexed too.
    for (const w of ["风险补偿", "知识产权", "人行", "容忍度"]) expect(t).toContain(w);
    // A dictionary word across two cut words is found as well (贷款风险|补偿金).
    expect(tokenize("知识产权质押贷款风险补偿金")).toContain("风险补偿");
  });

  it("drops stop words and punctuation, and is deterministic", () => {
    const text = "市财政局和市科技局等部门的工作，（一）加强“组织”领导！";
    const t = tokenize(text);
    for (const w of ["的", "和", "等", "，", "（", "“", "！"]) expect(t).not.toContain(w);
    expect(tokenize(text)).toEqual(t);
  });

  it("gives query terms their alias spellings and ignores question words", () => {
    const flat = (q: string) => queryTokens(q).flat();
    expect(flat("发改委")).toEqual(expect.arrayContaining(["发展改革委", "发展和改革委员会"]));
    expect(flat("人行")).toContain("人民银行");
    expect(flat("人民银行")).toContain("人行");
    expect(flat("银监局")).toContain("银保监局");
    expect(queryTokens("风险补偿金 谁牵头")).toEqual([["风险补偿金", "风险补偿基金", "风险补偿资金"]]);
    expect(queryTokens("风险补偿金 谁牵头", { synonyms: false })).toEqual([["风险补偿金"]]);
    expect(queryTokens("知识产权质押是什么", { synonyms: false })).toEqual([["知识产权质押"]]);
    expect(queryTokens("谁负责")).toEqual([]);
  });
});

describe("retrieval and ranking", () => {
  it("风险补偿 finds the risk-compensation measures of all four places, title matches first", () => {
    const { hits } = fx.same(query({ q: "风险补偿" }));
    // Every measure that says 风险补偿 is found (all five documents: 攀枝花 2016 and 2017, 绵阳, 山西, 平阳).
    const saying = fx.rows.filter((r) => (r.m.title ?? "").includes("风险补偿") || r.m.text.includes("风险补偿"));
    expect(new Set(hits.map((h) => h.measure.id))).toEqual(new Set(saying.map((r) => r.m.id)));
    const places = new Set(hits.map((h) => h.document.region.county ?? h.document.region.city ?? h.document.region.province));
    expect(places).toEqual(new Set(["攀枝花市", "绵阳市", "山西省", "平阳县"]));
    expect(new Set(hits.map((h) => h.document.id)).size).toBe(5);
    // The measures about risk compensation (in their title) come before those mentioning it in passing.
    const titled = hits.filter((h) => h.measure.title?.includes("风险补偿"));
    expect(titled.length).toBeGreaterThanOrEqual(4);
    expect(hits.slice(0, titled.length).every((h) => h.measure.title?.includes("风险补偿"))).toBe(true);
    expect(new Set(titled.map((h) => h.document.region.city ?? h.document.region.province))).toEqual(new Set(["攀枝花市", "绵阳市", "山西省"]));
  });

  it("知识产权质押: the top hits are about it in their title", () => {
    const { hits } = fx.same(query({ q: "知识产权质押" }));
    expect(hits.length).toBeGreaterThan(10);
    for (const h of hits.slice(0, 10)) expect(h.measure.title).toContain("知识产权质押");
  });

  it("人行 finds measures naming 人民银行, and 人民银行 finds those naming 人行", () => {
    const a = fx.same(query({ q: "人行" })).hits;
    expect(a.some((h) => h.measure.text.includes("人民银行") && !h.measure.text.includes("人行"))).toBe(true);
    const b = fx.same(query({ q: "人民银行" })).hits;
    expect(b.some((h) => h.measure.text.includes("人行") && !h.measure.text.includes("人民银行"))).toBe(true);
    expect(new Set(a.map((h) => h.measure.id))).toEqual(new Set(b.map((h) => h.measure.id)));
  });

  it("发改委 finds 发展改革委, 银监局 finds 银保监局", () => {
    const hits = fx.same(query({ q: "发改委" })).hits;
    expect(hits.some((h) => h.measure.text.includes("发展改革委") && !h.measure.text.includes("发改委"))).toBe(true);
    const reg = fx.same(query({ q: "银监局" })).hits;
    expect(reg.some((h) => h.measure.text.includes("银保监局") && !h.measure.text.includes("银监局"))).toBe(true);
  });

  it("all terms are required; question words are not", () => {
    const both = fx.index.search(query({ q: "风险补偿金 谁牵头" }));
    expect(both.tokens).toEqual(["风险补偿金", "风险补偿基金", "风险补偿资金"]);
    expect(both.total).toBe(fx.index.search(query({ q: "风险补偿金" })).total);
    expect(both.total).toBeGreaterThan(0);
    const and = fx.same(query({ q: "风险补偿 人行" }));
    expect(and.res.total).toBeLessThan(fx.index.search(query({ q: "风险补偿" })).total);
    expect(fx.index.search(query({ q: "风险补偿 量子纠缠" })).total).toBe(0);
  });

  it("an empty query lists measures by filters only, in document order", () => {
    const all = fx.allHits(query({}));
    expect(all.length).toBe(fx.rows.length);
    expect(all.map((h) => h.measure.id)).toEqual(fx.rows.map((r) => r.m.id));
    const res = fx.index.search(query({ city: "攀枝花市", limit: 5, offset: 3 }));
    expect(res.hits.map((h) => h.measure.id)).toEqual(fx.rows.filter((r) => r.doc.region.city === "攀枝花市").slice(3, 8).map((r) => r.m.id));
    fx.same(query({ city: "绵阳市" }));
  });

  it("pages: offset and limit cut the same ranked list", () => {
    const full = fx.index.search(query({ q: "科技", limit: 100 }));
    const page = fx.index.search(query({ q: "科技", limit: 7, offset: 5 }));
    expect(page.total).toBe(full.total);
    expect(page.hits.map((h) => h.measure.id)).toEqual(full.hits.slice(5, 12).map((h) => h.measure.id));
  });
});

describe("filters and facets against the brute-force reference", () => {
  const queries = ["", "风险补偿", "科技金融", "人行", "发改委", "融资担保", "知识产权", "贷款 贴息", "领导小组", "2.5亿元", "保险", "谁牵头"];
  const filters = (): Partial<SearchQuery>[] => {
    const docs = [...new Set(fx.rows.map((r) => r.doc.id))];
    return [
      {},
      { province: "四川省" },
      { city: "攀枝花市" },
      { county: "平阳县" },
      { province: "山西省" },
      { doc: docs[1] },
      // One document with places and dates: it passes them or nothing does.
      { doc: docs[1], province: "四川省" }, { doc: docs[1], province: "山西省" }, { doc: docs[1], from: "2000-01-01" }, { doc: docs[1], to: "2000-01-01" },
      { from: "2017-01-01" },
      { to: "2018-12-31" },
      { from: "2017-01-01", to: "2022-12-31" },
      { unit: "市财政局" },
      { unit: "财政局", role: "lead" },
      { unit: "人民银行" },
      { unit: "人行", role: "coop" },
      { unit: "发展和改革委员会" },
      { unit: "科技局", role: "responsible" },
      { role: "lead" },
      { province: "四川省", unit: "金融办", from: "2016-01-01", to: "2017-12-31" },
      { city: "绵阳市", unit: "市金融工作局", role: "responsible" },
    ];
  };

  it("every filter, alone and combined, with several queries", () => {
    let nonEmpty = 0;
    for (const q of queries)
      for (const f of filters()) {
        const { res } = fx.same(query({ q, ...f }));
        if (res.total) nonEmpty++;
      }
    expect(nonEmpty).toBeGreaterThan(100);
  });

  it("facets count the whole result set, not the page", () => {
    const res = fx.index.search(query({ q: "科技", limit: 1 }));
    expect(res.hits.length).toBe(1);
    const sum = (f: FacetValue[]) => f.reduce((n, v) => n + v.count, 0);
    expect(sum(res.facets.document)).toBe(res.total);
    expect(sum(res.facets.year)).toBe(res.total);
    for (const f of Object.values(res.facets)) for (let i = 1; i < f.length; i++) expect(f[i].count).toBeLessThanOrEqual(f[i - 1].count);
  });

  it("region leaves and place entries shared between answers are frozen, and right in an index that numbers the places otherwise", () => {
    const leaves = (nodes: RegionNode[]): RegionNode[] => nodes.flatMap((n) => (n.children.length ? leaves(n.children) : [n]));
    const first = fx.index.search(query({ q: "科技" }));
    const again = fx.index.search(query({ q: "科技" }));
    expect(leaves(first.facets.region).length).toBeGreaterThan(3);
    expect(leaves(again.facets.region)).toEqual(leaves(first.facets.region));
    for (const n of [...leaves(first.facets.region), ...first.facets.county]) expect(Object.isFrozen(n)).toBe(true);
    // Another index may give a code to another place: a shared leaf is one of the same name.
    const parents = { cityProvince: Int32Array.of(-1, -1), countyProvince: Int32Array.of(-1, -1), countyCity: Int32Array.of(-1, -1) };
    const levels = { codes: [Int32Array.of(0, 1), new Int32Array(0), new Int32Array(0)], n: [2, 0, 0], counts: [Int32Array.of(3, 1), new Int32Array(2), new Int32Array(2)] };
    expect(regionTree(levels, ["甲省", "乙省"], parents).map((n) => [n.value, n.count])).toEqual([["甲省", 3], ["乙省", 1]]);
    expect(regionTree(levels, ["丙省", "丁省"], parents).map((n) => [n.label, n.count])).toEqual([["丙省", 3], ["丁省", 1]]);
    // The documents in reverse order give the places other codes: the same facets all the same.
    const other = new MeasureIndex({ source: storeSource(fx.store) });
    for (const id of fx.store.documentIds().reverse()) {
      const d = fx.store.getDocument(id)!;
      other.addDocument(docRefOf(d), d.measures);
    }
    for (const q of ["科技", "风险补偿", ""]) {
      const [a, b] = [other, fx.index].map((idx) => idx.search(query({ q })).facets);
      for (const f of ["region", "province", "city", "county", "year"] as const) expect(a[f], `${q} ${f}`).toEqual(b[f]);
    }
  });

  it("place filters accept names without their level suffix; unknown values find nothing", () => {
    expect(fx.index.search(query({ q: "科技", province: "四川" })).total).toBe(fx.index.search(query({ q: "科技", province: "四川省" })).total);
    expect(fx.index.search(query({ city: "攀枝花" })).total).toBe(fx.index.search(query({ city: "攀枝花市" })).total);
    expect(fx.index.search(query({ q: "科技", province: "西藏自治区" })).total).toBe(0);
    expect(fx.index.search(query({ unit: "不存在的单位" })).total).toBe(0);
    expect(fx.index.search(query({ doc: "0000000000000000" })).total).toBe(0);
  });
});

describe("highlighting", () => {
  it("marks Chinese terms in the title and a snippet around the first match", () => {
    const res = fx.index.search(query({ q: "风险补偿", limit: 20 }));
    const top = res.hits[0];
    expect(top.highlight.title).toContain("<mark>风险补偿</mark>");
    for (const h of res.hits) {
      expect(h.highlight.text).toContain("<mark>");
      const plain = h.highlight.text.replace(/<\/?mark>/g, "");
      expect(plain.replace(/^…|…$/g, "").length).toBeLessThanOrEqual(124);
    }
    const passing = res.hits.find((h) => !h.measure.title?.includes("风险补偿") && h.measure.text.indexOf("风险补偿") > 120)!;
    expect(passing).toBeDefined();
    expect(passing.highlight.text.startsWith("…")).toBe(true);
  });

  it("marks synonyms as found in the text", () => {
    const res = fx.index.search(query({ q: "发改委", limit: 50 }));
    expect(res.hits.some((h) => h.highlight.text.includes("<mark>发展改革委</mark>"))).toBe(true);
  });

  it("escapes HTML and marks without white space between words", () => {
    expect(highlightAll("<b>设立风险补偿金</b>&", ["风险补偿"])).toBe("&lt;b&gt;设立<mark>风险补偿</mark>金&lt;/b&gt;&amp;");
    expect(highlightAll("风险补偿金", ["风险补偿", "补偿金"])).toBe("<mark>风险补偿金</mark>");
    const long = "前".repeat(300) + "知识产权质押" + "后".repeat(300);
    const snip = highlightSnippet(long, ["知识产权质押"]);
    expect(snip).toMatch(/^…前+<mark>知识产权质押<\/mark>后+…$/);
    expect(snip.replace(/<\/?mark>|…/g, "").length).toBe(120);
    expect(highlightSnippet("没有匹配的文字", ["风险"])).toBe("没有匹配的文字");
  });

  it("flattens line breaks as the expression /\\s*\\n\\s*/g did, every kind of white space around them", () => {
    const parts = ["\n", "\r\n", " ", "\t", "\u3000", "\u00a0", "\u2028", "\ufeff", "\u200b", "x", "风险", "\n\n"];
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff);
    for (let k = 0; k < 2000; k++) {
      let s = "";
      for (let j = next() % 12; j > 0; j--) s += parts[next() % parts.length];
      expect(flattenLines(s)).toBe(s.replace(/\s*\n\s*/g, " "));
    }
    expect(flattenLines("第一条\n  第二条")).toBe("第一条 第二条");
  });

  it("merges many overlapping and nested matches, longest first at one start", () => {
    // Over 32 matches (the sorted path) and a few (the insertion path) must mark alike.
    const many = "风险补偿，".repeat(40);
    expect(highlightAll(many, ["风险", "险补", "补偿", "风险补偿"])).toBe("<mark>风险补偿</mark>，".repeat(40));
    expect(highlightAll("风险补偿，风险", ["风险", "风险补偿", "补"])).toBe("<mark>风险补偿</mark>，<mark>风险</mark>");
    expect(highlightAll("ＡＢ风险ab", ["ab"])).toBe("<mark>ＡＢ</mark>风险<mark>ab</mark>");
    expect(highlightAll("ＡＢ风险ab", ["风险"])).toBe("ＡＢ<mark>风险</mark>ab");
    expect(highlightAll("ＡＢ风险ab", ["Ｂ风"])).toBe("Ａ<mark>Ｂ风</mark>险ab");
  });
});

describe("units", () => {
  it("unitsMatching finds a unit by any alias, with counts", () => {
    const fgw = fx.index.unitsMatching("发展和改革委员会");
    expect(fgw.map((u) => u.key).sort()).toEqual(["山西发改委", "攀枝花发改委", "绵阳发改委"]);
    for (const u of fgw) {
      expect(u.count).toBeGreaterThan(0);
      expect(u.lead + u.coop + u.responsible).toBeGreaterThanOrEqual(u.count);
    }
    const pbc = fx.index.unitsMatching("人民银行");
    expect(pbc.map((u) => u.key)).toEqual(expect.arrayContaining(["人行攀枝花中心支行", "人行绵阳中心支行", "人行太原中心支行"]));
    const sum = fx.index.unitsMatching("人行").reduce((n, u) => n + u.count, 0);
    expect(sum).toBe(pbc.reduce((n, u) => n + u.count, 0));
    expect(fx.index.unitsMatching("").length).toBeGreaterThan(20);
  });

  it("measuresOfUnit groups what a unit leads, cooperates on or is responsible for by document, with deadlines", () => {
    const r = fx.index.measuresOfUnit("绵阳市财政局");
    expect(r.units.map((u) => u.key)).toEqual(["绵阳财政局"]);
    expect(r.documents.length).toBe(1);
    const ms = r.documents[0].measures;
    expect(ms.length).toBe(r.total);
    const expected = fx.rows.filter((x) => x.doc.region.city === "绵阳市" && x.m.units.some((u) => unitKey(u.canonical, x.doc.region) === "绵阳财政局"));
    expect(ms.map((m) => m.id)).toEqual(expected.map((x) => x.m.id));
    const tiexi = ms.find((m) => m.path === "二/(二)/5")!;
    expect(tiexi.roles).toEqual(["lead"]);
    expect(tiexi.deadlines.length).toBeGreaterThan(0);
    expect(fx.index.measuresOfUnit("不存在的单位").total).toBe(0);
  });
});

describe("updates", () => {
  it("removeDocument and addDocument change results, filters and facets alike", () => {
    const { ref, measures } = docRefs(fx.store).find((d) => d.ref.region.province === "山西省")!;
    const before = fx.index.search(query({ q: "风险补偿" })).total;
    expect(fx.index.removeDocument(ref.id)).toBe(true);
    expect(fx.index.removeDocument(ref.id)).toBe(false);
    const during = fx.index.search(query({ q: "风险补偿" }));
    expect(during.total).toBeLessThan(before);
    expect(during.facets.province.map((f) => f.value)).not.toContain("山西省");
    expect(fx.index.search(query({ doc: ref.id })).total).toBe(0);
    expect(fx.index.unitsMatching("山西银监局")).toEqual([]);
    fx.index.addDocument(ref, measures);
    expect(fx.index.search(query({ q: "风险补偿" })).total).toBe(before);
    fx.same(query({ q: "风险补偿", province: "山西省" }));
    // Adding the same document again replaces it.
    fx.index.addDocument(ref, measures);
    expect(fx.index.size.measures).toBe(fx.rows.length);
    fx.same(query({ q: "科技", unit: "省科技厅" }));
  });

  it("a word added to the dictionary later still finds the measures indexed before", () => {
    const m = fx.rows.find((r) => r.m.text.includes("金鼎担保公司"))!;
    expect(m).toBeDefined();
    addWords(["金鼎担保公司"]);
    expect(queryTokens("金鼎担保公司")).toEqual([["金鼎担保公司"]]);
    const res = fx.index.search(query({ q: "金鼎担保公司" }));
    expect(res.hits.map((h) => h.measure.id)).toContain(m.m.id);
    fx.same(query({ q: "金鼎担保公司" }));
  });
});

describe("persistence", () => {
  const probes = ["风险补偿", "人行", "知识产权质押", "", "科技 保险"];

  it("save and load round-trip", () => {
    const dir = join(fx.tmp, "index-a");
    fx.index.save(dir);
    const loaded = MeasureIndex.load(dir, fx.store);
    for (const q of probes)
      for (const f of [{}, { city: "绵阳市" }, { unit: "人民银行", role: "lead" as const }]) {
        const a = fx.index.search(query({ q, ...f }));
        const b = loaded.search(query({ q, ...f }));
        expect(b.total).toBe(a.total);
        expect(b.hits.map((h) => [h.measure.id, h.score, h.highlight])).toEqual(a.hits.map((h) => [h.measure.id, h.score, h.highlight]));
        expect(b.facets).toEqual(a.facets);
      }
    expect(loaded.unitsMatching("发改委")).toEqual(fx.index.unitsMatching("发改委"));
    expect(loaded.documentIds()).toEqual(fx.index.documentIds());
  });

  it("a stale or damaged copy is rebuilt from the store", async () => {
    const dir = join(fx.tmp, "index-b");
    fx.index.save(dir);
    expect(MeasureIndex.isStale(dir, fx.store)).toBe(false);
    // The store gains a document: the copy is stale, and load rebuilds (and saves) it.
    const extra = collectFiles([CORPUS_EXTRA]).files.find((f) => f.includes("guojia-2019-rongzi-danbao"))!;
    const s2 = new Store(join(fx.tmp, "data2"));
    await ingest(s2, [...collectFiles([CORPUS]).files, extra]);
    expect(MeasureIndex.isStale(dir, s2)).toBe(true);
    const rebuilt = MeasureIndex.load(dir, s2);
    expect(rebuilt.size.documents).toBe(6);
    expect(MeasureIndex.isStale(dir, s2)).toBe(false);
    expect(rebuilt.search(query({ q: "融资担保" })).total).toBeGreaterThan(fx.index.search(query({ q: "融资担保" })).total);
    // The store lost a document: the copy drops it.
    const s3 = new Store(join(fx.tmp, "data3"));
    await ingest(s3, collectFiles([CORPUS]).files.slice(1));
    const dir3 = join(fx.tmp, "index-d");
    fx.index.save(dir3);
    const fewer = MeasureIndex.load(dir3, s3);
    expect(fewer.size.documents).toBe(4);
    expect(fewer.documentIds()).toEqual(s3.listDocuments().map((d) => d.id).sort());
    expect(fewer.search(query({ q: "风险补偿" })).total).toBeLessThan(fx.index.search(query({ q: "风险补偿" })).total);
    expect(MeasureIndex.isStale(dir3, s3)).toBe(false);
    s3.close();
    // syncWith: an index brought in line with another store's documents.
    const synced = MeasureIndex.fromStore(fx.store);
    expect(synced.syncWith(s2)).toEqual({ added: rebuilt.documentIds().filter((id) => !fx.index.documentIds().includes(id)), removed: [], changed: [] });
    expect(synced.documentIds()).toEqual(rebuilt.documentIds());
    expect(synced.search(query({ q: "融资担保" })).total).toBe(rebuilt.search(query({ q: "融资担保" })).total);
    // A damaged column file: rebuilt rather than trusted.
    writeFileSync(join(dir, "search-index.bin"), "garbage");
    const again = MeasureIndex.load(dir, s2);
    expect(again.size).toEqual(rebuilt.size);
    // Missing: built and saved.
    const fresh = join(fx.tmp, "index-c");
    const built = MeasureIndex.load(fresh, s2);
    expect(existsSync(join(fresh, "search-index.json"))).toBe(true);
    expect(built.search(query({ q: "风险补偿" })).total).toBe(rebuilt.search(query({ q: "风险补偿" })).total);
    s2.close();
  });
});
