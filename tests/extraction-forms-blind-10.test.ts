// The written forms of docs/labelling.md's catalogue that round 10 found (tests/data/unseen10, unseen10b: whole 河北 texts and
// re-posted openings, labelled blind, scored once), each on the real text it was found in.
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { loadBuffer } from "../extract/loaders/index.ts";
import { extractDocument } from "../extract/document.ts";
import { extractFile } from "./helpers/extract.ts";

const DATA = join(import.meta.dirname, "data");
const stored = async (set: string, name: string) => (await extractFile(join(DATA, set, `${name}.txt`))).document;
const fromText = async (text: string) => extractDocument(await loadBuffer(Buffer.from(text), "t.txt"), "t.txt").document;
const units = (m: { units: { role: string; name: string }[] }) => m.units.map((u) => `${u.role}:${u.name}`);

describe("round 10 unit forms (tests/data/unseen10)", () => {
  it("X会同Y inside a labelled value: X lead, Y coop, a verbless list after it coop", async () => {
    const d = await stored("unseen10", "hebei-2021-tiyu-yongpin-chanye-fazhan-gongzuo-fangan");
    // "（责任单位：省工业和信息化厅、省科技厅会同省体育局、省教育厅、省发展改革委，各市政府、雄安新区管委会）"
    const m = d.measures.find((x) => x.path === "二/(六)/1")!;
    expect(units(m)).toEqual([
      "lead:省工业和信息化厅", "lead:省科技厅", "coop:省体育局", "coop:省教育厅", "coop:省发展改革委", "coop:各市政府", "coop:雄安新区管委会",
    ]);
    // a labelled list with no verb at all stays responsible, and a list with no named lead is still not a clause
    const t = await fromText(
      "一、推进产业集聚\n1.建设产业园区。支持各地建设体育用品产业园区。（责任单位：市工业和信息化局、市体育局，各县政府）\n" +
        "2.培育龙头企业。支持龙头企业做大做强。（责任单位：市工业和信息化局会同市财政局，各县政府）\n",
    );
    expect(units(t.measures[0])).toEqual(["responsible:市工业和信息化局", "responsible:市体育局", "responsible:各县政府"]);
    expect(units(t.measures[1])).toEqual(["lead:市工业和信息化局", "coop:市财政局", "coop:各县政府"]);
  });
  it("a bare 工作专班 as subject is the unit as written, also after the 专班 set up earlier in the measure", async () => {
    const d = await stored("unseen10", "hebei-2024-gongxin-lingyu-shuzi-renminbi-shidian-shishi-fangan");
    // "成立省工信系统数字人民币试点工作专班，…为专班成员。工作专班负责协调数字人民币场景建设工作"
    const m = d.measures.find((x) => x.path === "四/(一)")!;
    expect(m.units.map((u) => `${u.role}:${u.name}:${u.canonical}`)).toEqual([
      "responsible:工作专班:工作专班",
    ]);
    // with nothing set up before it, the same
    const t = await fromText("一、加强组织领导\n（一）压实责任。工作专班负责协调试点工作，定期调度进展。\n（二）加强宣传。市委宣传部负责宣传解读。\n");
    expect(units(t.measures[0])).toEqual(["responsible:工作专班"]);
  });
});

describe("round 10 metadata forms (tests/data/unseen10, unseen10b)", () => {
  it("a title taken from the wrapper's 《》 reads its 〈〉 as the title's own 《》", async () => {
    const d = await stored("unseen10b", "hunan-2022-zhengfu-gongzuo-baogao-fengong-yijian");
    // "现将《落实〈政府工作报告〉重点工作分工的意见》印发给你们" with no headline
    expect(d.title).toBe("落实《政府工作报告》重点工作分工的意见");
  });
  it("a 文号 on its own raw line joined to a cut headline; a signature over a date in Chinese numerals", async () => {
    const d = await stored("unseen10b", "shanghai-2011-xueqian-jiaoyu-sannian-xingdong-jihua");
    // "上海市人民政府办公厅关于转发市教委等十一部门制订的" / "沪府办发〔2011〕19号" / … / "上海市人民政府办公厅" / "二○一一年五月十八日"
    expect([d.docNumber, d.issuer, d.issuedDate, d.title]).toEqual(["沪府办发〔2011〕19号", "上海市人民政府办公厅", "2011-05-18", "上海市学前教育三年行动计划（2011—2013年）"]);
    // a 文号 inside a body sentence's line is not the notice's
    const t = await fromText("关于推进试点工作的实施方案\n为贯彻落实国务院要求，根据国办发〔2016〕28号\n精神，制定本方案。\n一、工作目标\n到2025年完成试点。\n");
    expect(t.docNumber).toBeNull();
  });
  it("a page's date line after its 来源, and a date stamp with its time, give publishedDate", async () => {
    // "来源:原创     日期:2014-08-11"
    expect((await stored("unseen10b", "shenzhen-chuangzao-shenzhen-zhiliang-xingdong-jihua")).publishedDate).toBe("2014-08-11");
    // "2020年07月24日18:20:25" on its own line under the headline
    const f = await stored("unseen10b", "fujian-2006-shiyiwu-guihua-gongzuo-fengong");
    expect([f.publishedDate, f.docNumber, f.issuer]).toEqual(["2020-07-24", "闽政文〔2006〕562号", "福建省人民政府"]);
    // a deadline with a time of day inside a sentence is no page date
    const t = await fromText("关于做好申报工作的通知\n各有关单位：\n请于2020年07月24日18:00前报送材料。\n一、申报范围\n全市企业。\n");
    expect(t.publishedDate).toBeNull();
  });
  it("two signers above the date, the second a bank's 分行: the first issues", async () => {
    const d = await stored("unseen10", "hebei-2024-gongxin-lingyu-shuzi-renminbi-shidian-shishi-fangan");
    // "河北省工业和信息化厅" / "中国人民银行河北省分行" / "2024年4月29日"
    expect([d.issuer, d.issuedDate]).toEqual(["河北省工业和信息化厅", "2024-04-29"]);
  });
  it("a news lead naming who issued the notice gives the issuer, its 省 taken by the province", async () => {
    const d = await stored("unseen10b", "zhejiang-2020-zhengfu-gongzuo-baogao-zeren-fenjie");
    // page headline "省政府印发2020年政府工作报告重点工作责任分解通知", lead "近日,省政府办公厅印发2020年政府工作报告重点工作责任分解的通知,公布…"
    expect(d.issuer).toBe("浙江省政府办公厅");
    // a lead naming no body gives none
    const t = await fromText("关于做好春耕生产的工作方案\n近日,有关方面印发春耕生产工作的通知,要求抓好落实。\n一、工作目标\n确保粮食播种面积稳定。\n");
    expect(t.issuer).toBeNull();
  });
});
