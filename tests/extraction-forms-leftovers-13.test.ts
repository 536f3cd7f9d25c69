// Forms left over from rounds 12a–12d and 8 (docs/labelling.md catalogue), each on the real text lines it was found in.
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { canonicalUnit } from "../extract/fields/unit-canonical.ts";
import type { Region } from "../extract/schema.ts";
import { extractFile } from "./helpers/extract.ts";

const UNSEEN12A = join(import.meta.dirname, "data", "unseen12a");
const unseen12a = async (name: string) => (await extractFile(join(UNSEEN12A, `${name}.txt`))).document;
const JINGXIHUA = "shanghai-2024-jiaotong-lingyu-jingxihua-guanli-sannian-xingdong-jihua";
const ANDIAN = "shanghai-2023-kaogang-chuanbo-andian-shiyonglv-shishi-fangan";
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
});
