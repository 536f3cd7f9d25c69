// Topic names are policy terms a clerk would write: boilerplate noun phrases found in many texts of many
// places ('形成…协同推进的工作格局', '发挥特色优势') are too general to be topics (index/data/topic-generic.txt).
import { describe, expect, it } from "vitest";
import { isGenericPhrase } from "../index/similar/term-data.ts";

describe("topic-generic.txt", () => {
  it("drops the boilerplate 工作格局 / 特色优势 (and their kind), keeps policy terms", () => {
    for (const p of ["工作格局", "新发展格局", "特色优势", "比较优势"]) expect(isGenericPhrase(p), p).toBe(true);
    for (const p of ["风险补偿", "科技支行", "不良贷款容忍度", "知识产权质押", "揭榜挂帅", "首台套"]) expect(isGenericPhrase(p), p).toBe(false);
  });
});
