// Places never mixed (issue 15, item 7): units of a document whose place is unknown keep to that document
// ("市科技局（地区未识别：<title>）"), never merged with another document's or a known place's; national
// bodies still merge; the unit list and topics name the documents that lack a place.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { join } from "node:path";
import { canonicalUnit, unitKey } from "../extract/fields/units.ts";
import { unplacedLabel } from "../extract/fields/unit-canonical.ts";
import { extractFile } from "./helpers/extract.ts";
import { CORPUS_EXTRA, OWN_FIXTURES, SEEDS } from "./helpers/paths.ts";
import { startServer, uploadFile, type RunningServer } from "./helpers/server.ts";

const PLACES = join(OWN_FIXTURES, "places");
const MIANYANG_EXCERPT = join(PLACES, "jinrong-shitiao-excerpt.txt"); // from the 绵阳 seed
const JINAN_EXCERPT = join(PLACES, "shuzi-xianfeng-excerpt.txt"); // from a 济南 plan
const NO_PLACE = { province: null, city: null, county: null };
const unitsOf = (d: { measures: { units: { name: string; canonical: string }[] }[] }) => d.measures.flatMap((m) => m.units);

describe("units of documents without a place", () => {
  it("two real excerpts without a place keep their 市科技局 apart, each labelled with its title", async () => {
    const a = (await extractFile(MIANYANG_EXCERPT)).document;
    const b = (await extractFile(JINAN_EXCERPT)).document;
    for (const d of [a, b]) expect(d.region).toEqual(NO_PLACE);
    const ka = unitsOf(a).find((u) => u.name === "市科技局")!;
    const kb = unitsOf(b).find((u) => u.name === "市科技局")!;
    expect(ka.canonical).toBe("市科技局（地区未识别：金融支持科创企业全生命周期发展十条措施(试行)实施方案）");
    expect(kb.canonical).toBe("市科技局（地区未识别：加快数字化高质量发展打造数字先锋城市推进方案）");
    expect(unitKey(ka.canonical, a.region)).not.toBe(unitKey(kb.canonical, b.region));
    // Every local unit of the excerpt carries the label; none is left bare to merge with another city's.
    for (const u of unitsOf(a)) expect(u.canonical).toContain("（地区未识别：");
  });

  it("the same units with their place known get the place and never the label", async () => {
    const seed = (await extractFile(join(SEEDS, "001_5f058fe8d295f66b.txt"))).document;
    expect(seed.region.city).toBe("绵阳市");
    expect(unitsOf(seed).find((u) => u.name === "市科技局")!.canonical).toBe("绵阳市科技局");
    expect(unitsOf(seed).some((u) => u.canonical.includes("地区未识别"))).toBe(false);
  });

  it("national documents without a region are national, and national bodies merge across documents", async () => {
    // 国办发〔2016〕28号 and a national plan whose head was not read (no title, issuer or 文号).
    for (const f of ["34_guojia-2016-keji-chengguo-zhuanyi-zhuanhua.txt", "36_guojia-2020-laonianren-zhineng-jishu.txt"]) {
      const d = (await extractFile(join(CORPUS_EXTRA, f))).document;
      expect(d.region).toEqual(NO_PLACE);
      expect(unplacedLabel(d, unitsOf(d).map((u) => u.name))).toBeNull();
      expect(unitsOf(d).some((u) => u.canonical.includes("地区未识别"))).toBe(false);
    }
    // In a document of unknown place, a national body stays as written (it is the same body everywhere).
    expect(canonicalUnit("科技部", NO_PLACE, [], "某方案")).toBe("科技部");
    expect(canonicalUnit("国家发展改革委", NO_PLACE, [], "某方案")).toBe("国家发展改革委");
    expect(canonicalUnit("各县（市、区）人民政府", NO_PLACE, [], "某方案")).toBe("各县（市、区）人民政府");
    expect(canonicalUnit("科技局", NO_PLACE, [], "某方案")).toBe("科技局（地区未识别：某方案）");
  });

  it("a document with neither title nor 文号 is labelled by its id", () => {
    expect(unplacedLabel({ id: "0123456789abcdef", title: null, docNumber: null, issuer: null, region: NO_PLACE }, ["市财政局"])).toBe("文件0123456789abcdef");
  });
});

describe("places through the API", () => {
  let srv: RunningServer;
  const ids: string[] = [];
  const upload = (file: string) => uploadFile(srv, file, "t");
  beforeAll(async () => {
    srv = await startServer({ API_TOKEN: "t" });
    ids.push(await upload(MIANYANG_EXCERPT), await upload(JINAN_EXCERPT));
  });
  afterAll(() => srv?.stop());

  it("the unit list keeps each place-less 市科技局 apart from 绵阳市科技局 and says which documents lack a place", async () => {
    let body: { units: { name: string }[]; unplaced: { count: number; documents: { id: string }[] } } | null = null;
    // The index follows uploads within a second; wait for both excerpts' units.
    for (let i = 0; i < 100; i++) {
      body = await (await fetch(`${srv.base}/api/units?q=${encodeURIComponent("科技局")}&limit=100`)).json();
      if (body!.units.filter((u) => u.name.includes("地区未识别")).length >= 2) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const names = body!.units.map((u) => u.name);
    expect(names).toContain("绵阳市科技局");
    expect(names).toContain("市科技局（地区未识别：金融支持科创企业全生命周期发展十条措施(试行)实施方案）");
    expect(names).toContain("市科技局（地区未识别：加快数字化高质量发展打造数字先锋城市推进方案）");
    expect(names).not.toContain("市科技局");
    expect(body!.unplaced.count).toBe(2);
    expect(body!.unplaced.documents.map((d) => d.id).sort()).toEqual([...ids].sort());
  });

  it("topics say the same", async () => {
    let r: Response | null = null;
    for (let i = 0; i < 300; i++) {
      r = await fetch(`${srv.base}/api/topics`);
      if (r.status === 200) {
        const t = await r.json();
        if (t.unplaced?.count === 2) {
          expect(t.unplaced.documents.map((d: { id: string }) => d.id).sort()).toEqual([...ids].sort());
          return;
        }
      }
      await new Promise((res) => setTimeout(res, 100));
    }
    throw new Error(`topics never listed the two documents without a place (last status ${r?.status})`);
  });
});
