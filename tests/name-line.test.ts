// A numbered line holding only bodies' names (extract/fields/units/name-line.ts) is recognised once, for repair (the line is
// not joined to the next) and for prose units (each name is responsible for the duties below); the single-character verbs
// of nameTitleVerbs (由, 请) make such a line a sentence only where they open it, not inside a name (自由贸易试验区).
import { describe, expect, it } from "vitest";
import { namesOnlyLine } from "../extract/fields/units/name-line.ts";
import { repairText } from "../extract/structure/repair.ts";
import { extractDocument } from "../extract/document.ts";

describe("a line of bodies' names", () => {
  it("names the bodies of real lines, and nothing for a line with a verb", () => {
    // 虹口 虹府规〔2022〕3号 三; 松江 2026 清水行动 三 (tests/data/unseen12b).
    expect(namesOnlyLine("虹口区绿化和市容管理局")).toEqual(["虹口区绿化和市容管理局"]);
    expect(namesOnlyLine("区建管委、区交通委、区水务局、区房管局等建设主管部门")).toEqual(["区建管委", "区交通委", "区水务局", "区房管局"]);
    expect(namesOnlyLine("支持各区政府")).toBeNull();
    // 由 inside a name: "中国（浙江）自由贸易试验区管理委员会（以下简称管委会）是省人民政府的派出机构" (浙江 自贸试验区条例, a public page).
    expect(namesOnlyLine("中国（浙江）自由贸易试验区管理委员会")).toEqual(["中国（浙江）自由贸易试验区管理委员会"]);
    // 由 / 请 opening the line begin an assignment.
    expect(namesOnlyLine("由区建管委会同区交通委")).toBeNull();
    expect(namesOnlyLine("请各区人民政府")).toBeNull();
  });

  it("a name holding 由 heads its duties: the line is not joined to the next, and its body is responsible for them", () => {
    const text = [
      "关于推进自由贸易试验区建设的实施方案",
      "一、总体要求",
      "加快推进自由贸易试验区建设，打造改革开放新高地。",
      "二、职责分工",
      "（一）中国（浙江）自由贸易试验区管理委员会",
      "负责实施自由贸易试验区总体方案，落实国家和省有关政策措施，制定行政管理制度。",
      "（二）省商务厅",
      "负责统筹协调自由贸易试验区改革试点任务，组织复制推广创新经验。",
    ].join("\n");
    const lines = repairText(text).text.split("\n");
    expect(lines).toContain("(一)中国(浙江)自由贸易试验区管理委员会");
    const doc = extractDocument({ format: "txt", text, pages: null }, "zimaoqu.txt").document;
    const first = doc.measures.find((m) => m.path === "二/(一)")!;
    expect(first.title).toBe("中国(浙江)自由贸易试验区管理委员会");
    expect(first.units.map((u) => `${u.role}:${u.name}`)).toEqual(["responsible:中国(浙江)自由贸易试验区管理委员会"]);
  });
});
