// Forms left over from rounds 12a–12d and 8 (docs/labelling.md catalogue), each on the real text lines it was found in.
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { canonicalUnit } from "../extract/fields/unit-canonical.ts";
import { extractDeadlines } from "../extract/fields/deadlines.ts";
import type { Region } from "../extract/schema.ts";
import { extractFile } from "./helpers/extract.ts";
import { loadBuffer } from "../extract/loaders/index.ts";
import { extractDocument } from "../extract/document.ts";

const UNSEEN12A = join(import.meta.dirname, "data", "unseen12a");
const UNSEEN12D = join(import.meta.dirname, "data", "unseen12d");
const unseen12a = async (name: string) => (await extractFile(join(UNSEEN12A, `${name}.txt`))).document;
const DAJIAN = "shanghai-2025-dajian-yunshu-yijianshi-shishi-fangan";
const GUMEILU = "shanghai-minhang-gumeilu-2022-dujulaoren-xiaofang-anquan-shishi-fangan";
const JINGXIHUA = "shanghai-2024-jiaotong-lingyu-jingxihua-guanli-sannian-xingdong-jihua";
const ANDIAN = "shanghai-2023-kaogang-chuanbo-andian-shiyonglv-shishi-fangan";
const fromText = async (text: string) => extractDocument(await loadBuffer(Buffer.from(text), "t.txt"), "t.txt").document;
const TIANJIN: Region = { province: "天津市", city: "天津市", county: null };

describe("leftover forms, round 13", () => {
  it("a department's division written bare keeps its name as canonical (no city before it)", async () => {
    const d = await unseen12a(JINGXIHUA);
    // 任务清单 row (1): 牵头 "设施养护处"; row (17): 配合 "市交通委（科信处、宣传处）、市港航中心"
    const lead = d.measures.find((m) => m.path === "附件/(一)/1/(1)")!.units.find((u) => u.role === "lead")!;
    expect([lead.name, lead.canonical]).toEqual(["设施养护处", "设施养护处"]);
    // 岸电 二/(一) "（牵头部门：市交通委科技信息处、港务监管处、综合规划处、交通建设处；…）": the first keeps its parent
    const a = await unseen12a(ANDIAN);
    const leads = a.measures.find((m) => m.path === "二/(一)")!.units.filter((u) => u.role === "lead").map((u) => u.canonical);
    expect(leads).toEqual(["上海市交通委科技信息处", "港务监管处", "综合规划处", "交通建设处"]);
    // 天津市交通运输委员会 2021 委内任务分工: 委内责任部门 "市港航局、综合规划处及相关处室、单位"
    expect(canonicalUnit("综合规划处", TIANJIN)).toBe("综合规划处");
    expect(canonicalUnit("市港航局", TIANJIN)).toBe("天津市港航局");
    // a department still takes the level
    expect(canonicalUnit("财政局", TIANJIN)).toBe("天津市财政局");
  });
  it("a deadline label whose value is a year and a month is due by that month's end", async () => {
    const d = await unseen12a(DAJIAN);
    // 三/(一)–(三) "（责任部门：市交通委、市公安局。时间节点：2025年3月）" … "时间节点：2025年5月）", read into measure 三
    const ends = d.measures.find((m) => m.path === "三")!.deadlines.map((x) => `${x.kind}:${x.end}`);
    for (const e of ["date:2025-03-31", "date:2025-04-30", "date:2025-05-31"]) expect(ends).toContain(e);
    // a 工作方案 document builder on GitHub: "1．<title>（时间节点：<deadline>）"
    expect(extractDeadlines("1．完善低空飞行管理制度（时间节点：2025年6月）", "2025-01-10").map((x) => x.end)).toEqual(["2025-06-30"]);
    // a label inside a phrase names when something happened (a news digest on GitHub); a bare year-month in prose is none
    expect(extractDeadlines("工程团队在4个月内消耗了全年的预算（预算耗尽时间节点：2026年4月）", "2026-06-02")).toEqual([]);
    expect(extractDeadlines("2025年3月，市交通委启动了系统升级。", "2025-01-10")).toEqual([]);
  });
  it("dates in a bracket right after a recurring time gloss it: no dates of their own", async () => {
    const g = (await extractFile(join(UNSEEN12D, `${GUMEILU}.txt`))).document;
    // 五/(四) "…请服务办于7月21日前上报…；此后，请于每季度最后一个周五前（9月30日、12月30日），更新报送…"
    const dl = g.measures.find((m) => m.path === "五/(四)")!.deadlines.map((x) => `${x.kind}:${x.end ?? x.recurrence}`);
    expect(dl).toEqual(["date:2022-07-21", "recurring:quarterly"]);
    // a bank's settlement-cycle parser on GitHub: "每季末 -> 每季度末（3月31日、6月30日、9月30日、12月31日）"
    expect(extractDeadlines("每季度末（3月31日、6月30日、9月30日、12月31日）结息", "2024-01-01").map((x) => x.kind)).toEqual(["recurring"]);
    // a bracket holding more than days keeps its date
    expect(extractDeadlines("每季度报送一次（9月30日前报送）", "2024-01-01").map((x) => x.kind)).toEqual(["recurring", "date"]);
  });
  it("a bare 附件： over numbered enclosures closing the text is the notice's list, no attachment items", async () => {
    const g = (await extractFile(join(UNSEEN12D, `${GUMEILU}.txt`))).document;
    // "附件： / 1.古美路街道独居老人排摸统计表 / 2.…宣传实例 / 3.…工作措施 / 4.…季度汇总表" after 五/(四)
    expect(g.measures.filter((m) => m.path.startsWith("附件"))).toEqual([]);
    expect(g.measures.find((m) => m.path === "五/(四)")!.text).not.toContain("排摸统计表\n2.");
    // a notice fixture on GitHub: the list over the signature
    const t = await fromText(
      "关于举办竞赛的通知\n各有关单位：\n现将相关事宜通知如下。\n一、组织机构\n由教务处负责竞赛组织工作。\n二、工作要求\n各学院要认真组织申报。\n特此通知。\n附件：\n1.附件一\n2.附件二\n3.附件三\n北京航空航天大学\n2025年3月3日\n",
    );
    expect(t.measures.map((m) => m.path)).toEqual(["一", "二"]);
    // an attachment with text of its own under 附件： stays an attachment (上海 交通精细化: "附件： / 交通领域…任务清单（2024-2026年） / …")
    const a = await fromText(
      "关于印发实施方案的通知\n一、总体要求\n加快推进各项工作。\n二、重点任务\n完善体制机制。\n附件：\n1.完善管理制度\n市交通委负责制定管理办法，2025年底前完成。\n2.加强监督检查\n各区交通主管部门负责日常检查。\n",
    );
    expect(a.measures.map((m) => m.path)).toContain("附件/1");
  });
  it("under a duties heading an item titled by any body names its unit; a subjectless 牵头 in it leads", async () => {
    const g = (await extractFile(join(UNSEEN12D, `${GUMEILU}.txt`))).document;
    const roles = (p: string) => g.measures.find((m) => m.path === p)!.units.map((u) => `${u.role}:${u.name}`);
    // "二、职责分工" / "4.建管中心。积极依托…，协同开展…。负责牵头落实…" / "6.城运中心。根据区网格中心要求，推动将…" / "7.居委会。具体负责…。…牵头召集…"
    expect(roles("二/4")).toEqual(["lead:建管中心"]);
    expect(roles("二/6")).toEqual(["responsible:城运中心"]);
    expect(roles("二/7")).toEqual(["lead:居委会"]);
    expect(roles("二/2")).toContain("coop:派出所");
    // 上海 沪府〔2025〕24号 排水 (unseen11h3) "三、职责分工" / "（三）上海城投集团。负责三大片区公共排水设施运维管理…"
    const p = (await extractFile(join(import.meta.dirname, "data", "unseen11h3", "shanghai-2025-paishui-guanli-tizhi-gaige-fangan.txt"))).document;
    expect(p.measures.find((m) => m.path === "三/(三)")!.units.map((u) => `${u.role}:${u.name}`)).toContain("responsible:上海城投集团");
    // a task titled with a 所 word under another heading stays a task (奉贤 2025 "（二）消纳场所备案 / 1.规划消纳场所。区规划资源局会同…")
    const t = await fromText("关于加强管理的意见\n一、工作任务\n（一）消纳场所备案\n1.规划消纳场所。区规划资源局会同区绿化市容局编制专项规划。\n2.规划外消纳场所备案。用于消纳土方的场所向区绿化市容局备案。\n");
    expect(t.measures[0].units.map((u) => u.name)).not.toContain("规划消纳场所");
  });
});
