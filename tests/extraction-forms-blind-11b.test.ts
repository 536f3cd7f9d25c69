// The written forms of docs/labelling.md's catalogue that round 11b found (tests/data/unseen11b: whole 上海 texts from the
// Shanghai-Gov-Docs-Index mirror, labelled blind, scored once), each on the real text it was found in.
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { loadBuffer } from "../extract/loaders/index.ts";
import { extractDocument } from "../extract/document.ts";
import { parseAttachment } from "../extract/structure/labels.ts";
import { extractFile } from "./helpers/extract.ts";

const DATA = join(import.meta.dirname, "data", "unseen11b");
const stored = async (name: string) => (await extractFile(join(DATA, `${name}.txt`))).document;
const fromText = async (text: string) => extractDocument(await loadBuffer(Buffer.from(text), "t.txt"), "t.txt").document;
const units = (m: { units: { role: string; name: string }[] }) => m.units.map((u) => `${u.role}:${u.name}`);
const JINGAN = "shanghai-jingan-2023-zhuoyue-chengqu-chengshi-gengxin-xingdong-fangan";
const GUANGFU = "shanghai-2023-jiaotong-guangfu-tuiguang-shishi-fangan";
const SONGJIANG = "shanghai-songjiang-2025-chengshi-gengxin-shishi-jihua";

describe("round 11b table forms: one cell a line (tests/data/unseen11b)", () => {
  it("a 推进单位 column is the rows' responsible units; a section line between rows heads no measure", async () => {
    const d = await stored(JINGAN);
    // "任务类型 / 序号 / 工作任务 / 推进单位 / 行动一：再造发展新极行动（综合区域整体焕新行动） / 1 / “一江一河”地区：… / 区规划资源局、…"
    const rows = d.measures.filter((m) => m.path.startsWith("附件/"));
    expect(rows.map((m) => m.path)).toEqual(Array.from({ length: 27 }, (_, i) => `附件/${i + 1}`));
    expect(units(rows[0])).toEqual([
      "responsible:区规划资源局", "responsible:区建设管理委", "responsible:区发展改革委", "responsible:区文化旅游局",
      "responsible:江宁路街道", "responsible:石门二路街道",
    ]);
    expect(rows.some((m) => /^行动[一二三四五六]/.test(m.text))).toBe(false);
    // the section line is not read into the row before it either
    expect(rows[2].text).not.toMatch(/行动二/);
  });
  it("a unit cell merged over several rows, printed once, is every row's", async () => {
    const d = await stored(JINGAN);
    // rows 4-8 share one merged cell "区“两旧”专班、区房管局、区旧改总办、区成套办、各相关街镇", printed under row 4 only
    const shared = ["responsible:区“两旧”专班", "responsible:区房管局", "responsible:区旧改总办", "responsible:区成套办", "responsible:各相关街镇"];
    for (const p of ["附件/4", "附件/5", "附件/6", "附件/7", "附件/8"]) expect(units(d.measures.find((m) => m.path === p)!)).toEqual(shared);
    // a row that prints its own cell does not take the one above
    expect(units(d.measures.find((m) => m.path === "附件/9")!)).toEqual(["responsible:区规划资源局", "responsible:各相关街镇"]);
    const t = await stored(GUANGFU);
    // 附表1: "“光伏+地铁”工程 / 1 / 充分利用… / 申通地铁集团 / 2 / 新建高架车站…达到50%" (row 2 prints no unit)
    expect(units(t.measures.find((m) => m.path === "附表1/2")!)).toEqual(["responsible:申通地铁集团"]);
    expect(units(t.measures.find((m) => m.path === "附表1/6")!)).toEqual(["responsible:中国铁路上海局"]);
  });
  it("附表N heads an attached table as 附件N does; the 附表： list under the body is no items", async () => {
    expect(parseAttachment("附表1")).toBe("附表1");
    expect(parseAttachment("附件2：")).toBe("附件2");
    expect(parseAttachment("附表一览")).toBeNull();
    const d = await stored(GUANGFU);
    // "附表：1.任务分工表 / 2.交通子行业“十四五”光伏建设分配表 / 3.各区“十四五”交通光伏任务分配表" closes 三's last item
    expect(d.measures.find((m) => m.path === "三/(三)")!.text).not.toMatch(/任务分工表|分配表/);
    expect(d.measures.filter((m) => m.path.startsWith("附表1/")).length).toBeGreaterThan(30);
  });
});

describe("round 11b outline forms (tests/data/unseen11b)", () => {
  it("a lead-in naming as many items as follow it groups them", async () => {
    const d = await stored(JINGAN);
    // "二、重点任务 / 聚焦区域，分类梳理，开展静安更新六大“卓越行动”： / （一）… （六）…"
    expect(d.measures.filter((m) => m.path.startsWith("二")).map((m) => m.path)).toEqual([
      "二/(一)", "二/(二)", "二/(三)", "二/(四)", "二/(五)", "二/(六)",
    ]);
    // "两大" over two items groups them too; a count that is not the number of items is no lead-in, nor is a bare paragraph
    const item = (h: string) => `${h}。统筹推进重点区域更新改造，完善配套设施，提升功能品质，到2025年完成主要建设任务。`;
    const paths = async (lead: string) => (await fromText(
      `关于推进城市更新的实施方案\n一、总体要求\n坚持规划引领，统筹推进。\n二、重点任务\n${lead}\n（一）${item("再造发展新极行动")}\n` +
        `（二）${item("重塑美丽新居行动")}\n三、保障措施\n（一）加强组织领导。成立领导小组。\n（二）强化宣传引导。做好政策解读。\n`,
    )).measures.map((m) => m.path);
    expect(await paths("聚焦重点区域，开展两大行动：")).toEqual(["一", "二/(一)", "二/(二)", "三/(一)", "三/(二)"]);
    expect(await paths("聚焦重点区域，开展三大行动：")).toEqual(["一", "二", "三/(一)", "三/(二)"]);
  });
});

describe("round 11b unit and metadata forms (tests/data/unseen11b)", () => {
  it("支撑单位 names cooperating units", async () => {
    const d = await stored(SONGJIANG);
    // "7.推进5个“美丽街区”建设。（牵头单位：区绿化市容局，支撑单位：相关街镇）"
    const m = d.measures.find((x) => x.path === "一")!;
    expect(units(m)).toContain("lead:区绿化市容局");
    expect(units(m)).toContain("coop:相关街镇");
    const t = await fromText("一、重点任务\n1.推进街区建设。完成街区改造。（牵头单位：市绿化市容局，支撑单位：市建设管理委）\n2.完成公园建设。新建口袋公园。（牵头单位：市绿化市容局）\n");
    expect(units(t.measures[0])).toEqual(["lead:市绿化市容局", "coop:市建设管理委"]);
  });
  it("a national bureau named for a macro-region (民航华东管理局) is canonical as written, not put under the text's place", async () => {
    const d = await stored(GUANGFU);
    const all = d.measures.flatMap((m) => m.units).filter((u) => u.name === "民航华东管理局");
    expect(all.length).toBeGreaterThan(0);
    for (const u of all) expect(u.canonical).toBe("民航华东管理局");
    // a city body beside it still takes the place
    expect(d.measures.flatMap((m) => m.units).find((u) => u.name === "市交通委")!.canonical).toBe("上海市交通委");
  });
  it("MW is a physical unit of a target", async () => {
    const d = await stored(GUANGFU);
    // "全市交通领域新增光伏装机容量确保达到120MW，力争达到180MW"
    const ts = d.measures.find((m) => m.path === "一/(三)")!.targets.filter((t) => t.unit === "MW");
    expect(ts.map((t) => t.min)).toEqual([120, 180]);
  });
  it("joint issuers listed with 、 in the signature: the first is the issuer", async () => {
    const d = await stored(GUANGFU);
    // "上海市交通委员会、上海市发展和改革委员会" under the headline
    expect([d.issuer, d.docNumber, d.title]).toEqual(["上海市交通委员会", "沪交科〔2023〕429号", "上海交通领域光伏推广应用实施方案"]);
  });
});
