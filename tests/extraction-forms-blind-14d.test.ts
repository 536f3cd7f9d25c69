// The written forms of docs/labelling.md's catalogue that round 14d found (tests/data/unseen14d: whole 上海 texts carrying a
// 任务分工表 — 长三角 一码通行 工作方案, 集运MaaS 重点工作方案, 智慧公交 三年行动计划 — labelled by hand before the extractor ran on
// them), each on the real text it was found in.
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { extractFile } from "./helpers/extract.ts";
import { measure } from "./helpers/forms.ts";
import { unitLike } from "../extract/structure/cell-tables.ts";

const UNSEEN14D = join(import.meta.dirname, "data", "unseen14d");
const unseen14d = async (name: string) => (await extractFile(join(UNSEEN14D, `${name}.txt`))).document;
const YIMA = "changsanjiao-2023-jiaotong-yima-tongxing-gongzuo-fangan";
const MAAS = "shanghai-2023-jiyun-maas-zhongdian-gongzuo-fangan";
const GONGJIAO = "shanghai-2023-zhihui-gongjiao-sannian-xingdong-jihua";
const roles = (units: { role: string; name: string }[]) => units.map((u) => `${u.role}:${u.name}`);

describe("round 14d forms (tests/data/unseen14d, labelled blind)", () => {
  it("a task table under its own title after the body, rows numbered from 1, is an enclosed document (the title's lines joined)", async () => {
    // "…（三）探索研究同城待遇政策。… / 长三角交通领域“一码通行”工作任务分工表 / （2023-2025年） / 序号 / 重点工作 / 主要内容 / 责任单位 / 1 / …"
    const a = await unseen14d(YIMA);
    const t = "长三角交通领域“一码通行”工作任务分工表（2023-2025年）";
    expect(a.measures.map((m) => m.path).slice(-6)).toEqual([1, 2, 3, 4, 5, 6].map((n) => `${t}/${n}`));
    expect(measure(a, "四/(三)").units).toEqual([]);
    // "…（四）一体化赋能 / 1．功能。… / 2．任务。… / 国际集装箱运输服务平台（集运MaaS）2023年重点工作方案 / 推进任务分解表 / 序号 / …"
    const b = await unseen14d(MAAS);
    const p = "国际集装箱运输服务平台（集运MaaS）2023年重点工作方案推进任务分解表";
    expect(b.measures.map((m) => m.path)).toEqual(["一/(一)", "一/(二)", "二/(一)", "二/(二)", "三", ...Array.from({ length: 10 }, (_, k) => `${p}/${k + 1}`)]);
  });
  it("places listed among the bodies in a unit cell keep it a unit cell (the places are units, as 越秀区 in a 配合单位 list)", async () => {
    // row 2 "上海市交通委员会、苏州市、嘉兴市", row 3 "上海市交通委员会、上海市大数据中心等", row 5 "…、浙江省交通运输厅、嘉兴市、宁波市、…、绍兴市"
    expect(unitLike("上海市交通委员会、苏州市、嘉兴市")).toBe(true);
    expect(unitLike("上海市交通委员会、上海市大数据中心等")).toBe(true);
    expect(unitLike("苏州市、嘉兴市")).toBe(false); // a cell naming no body
    const a = await unseen14d(YIMA);
    const row = (n: number) => roles(a.measures.find((m) => m.path.endsWith(`/${n}`) && m.path.startsWith("长三角"))!.units);
    expect(row(2)).toEqual(["responsible:上海市交通委员会", "responsible:苏州市", "responsible:嘉兴市"]);
    expect(row(3)).toEqual(["responsible:上海市交通委员会", "responsible:上海市大数据中心"]);
    expect(row(5)).toEqual(["responsible:上海市交通委员会", "responsible:浙江省交通运输厅", "responsible:嘉兴市", "responsible:宁波市", "responsible:台州市", "responsible:杭州市", "responsible:绍兴市"]);
    // the row below, not the last body item, takes the cell: 四/(三) "探索研究同城待遇政策" names none
    expect(measure(a, "四/(三)").units).toEqual([]);
  });
  it("unit columns before a progress column: a task cell one clause a line, a second plate and company names one a line", async () => {
    const b = await unseen14d(MAAS);
    const row = (n: number) => b.measures.find((m) => m.path.endsWith(`推进任务分解表/${n}`))!;
    // "1 / 一门式查询 / 先行实现…； / 实现…； / 基本实现…。 / 市交通委 / 上港集团 / … / 三季度：… / 四季度：…"
    expect(row(1).title).toBe("一门式查询");
    expect(roles(row(1).units).slice(0, 3)).toEqual(["lead:市交通委", "coop:上港集团", "coop:市道路运输局"]);
    expect(row(1).deadlines.map((d) => `${d.kind} ${d.start}..${d.end}`)).toEqual(["period 2023-07-01..2023-09-30", "period 2023-10-01..2023-12-31"]);
    // "5 / 提高区块链 / 换单比例 / 协同推动…。": the name broken over two lines
    expect(row(5).title).toBe("提高区块链换单比例");
    // "3 / … / 市交通委 / 市商务委 / （市口岸办） / 铁路上海局集团 / … / 中远海运 / 上港集团 / …"; "7 / … / 市商务委 / （市口岸办） / 亿通国际 / 上港集团"
    expect(roles(row(3).units)).toEqual(expect.arrayContaining(["coop:市商务委(市口岸办)", "coop:铁路上海局集团", "coop:中远海运", "coop:上港集团"]));
    expect(roles(row(7).units)).toEqual(["lead:市交通委", "coop:市商务委(市口岸办)", "coop:亿通国际", "coop:上港集团"]);
  });
  it("year sub-columns printed after the header, a 实施单位 column, company names in the last cell", async () => {
    // 附件1 "序号 / 任务名称 / 任务内容 / 任务目标 / 实施单位 / 2023年 / 2024年 / 2025年 / （一）… / 1 / 推进公交场站智能化升级 / … / / / / /
    // 久事公交、相关各区应建尽建 / 久事公交、相关各区（含临港）交通主管部门及公交企业"
    const c = await unseen14d(GONGJIAO);
    const m = (p: string) => c.measures.find((x) => x.path === p)!;
    expect(roles(m("附件1/(一)/1").units)).toEqual(["responsible:久事公交", "responsible:相关各区(含临港)交通主管部门", "responsible:公交企业"]);
    expect(roles(m("附件1/(一)/5").units)).toEqual(["responsible:市交通委", "responsible:市道路运输局", "responsible:久事公交", "responsible:公投"]);
    // 附件2 row 7, last before the section row "（四）…": "… / 平台与市民乘客交互，实现智能调度、监管 / 临港公交"
    expect(roles(m("附件2/(三)/7").units)).toEqual(["responsible:临港公交"]);
    // the year cells are the row's text: "选取1~2家停车保养场推进信息化改建"
    expect(m("附件2/(一)/1").targets.filter((t) => t.unit === "家").map((t) => `${t.min}..${t.max}`)).toEqual(["1..2", "1..2"]);
  });
});

describe("round 14d target forms", () => {
  it("a speed in 公里/时 and a count in 辆次 keep their unit as written", async () => {
    const c = await unseen14d(GONGJIAO);
    const m = (p: string) => c.measures.find((x) => x.path === p)!;
    // 三 "公交高峰运行车速不低于15公里/时"
    expect(m("三").targets.filter((t) => t.unit === "公里/时").map((t) => [t.comparator, t.min])).toEqual([[">=", 15]]);
    // 附件2 row 11 "第二终端布设25辆次 / 第二终端布设23辆次 / 第二终端布设82辆次"
    expect(m("附件2/(五)/11").targets.map((t) => `${t.unit} ${t.min}`)).toEqual(["辆次 25", "辆次 23", "辆次 82"]);
  });
});
