// The written forms of docs/labelling.md's catalogue that the held-out sets of session 31 found (labelled blind, scored once,
// then opened for fixing), each on the real text it was found in.
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { extractFile } from "./helpers/extract.ts";
import { measure } from "./helpers/forms.ts";
import { extractTargets } from "../extract/fields/targets.ts";

const heldout = async (set: string, name: string) => (await extractFile(join(import.meta.dirname, "data", set, `${name}.txt`))).document;
const tg = (text: string) => extractTargets(text).map((t) => `${t.comparator} ${t.min ?? "-"} ${t.max ?? "-"} ${t.unit}`);

describe("held-out 15h/15h2 forms, 上海 city and national gov.cn texts (fix15h)", () => {
  const HOSPITAL = "guowuyuan-2019-sanji-gongli-yiyuan-jixiao-kaohe-yijian";

  it("a factor of a ratio formula (×100%, ×10000, ÷) is no target", async () => {
    const d = await heldout("unseen15h2", HOSPITAL);
    expect(measure(d, "附件/一/(一)/3").targets).toEqual([]);
    expect(d.measures.flatMap((m) => m.targets).filter((t) => t.min === 100 && t.unit === "%")).toEqual([]);
    expect(tg("(急性病床全年總住院人日數)÷(急性病床數×365天)×100 (%)")).toEqual([]);
    // a figure after a rate's "/" stays (每30户/1名保洁员)
    expect(tg("①每30户/1名保洁员")).toEqual(["= 1 1 名"]);
  });

  it("beds or staff counted right after 每 are a rate's base; a bare 万元 before 收入 an intensity's", async () => {
    const d = await heldout("unseen15h2", HOSPITAL);
    expect(measure(d, "附件/二/(五)/26").targets).toEqual([]);
    expect(measure(d, "附件/三/(十一)/50").targets).toEqual([]);
    expect(measure(d, "附件/二/(六)/34").targets).toEqual([]);
    expect(tg("每百张床位年报告≥20 件。")).toEqual([">= 20 - 件"]);
  });

  it("颗 counts satellites", async () => {
    const d = await heldout("unseen15h", "shanghai-2023-shangye-hangtian-kongjian-xinxi");
    expect(tg(measure(d, "一").text).filter((x) => x.endsWith("颗"))).toEqual(["= 600 600 颗"]);
    expect(tg("年产1000颗卫星的“超级工厂”即将投产")).toEqual(["= 1000 1000 颗"]);
    expect(tg("细颗粒物浓度下降")).toEqual([]);
  });
});
