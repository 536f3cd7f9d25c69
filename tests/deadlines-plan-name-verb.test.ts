// A year range right before a plan's kind is the cited plan's period (planNameKinds); but right after 年, 计划/规划 may be
// the verb of a range that opens its clause: then the range is the task's time frame.
import { describe, expect, it } from "vitest";
import { extractDeadlines } from "../extract/fields/deadlines.ts";

const read = (s: string) => extractDeadlines(s, "2018-03-01").map((d) => d.text);

describe("a year range before 计划/规划", () => {
  it("opening its clause, with 计划/规划 as the verb, is a period", () => {
    expect(read("2024—2026年计划新建中小学校20所。")).toEqual(["2024—2026年"]);
    expect(read("2023-2025年规划建设5G基站1000个。")).toEqual(["2023-2025年"]);
  });
  it("inside a phrase it is the plan's name", () => {
    expect(read("各级人民政府要把教育脱贫攻坚2018-2020年规划落实情况作为督导重点任务。")).toEqual([]);
    expect(read("编制2021—2025年发展规划。")).toEqual([]);
    expect(read("参照新一轮“美丽街区”三年行动计划（2024—2026），打造创建3个高品质“美丽街区”。")).toEqual([]);
  });
});
