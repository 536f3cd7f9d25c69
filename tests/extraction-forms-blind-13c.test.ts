// The written forms of docs/labelling.md's catalogue that round 13c found (tests/data/unseen13c: whole 上海 city-level texts,
// labelled by hand before the extractor ran on them), each on the real text it was found in.
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { extractFile } from "./helpers/extract.ts";
import { extractTargets } from "../extract/fields/targets.ts";

const UNSEEN13C = join(import.meta.dirname, "data", "unseen13c");
const unseen13c = async (name: string) => (await extractFile(join(UNSEEN13C, `${name}.txt`))).document;
const WANZHENG = "shanghai-2025-wanzheng-shequ-jianshe-shishi-fangan";
const figures = (text: string) => extractTargets(text).map((t) => `${t.comparator}${t.min ?? ""}/${t.max ?? ""}${t.unit}`);

describe("round 13c forms (tests/data/unseen13c, labelled blind)", () => {
  it("每 + a bare round magnitude of households is the base of a rate, no target (the 13a row households or people as the base of a rate)", async () => {
    const d = await unseen13c(WANZHENG);
    // 三/(一) "每百户居民拥有社区综合服务设施面积原则上不低于30平方米，60%以上建筑面积用于居民活动。"
    const m = d.measures.find((x) => x.path === "三/(一)")!;
    expect(m.targets.map((t) => `${t.comparator}${t.min}${t.unit}`)).toEqual([">=30平方米", ">=60%"]);
    // 银川市民政局 2023 (yinchuan.gov.cn, 政策问答): the base written right before the comparator
    expect(figures("新建居住(小)区按每百户不少于30平方米的标准配套建设社区养老服务设施;已建成居住(小)区和老城区…按照每百户不少于20平方米的标准建设社区养老服务设施。"))
      .toEqual([">=30/平方米", ">=20/平方米"]);
    // 国家发展改革委 2022-02-09 (《“十四五”城乡社区服务体系建设规划》吹风会, a news copy): "每百户居民"
    expect(figures("引导各地按照每百户居民不低于30平方米的标准，统一规划、统一设计、统一建设社区服务设施。")).toEqual([">=30/平方米"]);
    // people, as before: "每百万人口年发明专利授权量达350件" (广州 2012); a count of households without 每 still counts
    expect(figures("每百万人口年发明专利授权量达350件。")).toEqual([">=350/件"]);
    expect(figures("全市新增保障性住房1000户。")).toEqual(["=1000/1000户"]);
  });
});
