// The written forms of docs/labelling.md's catalogue fixed on round 12's held-out sets, each on the real text it was found in.
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { parseSentence } from "../extract/parse.ts";
import { extractFile } from "./helpers/extract.ts";

const DATA = join(import.meta.dirname, "data");
const units = (m: { units: { role: string; name: string }[] }) => m.units.map((u) => `${u.role}:${u.name}`);

// unseen12h: whole 上海 texts of docs/房屋与住房 in zhiyao87/Shanghai-Gov-Docs-Index.
describe("round 12 held-out forms (unseen12h): units", () => {
  const doc12h = async (name: string) => (await extractFile(join(DATA, "unseen12h", `${name}.txt`))).document;
  const sentence = (s: string) => parseSentence(s, "2016-03-24").units.map((u) => `${u.role}:${u.name}`);

  it("a body's office for a place ending 总部 is a body; the 参加 list is read past it", async () => {
    const d = await doc12h("shanghai-2016-zhufang-shichang-baozhang-tixi-ruogan-yijian");
    const one = units(d.measures.find((m) => m.path === "一")!);
    expect(one[0]).toBe("lead:市住房城乡建设管理委");
    expect(one).toEqual(expect.arrayContaining(["coop:市发展改革委", "coop:市政府新闻办", "coop:人民银行上海总部", "coop:上海银监局"]));
    expect(one).toHaveLength(12);
    // 企业总部 / 地区总部 stay words
    expect(sentence("鼓励跨国公司地区总部牵头组建产业联盟")).toEqual([]);
  });

  it("可以 between a body and its role word is read over; a residents' committee keeps its name as canonical", async () => {
    const d = await doc12h("shanghai-2009-yezhu-dahui-yezhu-weiyuanhui-guifanhua-ruogan-yijian");
    const m = d.measures.find((x) => x.path === "四/(二)")!;
    expect(m.units.map((u) => `${u.role}:${u.name}:${u.canonical}`)).toEqual(["lead:居民委员会:居民委员会"]);
    expect(sentence("有下列情形之一的，县级以上公安机关可以会同有关部门开展可制毒化学品管理联合执法")).toEqual(["lead:县级以上公安机关", "coop:有关部门"]);
  });

  it("落实部门负责 names no body (assign a department)", async () => {
    const d = await doc12h("shanghai-2009-yezhu-dahui-yezhu-weiyuanhui-guifanhua-ruogan-yijian");
    expect(units(d.measures.find((m) => m.path === "四/(一)")!)).toEqual(["responsible:区县政府", "responsible:街道办事处(乡镇政府)"]);
    expect(sentence("银行为参与方,指定专门部门及人员负责对接该项业务")).toEqual([]);
  });
});

describe("round 12 held-out forms (unseen12h): targets", () => {
  const targets = (s: string) => parseSentence(s, "2021-11-09").targets.map((t) => `${t.comparator}${t.min ?? ""}..${t.max ?? ""}${t.unit ?? ""}`);

  it("the starting figure of a change is no target when a bound stands after 到 or before the starting figure", () => {
    // 上海 沪府办发〔2016〕11号 七
    expect(targets("其建筑面积占项目总建筑面积的比例从7%提高到不超过15%")).toEqual(["<=..15%"]);
    expect(targets("三级的企业累计补助从不超过 100 万元提高到不超过 200 万元。")).toEqual(["<=..2000000元"]);
    expect(targets("楼的层高已经从原来的2.8米提高到不低于3米")).toEqual([">=3..米"]);
  });

  it("不得 with a verb between it and 超过 reads as 不得超过", () => {
    // 上海 沪府办规〔2021〕12号 二/(三)
    expect(targets("保障性住房租金可以按月或按季度收取，但不得预收超过一个季度以上的租金；租赁保证金（押金）不得超过一个月租金。")).toEqual(["<=..1个", "<=..1个月"]);
    expect(targets("混合假期不得连续超过15天")).toEqual(["<=..15天"]);
  });
});

describe("round 12 held-out forms (unseen12h): deadlines", () => {
  const deadlines = (s: string, base: string) => parseSentence(s, base).deadlines.map((d) => d.text);

  it("a date with 前 before a completion verb and 的 describes the objects meant", () => {
    // 上海 沪府办发〔2026〕10号 五/(十二)
    expect(deadlines("支持对老旧小区（包括直管公房、系统公房、售后公房及2000年前建成的早期商品房等）通过物业服务奖励机制给予支持", "2026-06-22")).toEqual([]);
    // 国办发〔2020〕23号
    expect(deadlines("到“十四五”期末，力争基本完成2000年底前建成的城镇老旧小区改造任务", "2020-07-10")).toEqual(["到“十四五”期末"]);
    expect(deadlines("各地要在2021年前完成改造", "2020-07-10")).toEqual(["2021年前"]);
  });
});

describe("round 12 held-out forms (unseen12h): metadata", () => {
  it("the date under the issuer's own signature is the issuedDate, not the enclosed drafters' date", async () => {
    const d = (await extractFile(join(DATA, "unseen12h", "shanghai-2013-lianzu-gongzu-zhufang-binggui-yunxing-shishi-yijian.txt"))).document;
    expect([d.issuer, d.issuedDate]).toEqual(["上海市人民政府", "2013-07-31"]);
    // a 教育厅 transmittal over the 省政府办公厅 notice it forwards (the notice issues)
    const h = (await extractFile(join(DATA, "unseen12h2", "hebei-2018-xueqian-jiaoyu-zhuanye-rencai-peiyang-fangan.txt"))).document;
    expect([h.issuer, h.issuedDate]).toEqual(["河北省人民政府办公厅", "2018-07-06"]);
  });
});

// unseen12h2: 河北省教育厅 texts of 师资建设 (河北政府网站/7教育厅-政府信息公开 in gerry0208/spider_project).
describe("round 12 held-out forms (unseen12h2): units", () => {
  const doc12h2 = async (name: string) => (await extractFile(join(DATA, "unseen12h2", `${name}.txt`))).document;
  const sentence = (s: string) => parseSentence(s, "2019-03-08").units.map((u) => `${u.role}:${u.name}`);

  it("an office seated at a body is the subject of 主要负责; a bare 办公室 keeps its name as canonical", async () => {
    const d = await doc12h2("hebei-2019-shide-shifeng-tisheng-nian-huodong-shishi-fangan");
    // 五/(一) "…下设办公室。办公室设在师范教育处，主要负责全省师德师风建设统筹谋划工作，…"
    expect(d.measures.find((m) => m.path === "五/(一)")!.units).toEqual([{ role: "responsible", name: "办公室", canonical: "办公室" }]);
    // a company's learning-platform rules (a public page)
    expect(sentence("十一在线平台中心办公室主要负责日常运营管理，集团公司机关各部室及各二级单位负责组织本部室及本单位员工参加学习。")[0]).toBe(
      "responsible:十一在线平台中心办公室",
    );
    // 主要负责人 / 主要负责同志 name persons
    expect(sentence("会上，安委会办公室主要负责人解读了学校制定的处置方案。")).toEqual([]);
    expect(sentence("办公室主要负责同志赴现场指导。")).toEqual([]);
  });
});

describe("round 12 held-out forms (unseen12h2): paths", () => {
  const doc = async (set: string, name: string) => (await extractFile(join(DATA, set, `${name}.txt`))).document;

  it("a one-sentence 请 request right above the contact lines is the notice's closing, not the last item's", async () => {
    const d = await doc("unseen12h2", "hebei-2019-shide-shifeng-tisheng-nian-huodong-shishi-fangan");
    const last = d.measures.find((m) => m.path === "五/(四)")!;
    expect(last.text.endsWith("年终上报活动总结。")).toBe(true);
    expect(last.deadlines.map((x) => x.text)).toEqual(["每季度", "6月底前"]); // no 3月28日前
    const c = await doc("unseen12c", "hebei-2020-jiaoyu-xitong-zhizhi-canyin-langfei-xingdong-fangan");
    expect(c.measures.at(-1)!.text.endsWith("省教育厅将择优推广宣传典型经验。")).toBe(true);
    // under a bare heading the request is the item's own text (河北 2024 银龄讲学计划 三)
    const y = await doc("unseen11a", "hebei-2024-yinling-jiangxue-jihua");
    expect(y.measures.find((m) => m.path === "三")!.deadlines.map((x) => x.end)).toContain("2024-08-10");
  });
});

describe("round 12 held-out forms (unseen12h2): deadlines", () => {
  const deadlines = (s: string, base: string) => parseSentence(s, base).deadlines.map((d) => d.text);

  it("a plan period over before the base year names a past span", () => {
    // 河北 2021 师德师风建设巩固年 三/(一), signed 2021-03-18
    expect(deadlines("“十三五”期间，特别是在开展师德师风建设提升年、深化年活动过程中，各地形成了一批有特色、有效果的好经验、好做法", "2021-03-18")).toEqual([]);
    // 上海 沪府办发〔2011〕19号, 2011-05-18
    expect(deadlines("“十一五”期间，各级政府加大对学前教育的经费投入力度", "2011-05-18")).toEqual([]);
    // not yet over, or its end: as before
    expect(deadlines("“十三五”期间分别建成一座规模适中的综合性科技馆", "2016-05-01")).toEqual(["“十三五”期间"]);
    expect(deadlines("到“十三五”末，建成一批示范基地", "2016-05-01")).toEqual(["到“十三五”末"]);
  });

  it("a year range in a plan's name is the cited plan's period, no time frame", () => {
    // 河北 冀教财〔2018〕21号 四
    expect(deadlines("各级人民政府要把教育脱贫攻坚2018-2020年规划落实情况作为督导重点任务", "2018-05-11")).toEqual([]);
    // 静安 2023 二/(三), with 年 in the bracket
    expect(deadlines("参照新一轮“美丽街区”三年行动计划（2024—2026年），打造创建3个高品质“美丽街区”", "2023-12-12")).toEqual([]);
    expect(deadlines("2018-2020年，实施改造计划", "2018-05-11")).toEqual(["2018-2020年"]);
  });
});
