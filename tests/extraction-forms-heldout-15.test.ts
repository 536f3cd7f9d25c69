// The written forms of docs/labelling.md's catalogue that the held-out sets of session 31 found (labelled blind, scored once,
// then opened for fixing), each on the real text it was found in.
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { extractFile } from "./helpers/extract.ts";
import { measure, units } from "./helpers/forms.ts";
import { extractTargets } from "../extract/fields/targets.ts";
import { extractDeadlines } from "../extract/fields/deadlines.ts";

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

describe("held-out 15h2 unit forms, national gov.cn texts (fix15h)", () => {
  const VOCATIONAL = "guowuyuan-2019-guojia-zhiye-jiaoyu-gaige-shishi-fangan";
  const u = (d: Awaited<ReturnType<typeof heldout>>, p: string) => measure(d, p).units.map((x) => `${x.role}:${x.name}`).sort();

  it("在…范围内 between the bodies and 负责 is read over; 其他有关部门 and 有关机关 are groups", async () => {
    const d = await heldout("unseen15h2", VOCATIONAL);
    expect(u(d, "七/(二十)")).toEqual(["responsible:人力资源社会保障行政部门", "responsible:其他有关部门", "responsible:国务院教育行政部门"]);
    expect(units("国务院电信主管部门、公安部门和其他有关机关依照本法和有关法律、行政法规的规定，在各自职责范围内负责网络安全保护和监督管理工作。"))
      .toEqual(["responsible:国务院电信主管部门", "responsible:公安部门", "responsible:其他有关机关"]);
  });

  it("a bracket glossing a scope (…内由X负责) inside a sentence is read with the prose", async () => {
    const d = await heldout("unseen15h2", VOCATIONAL);
    expect(u(d, "二/(六)")).toEqual(["responsible:人力资源社会保障行政部门", "responsible:国务院人力资源社会保障行政部门", "responsible:教育行政部门"]);
    // closing the item, an assignment bracket keeps its own reading
    expect(units("推进证书试点工作。（省教育厅负责）")).toEqual(["responsible:省教育厅"]);
  });

  it("a department the subject is to assign (指定有关部门) is no body named", async () => {
    const d = await heldout("unseen15h2", "guowuyuan-1996-qinhua-rijun-yiqi-huaxue-wuqi-tongzhi");
    expect(u(d, "一")).toEqual([]);
    expect(units("各地要指定专门部门负责对接该项业务。")).toEqual([]);
  });

  it("发挥牵头作用 is a noun: a bare 会同 later in the sentence takes the body opening it", async () => {
    const d = await heldout("unseen15h2", "guowuyuan-2019-shichang-jianguan-shuang-suiji-yi-gongkai-yijian");
    expect(u(d, "四/(一)")).toEqual(["coop:各有关部门", "lead:市场监管总局"]);
    // a mechanism's 牵头作用 (corpus-extra 35 五/(二), labelled none) still stops it
    expect(units("各地教育行政部门要充分发挥“双减”工作协调机制牵头作用，加强统筹协调，会同相关部门明确对学科类隐形变异培训进行日常监管。")).toEqual([]);
  });
});

describe("held-out 15h2 deadline forms, national gov.cn texts (fix15h)", () => {
  const dl = (text: string, base: string) => extractDeadlines(text, base).map((d) => `${d.kind} ${d.start ?? "-"} ${d.end ?? "-"}`);

  it("a span of days with the month once; an older plan period (九五)", async () => {
    const d = await heldout("unseen15h2", "guowuyuan-1996-dizhen-zhongdian-jianshi-fangyu-qu-tongzhi");
    expect(measure(d, "二").deadlines.map((x) => `${x.kind} ${x.start} ${x.end}`)).toEqual(["period 1996-01-08 1996-01-12"]);
    expect(measure(d, "三").deadlines.filter((x) => x.kind === "period").map((x) => `${x.start} ${x.end}`)).toEqual(["1996-01-01 2000-12-31"]);
    expect(dl("第43届CVPR将于2026年6月3日至7日在美国丹佛会议中心举行", "2026-01-10")).toEqual(["period 2026-06-03 2026-06-07"]);
    // 一 "自70年代以来，我局每年都进行年度地震趋势会商": a habit since then, no recurrence
    expect(measure(d, "一").deadlines).toEqual([]);
    expect(dl("自1980年以来，每年都会发布一次", "2026-01-10")).toEqual([]);
    expect(dl("从2020年起，每年开展一次检查", "2026-01-10")).toEqual(["recurring - -"]);
    // the forwarded report's signature "国家地震局 / 一九九六年一月二十五日" closing 三 is no deadline
    expect(measure(d, "三").deadlines.filter((x) => x.kind === "date")).toEqual([]);
  });

  it("a bare month after a dated yearly time in one sentence recurs with it", async () => {
    const d = await heldout("unseen15h2", "guowuyuan-2019-sanji-gongli-yiyuan-jixiao-kaohe-yijian");
    expect(measure(d, "四").deadlines.filter((x) => x.text === "3月底前").map((x) => x.recurrence)).toEqual(["yearly:03-31"]);
    expect(dl("每年2月底前完成考核。3月底前完成分析。", "2026-01-10")).toEqual(["recurring - -", "date - 2026-03-31"]);
  });

  it("a span right after 上一年度 is the previous year's: no time frame", async () => {
    const d = await heldout("unseen15h2", "guowuyuan-2019-sanji-gongli-yiyuan-jixiao-kaohe-yijian");
    expect(measure(d, "四").deadlines.filter((x) => x.kind === "period")).toEqual([]);
    expect(dl("去年对应上年1月1日至12月31日", "2026-01-10")).toEqual([]);
    expect(dl("今年1月至12月", "2026-01-10")).toEqual(["period 2026-01-01 2026-12-31"]);
  });
});

describe("held-out 15h/15h2 metadata forms (fix15h)", () => {
  it("a labelled list of joint issuers: the first; a headline issuer cut at its start: the signer", async () => {
    expect((await heldout("unseen15h2", "guowuyuan-1996-qinhua-rijun-yiqi-huaxue-wuqi-tongzhi")).issuer).toBe("国务院办公厅");
    expect((await heldout("unseen15h", "shanghai-2023-shangye-hangtian-kongjian-xinxi")).issuer).toBe("上海市人民政府办公厅");
  });
});
