// The leftovers of the earlier sets' forms (session 31, left15), each on the real text it was found in and its second real text.
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { extractFile } from "./helpers/extract.ts";
import { measure, units } from "./helpers/forms.ts";
import { extractDeadlines } from "../extract/fields/deadlines.ts";

const doc = async (set: string, name: string) => (await extractFile(join(import.meta.dirname, "data", set, `${name}.txt`))).document;
const roles = (units: { role: string; name: string }[]) => units.map((u) => `${u.role}:${u.name}`).sort();

describe("a deadline written with 应 before the completion verb", () => {
  it("嘉定 2026 违法用地整治 附件/一: 2026年应完成… is the year's end", async () => {
    const d = await doc("unseen14c", "shanghai-jiading-2026-weifa-yongdi-zhengzhi-shishi-fangan");
    expect(measure(d, "附件/一").deadlines.map((x) => [x.text, x.end])).toEqual([["2026年", "2026-12-31"]]);
    expect(extractDeadlines("2026年应完成剩余1620亩整治任务量（各街镇具体任务量详见附件）", "2026-01-10").map((x) => x.end)).toEqual(["2026-12-31"]);
  });

  it("the second text (a bank's learning page) and the guard: 应完成 before 的", () => {
    expect(extractDeadlines("其中：基本培训 2023-2027年应完成 240学时", null).map((x) => [x.kind, x.start, x.end])).toEqual([
      ["period", "2023-01-01", "2027-12-31"],
    ]);
    expect(extractDeadlines("本节将说明 2021 年应完成的事项。", null)).toEqual([]);
  });
});

describe("a short name closing the names one a line, right before the progress cell (集运MaaS 推进任务分解表)", () => {
  const MAAS = "shanghai-2023-jiyun-maas-zhongdian-gongzuo-fangan";
  const TABLE = "国际集装箱运输服务平台（集运MaaS）2023年重点工作方案推进任务分解表";

  it("中远海科, 亿通国际, 试点堆场, 市数据交易所 are the 配合 cell's last names, not the 进度计划 cell's first line", async () => {
    const d = await doc("unseen14d", MAAS);
    const row = (n: number) => measure(d, `${TABLE}/${n}`);
    expect(roles(row(1).units)).toContain("coop:中远海科");
    expect(roles(row(3).units)).toContain("coop:亿通国际");
    expect(roles(row(4).units)).toContain("coop:试点堆场");
    expect(roles(row(6).units)).toEqual(["coop:上港集团", "coop:上海海关", "coop:亿通国际", "lead:市交通委"].sort());
    expect(row(10).units.map((u) => `${u.role}:${u.name}:${u.canonical}`)).toContain("coop:市数据交易所:上海市数据交易所");
    // the progress cell keeps only its own lines: "上海海事局 / 三季度完成数据对接" (row 9) takes nothing more
    expect(roles(row(9).units)).toEqual(["coop:上海海事局", "coop:上港集团", "lead:市交通委"].sort());
    expect(d.measures.flatMap((m) => m.units).some((u) => /季度|完成/.test(u.name))).toBe(false);
  });
});

describe("a bare 会同 after ；, its subject the body opening the sentence", () => {
  it("静安 2024 治本攻坚 三/(八): 2024年，建设部门会同…；会同有关部门分行业… (lead 建设部门, coop 有关部门)", async () => {
    const d = await doc("unseen14h2", "shanghai-jingan-2024-jianshe-jiaotong-shuiwu-zhiben-gongjian-sannian-xingdong-fangan");
    expect(roles(measure(d, "三/(八)").units)).toEqual(["coop:有关部门", "lead:建设部门"]);
  });

  it("the second text (农业农村部's reply) and a duties list with no body opening it", () => {
    expect(units("下一步，农业农村部将持续优化兽药审批服务，研究完善宠物用药和医疗器械研发、准入制度；会同有关部门加强动物诊疗活动监管，进一步规范宠物诊疗秩序；优化执业兽医继续教育机制，促进宠物诊疗水平不断提升。"))
      .toEqual(["lead:农业农村部", "coop:有关部门"]);
    expect(units("（八）负责全市数据资源、政务信息化领域的对外交流合作；会同有关部门做好全市大数据、政务信息化人才培养等工作。")).toEqual([]);
    expect(units("（六）研究分析国内外市场状况，负责重要商品总量平衡和宏观调控；会同有关部门提出现代物流业发展的战略和规划；")).toEqual([]);
  });
});
