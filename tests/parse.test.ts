// One sentence at a time: cli parse, --jsonl, and (once the service runs) POST /api/parse.
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { ParseResult, parseSentence } from "../extract/parse.ts";
import { ROOT } from "./helpers/paths.ts";

const cli = (args: string[], input?: string) =>
  spawnSync(join(ROOT, "node_modules/.bin/tsx"), [join(ROOT, "src/cli/main.ts"), ...args], { cwd: ROOT, encoding: "utf8", input });

describe("parse", () => {
  it("reads units, deadlines and targets of one clause", () => {
    const r = parseSentence("(牵头单位:市财政局;配合单位:市科技局、市金融工作局)2022年3月底前完成增量资金的合作协议签订,科技信贷额度达5000万元", "2022-04-05");
    expect(r.units).toEqual([
      { role: "lead", name: "市财政局" },
      { role: "coop", name: "市科技局" },
      { role: "coop", name: "市金融工作局" },
    ]);
    expect(r.deadlines).toEqual([{ text: "2022年3月底前", kind: "date", start: null, end: "2022-03-31", recurrence: null }]);
    expect(r.targets.map((t) => [t.comparator, t.min, t.max, t.unit])).toEqual([[">=", 50000000, null, "元"]]);
  });

  it("cli parse with --base", () => {
    const r = cli(["parse", "--base", "2022-04-05", "3月15日之前与合作各方开展两轮磋商"]);
    expect(r.status, r.stderr).toBe(0);
    const out = ParseResult.parse(JSON.parse(r.stdout));
    expect(out.deadlines[0]).toMatchObject({ kind: "date", end: "2022-03-15" });
  });

  it("cli parse --jsonl answers line by line, in order", () => {
    const input = [
      JSON.stringify({ text: "每年12月20日前向领导小组办公室报告年度工作情况", base: "2017-09-15" }),
      JSON.stringify({ text: "(山西银监局牵头,省科技厅、省金融办等配合)", base: "2018-07-04" }),
      JSON.stringify({ text: "力争3年内投贷总额不少于10亿元", base: "2022-04-05" }),
    ].join("\n");
    const r = cli(["parse", "--jsonl"], input);
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stdout.trim().split("\n").map((l) => ParseResult.parse(JSON.parse(l)));
    expect(lines.length).toBe(3);
    expect(lines[0].deadlines[0]).toMatchObject({ kind: "recurring", recurrence: "yearly:12-20" });
    expect(lines[1].units).toEqual([
      { role: "lead", name: "山西银监局" },
      { role: "coop", name: "省科技厅" },
      { role: "coop", name: "省金融办" },
    ]);
    expect(lines[2].targets.map((t) => [t.unit, t.min, t.max]).sort()).toEqual([["元", 1000000000, null], ["年", null, 3]]);
  });

  it("cli parse --jsonl refuses a malformed line with its number", () => {
    const r = cli(["parse", "--jsonl"], '{"text": "年底前"}\nnot json\n');
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain("第 2 行");
  });
});
