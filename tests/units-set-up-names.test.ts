// The body a bare set-up head (领导小组, 工作专班, 办公室 …) opening a later clause names (extract/fields/units/prose.ts setUpNames),
// and headings that read as a body's duties only when they are a name (second reading, session 29).
import { describe, expect, it } from "vitest";
import { ctx, PANZHIHUA, pairs } from "./helpers/unit-context.ts";

describe("set-up names", () => {
  it("a name set up with its make-up before 的 is the words after it", () => {
    // 攀枝花 2016 知识产权质押融资 二 (corpus): the bare 领导小组 was replaced by "由…为组长的…领导小组", no body (no unit at all)
    const t =
      "成立由市政府分管副市长为组长的攀枝花市知识产权质押融资试点工作领导小组(与攀枝花市科技金融工作领导小组一体),成员由市委宣传部、市财政局等单位领导组成。领导小组负责统筹、协调全市知识产权质押融资试点工作。";
    expect(pairs(t, ctx(PANZHIHUA))).toEqual(["responsible:攀枝花市知识产权质押融资试点工作领导小组"]);
    // 攀枝花 2017 科技金融 (corpus), the same form
    expect(pairs("成立由市政府分管副市长为组长的攀枝花市科技金融工作领导小组,成员由市科技和知识产权局等16家单位领导组成。领导小组负责统筹、协调全市工作。", ctx(PANZHIHUA))).toEqual([
      "responsible:攀枝花市科技金融工作领导小组",
    ]);
    // nothing but a head after 的: a bare head as before (专班 is the 工作专班 set up)
    expect(pairs("成立由市级相关部门组建的工作专班,专班负责统筹推进。", ctx(PANZHIHUA))).toEqual(["responsible:工作专班"]);
  });
});

describe("a verb phrase where a body's name would stand", () => {
  it("is no body set up before a bare head (no 成立: a title X： or X由…)", () => {
    // 6b85f9f's form reads "X领导小组：…" / "X领导小组由…" at a clause's start; a clause that opens with a verb names no body
    expect(pairs("各街镇要成立工作专班：明确专人负责。专班负责日常联络。", ctx(PANZHIHUA))).toEqual(["responsible:工作专班"]);
    expect(pairs("请各单位于3月底前将材料报送区工作专班：联系人张三。专班负责汇总。", ctx(PANZHIHUA))).toEqual([]);
  });
  it("is no body over duties opening with 按照/根据", () => {
    // 2efaff9's form: "各镇政府、街道（开发区）办事处、头桥集团：按照区规划要求，…" (奉贤 2022, unseen13b); a task's title is no name
    expect(pairs("（三）建立健全工作机构：根据工作需要，充实人员力量。", ctx(PANZHIHUA))).toEqual([]);
    expect(pairs("区发展改革委、区财政局：按照职责分工，做好资金保障。", ctx(PANZHIHUA))).toEqual(["responsible:区发展改革委", "responsible:区财政局"]);
  });
});
