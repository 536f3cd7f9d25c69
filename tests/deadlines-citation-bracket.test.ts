// A bracket right after a cited 《title》 dates the citation (49bf1d7, inCitationBracket), unless it says when a text is due:
// a date due by (…前) or a completion verb makes it the task's deadline (second reading, session 29).
import { describe, expect, it } from "vitest";
import { extractDeadlines } from "../extract/fields/deadlines.ts";

const ends = (t: string) => extractDeadlines(t, "2024-01-01").map((d) => d.end);

describe("a bracket after a cited title", () => {
  it("dating the citation holds no deadline", () => {
    expect(ends("根据《上海市国有土地上房屋征收与补偿实施细则》（2011年10月19日上海市人民政府令第71号公布）执行。")).toEqual([]);
  });
  it("saying when the text is due is the task's deadline", () => {
    expect(ends("研究制定《上海市居住区绿化管理办法》（2024年6月底前印发）。")).toEqual(["2024-06-30"]);
    expect(ends("推动修订《上海市消防条例》（2025年底前完成修订）。")).toEqual(["2025-12-31"]);
    expect(ends("出台《关于加快推进城市更新的实施意见》（2024年9月30日前发布）。")).toEqual(["2024-09-30"]);
  });
});
