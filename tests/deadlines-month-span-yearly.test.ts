// A span of months written with 月 once ("（5-7月）") is a period of the year written or the base year; after 每年 it is a
// window every year (monthSpanNotAfter in extract/data/deadline-words.json), read as recurring like "每年5月-7月".
import { describe, expect, it } from "vitest";
import { extractDeadlines } from "../extract/fields/deadlines.ts";

const read = (s: string) => extractDeadlines(s, "2024-03-01").map((d) => [d.text, d.kind]);

describe("a span of months after 每年", () => {
  it("is a yearly window, no period of the base year", () => {
    expect(read("学校每年3-5月组织校级选拔赛。")).toEqual([["每年", "recurring"]]);
    expect(read("每年3-5月为秦岭林区森林防火期，多条路线暂停开放。")).toEqual([["每年", "recurring"]]);
  });
  it("stays a period elsewhere", () => {
    expect(read("集中整治阶段（5-7月）。")).toEqual([["5-7月", "period"]]);
    expect(read("2024年1-6月完成摸排。")).toEqual([["2024年1-6月", "period"]]);
  });
});
