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
