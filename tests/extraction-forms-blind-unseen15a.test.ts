// The written forms of docs/labelling.md's catalogue that round 15a found (tests/data/unseen15a: whole 国务院办公厅 texts from the
// HuangFaShengH/ZhengCeWenBenWaJue crawl, labelled by hand before the extractor ran on them), each on the real text it was found
// in and on its second real text.
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { extractFile } from "./helpers/extract.ts";
import { file, measure } from "./helpers/forms.ts";
import { parseSentence } from "../extract/parse.ts";

const DATA = join(import.meta.dirname, "data");
const doc = async (set: string, name: string) => (await extractFile(join(DATA, set, `${name}.txt`))).document;
const units = (s: string) => parseSentence(s).units.map((u) => `${u.role} ${u.name}`);

describe("round 15a forms (tests/data/unseen15a, labelled blind)", () => {
  it("a headline with its 文号 run on after it is still the headline: issuer from it, and the 文号 of a 转发 notice", async () => {
    // 国办函〔2020〕18号 "国务院办公厅关于生态环境保护综合行政执法有关事项的通知国办函〔2020〕18号" / 主送 … / "…印发。国务院办公厅" /
    // "2020年2月28日": the signer was left in the last point, so the issuer came from nowhere
    const d18 = await doc("unseen15a", "guojia-2020-shengtai-huanjing-zonghe-zhifa-tongzhi");
    expect([d18.title, d18.docNumber, d18.issuer]).toEqual(["国务院办公厅关于生态环境保护综合行政执法有关事项的通知", "国办函〔2020〕18号", "国务院办公厅"]);
    // 国办函〔2021〕49号 "国务院办公厅转发交通运输部等单位关于加强铁路沿线安全环境治理工作意见的通知国办函〔2021〕49号": the enclosed
    // 意见 is the title (the wrapper's 《》), the 文号 closes the headline, the forwarder issues (the drafters' list ends 等单位)
    const d49 = await doc("unseen15a", "guojia-2021-tielu-yanxian-anquan-huanjing-yijian");
    expect([d49.title, d49.docNumber, d49.issuer]).toEqual(["关于加强铁路沿线安全环境治理工作的意见", "国办函〔2021〕49号", "国务院办公厅"]);
    // the second texts: corpus-extra 37 "国务院办公厅关于进一步优化营商环境更好服务市场主体的实施意见国办发〔2020〕24号" on its own line,
    // and 国办函〔2023〕7号 (unseen9c) "国务院办公厅转发商务部科技部关于…若干措施的通知　　国办函〔2023〕7号各省…"
    const d37 = (await extractFile(file("37_"))).document;
    expect([d37.title, d37.docNumber, d37.issuer]).toEqual(["国务院办公厅关于进一步优化营商环境更好服务市场主体的实施意见", "国办发〔2020〕24号", "国务院办公厅"]);
    const d9c = await doc("unseen9c", "guowuyuan-2023-waishang-yanfa-zhongxin-ruogan-cuoshi");
    expect([d9c.docNumber, d9c.issuer]).toEqual(["国办函〔2023〕7号", "国务院办公厅"]);
    // a 转发 headline whose forwarded list ends 等四部门 (上海 2016, unseen12h): the forwarder issues
    const d12h = await doc("unseen12h", "shanghai-2016-zhufang-shichang-baozhang-tixi-ruogan-yijian");
    expect(d12h.issuer).toBe("上海市人民政府办公厅");
  });

  it("functions sharing the head 部门和单位 are one unit, as with 部门", async () => {
    // 国办发〔2014〕56号 二/(七)
    expect(units("对非诉执行案件，环境保护、工商、供水、供电等部门和单位要配合人民法院落实强制措施。"))
      .toEqual(["coop 环境保护、工商、供水、供电等部门和单位", "lead 人民法院"]);
    const d56 = await doc("unseen15a", "guojia-2014-huanjing-jianguan-zhifa-tongzhi");
    expect(measure(d56, "二").units.map((u) => `${u.role} ${u.name}`)).toEqual(["coop 环境保护、工商、供水、供电等部门和单位", "lead 人民法院"]);
    // the head with bodies before 等 stays a summing tail (国办函〔2023〕7号, unseen9c): each body as listed
    expect(units("（最高人民法院、最高人民检察院、司法部、公安部、市场监管总局等部门和单位按职责分工负责）"))
      .toEqual(["responsible 最高人民法院", "responsible 最高人民检察院", "responsible 司法部", "responsible 公安部", "responsible 市场监管总局"]);
    // and 部门 alone as before (上海 2024 建筑垃圾 三/(四), unseen12b)
    expect(units("生态环境、绿化市容、城管执法部门要会同建设主管部门加强源头管控。")).toEqual(["lead 生态环境、绿化市容、城管执法部门", "coop 建设主管部门"]);
  });

  it("配合/协助 with no one named to help and no lead named before it assigns nothing", async () => {
    // 国办发〔2014〕56号 一/(四) (read as coop 乡镇人民政府, 街道办事处)
    expect(units("各省、市、县级人民政府要确定重点监管对象，划分监管等级；乡镇人民政府、街道办事处要协助做好相关工作。")).toEqual([]);
    const d56 = await doc("unseen15a", "guojia-2014-huanjing-jianguan-zhifa-tongzhi");
    expect(measure(d56, "一").units).toEqual([]);
    // 上海 2024 建筑垃圾 二/(二) (unseen12b): "绿化市容部门要…并配合做好执法协助"
    expect(units("绿化市容部门要加强对建筑垃圾运输的监管，并配合做好执法协助。")).toEqual([]);
    // after a named lead it still cooperates (河北 冀减负〔2015〕1号 四/(二), unseen9a), and a helped body makes the form whole
    expect(units("由省财政厅、省物价局牵头，会同有关部门，对现有行政事业性收费进行全面清理。省国税局、省地税局配合做好相关工作。"))
      .toEqual(["lead 省财政厅", "lead 省物价局", "coop 有关部门", "coop 省国税局", "coop 省地税局"]);
    expect(units("各市科技部门要配合省科技厅加强宣传解读。")).toEqual(["coop 各市科技部门", "lead 省科技厅"]);
  });
});
