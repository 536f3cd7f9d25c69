// The written forms of docs/labelling.md's catalogue that round 14b found (tests/data/unseen14b: whole texts of 广东 (广州, 天河区) and
// 河北, labelled by hand before the extractor ran on them), each on the real text it was found in.
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { extractFile } from "./helpers/extract.ts";
import { measure } from "./helpers/forms.ts";
import { parseSentence } from "../extract/parse.ts";

const UNSEEN14B = join(import.meta.dirname, "data", "unseen14b");
const unseen14b = async (name: string) => (await extractFile(join(UNSEEN14B, `${name}.txt`))).document;
const TIANHE = "guangzhou-tianhe-2026-youeryuan-zhaosheng-gongzuo-fangan";
const TEKUN = "guangzhou-2021-tekun-renyuan-jiuzhu-gongyang-tongzhi";
const targets = (s: string, base = "2021-04-13") =>
  parseSentence(s, base).targets.map((t) => `${t.comparator}${t.min}/${t.max}${t.unit}`);

describe("round 14b forms (tests/data/unseen14b, labelled blind)", () => {
  it("最低 opening the term 最低生活保障 / 最低工资标准 is no comparator", async () => {
    // 穗府办规〔2021〕7号 三
    expect(targets("特困人员基本生活标准按本市最低生活保障标准的1.6倍，且不低于所在区现行特困人员基本生活标准确定。")).toEqual(["=1.6/1.6倍"]);
    // a subsidy rule quoted in an app's seed data on GitHub; an HR app and a sick-pay rule on GitHub
    expect(targets("家庭人均收入低于当地最低生活保障标准的1.5倍")).toEqual(["<null/1.5倍"]);
    expect(targets("低于最低工资标准80%则补足")).toEqual(["<null/80%"]);
    expect(targets("病假工资由用人单位按不低于当地最低工资标准80%自主确定支付标准。")).toEqual([">=80/null%"]);
    // 最低 as a comparator still reads
    expect(targets("补助标准最低500元")).toEqual([">=500/null元"]);
    const d = await unseen14b(TEKUN);
    const m3 = measure(d, "三");
    expect(m3.targets.map((t) => `${t.comparator}${t.min}/${t.max}${t.unit}`)).toContain("=1.6/1.6倍");
  });

  it("X负责科室 followed by its own role word is the section in charge, a unit", async () => {
    const d = await unseen14b(TIANHE);
    // 四/(五) "区幼儿招生负责科室负责在“…招生服务平台”…公示…最终录取名单"
    const m = d.measures.find((x) => x.path === "四/(五)")!;
    expect(m.units.map((u) => `${u.role} ${u.name} ${u.canonical}`)).toEqual(["responsible 区幼儿招生负责科室 天河区幼儿招生负责科室"]);
    // 四/(三)/1 "区教育局幼儿招生负责科室立即对报名数据进行备份": no role word of its own
    expect(d.measures.find((x) => x.path === "四/(三)/1")!.units).toEqual([]);
    // a job description on GitHub: the verb and its object
    expect(parseSentence("正科：负责科室全面工作、业务统筹、团队管理等工作", "2024-01-01").units).toEqual([]);
  });

  it("a span of days whose years are written and that ends before the base year is no time frame", async () => {
    const d = await unseen14b(TIANHE);
    // 二 "2026年秋季小班入园的新生应为2022年9月1日至2023年8月31日期间出生的适龄幼儿" (signed 2026-04-20)
    expect(measure(d, "二").deadlines).toEqual([]);
    // a kindergarten's 2024 notice on GitHub: the birth span is none, the 报名时间 stays a period
    const dl = (s: string) => parseSentence(s, "2024-05-01").deadlines.map((x) => `${x.kind} ${x.start}..${x.end}`);
    expect(dl("一、招生对象 2020年9月1日至2021年8月31日期间出生的适龄儿童。")).toEqual([]);
    expect(dl("三、报名时间 2024年6月1日至6月30日")).toEqual(["period 2024-06-01..2024-06-30"]);
    // 三/(四) "请家长于2026年5月 24日至5月26日…报名" keeps its period
    const m = d.measures.find((x) => x.path === "三/(四)")!;
    expect(m.deadlines.map((x) => `${x.kind} ${x.start}..${x.end}`)).toContain("period 2026-05-24..2026-05-26");
  });
});
