// The written forms of docs/labelling.md's catalogue fixed on round 12a's blind set (tests/data/unseen12a: whole 上海 texts of
// docs/工程建设管理 in zhiyao87/Shanghai-Gov-Docs-Index), each on the real text it was found in.
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { extractFile } from "./helpers/extract.ts";

const DATA = join(import.meta.dirname, "data");
const stored = async (name: string) => (await extractFile(join(DATA, "unseen12a", `${name}.txt`))).document;
const units = (m: { units: { role: string; name: string }[] }) => m.units.map((u) => `${u.role}:${u.name}`);
const ANDIAN = "shanghai-2023-kaogang-chuanbo-andian-shiyonglv-shishi-fangan";

describe("round 12a forms: units", () => {
  it("实施部门 names who carries the task out: coop after a named 牵头部门, not part of the lead's list", async () => {
    const d = await stored(ANDIAN);
    // "（牵头部门：市交通委科技信息处、港务监管处、综合规划处、交通建设处；实施部门：市港航中心、各区交通主管部门）"
    expect(units(d.measures.find((m) => m.path === "二/(一)")!)).toEqual([
      "lead:市交通委科技信息处", "lead:港务监管处", "lead:综合规划处", "lead:交通建设处",
      "coop:市港航中心", "coop:各区交通主管部门",
    ]);
    // "（牵头部门：市交通委港务监管处；实施部门：市港航中心、中国船级社上海分社）"
    expect(units(d.measures.find((m) => m.path === "二/(二)")!)).toEqual([
      "lead:市交通委港务监管处", "coop:市港航中心", "coop:中国船级社上海分社",
    ]);
  });
});
