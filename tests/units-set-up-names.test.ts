// A bare set-up head (领导小组, 工作专班, 办公室 …) opening a later clause is the unit as written (contract: "name: the unit
// as written in the text"; the seed labels tests/gold 攀枝花 2016 二 / 2017 三), and headings that read as a body's duties only
// when they are a name (second reading, session 29).
import { describe, expect, it } from "vitest";
import { ctx, PANZHIHUA, pairs } from "./helpers/unit-context.ts";

describe("a bare set-up head", () => {
  it("is the unit as written, not the body set up before it", () => {
    // 攀枝花 2016 知识产权质押融资 二 (corpus; tests/gold: responsible 领导小组)
    const t =
      "成立由市政府分管副市长为组长的攀枝花市知识产权质押融资试点工作领导小组(与攀枝花市科技金融工作领导小组一体),成员由市委宣传部、市财政局等单位领导组成。领导小组负责统筹、协调全市知识产权质押融资试点工作。";
    expect(pairs(t, ctx(PANZHIHUA))).toEqual(["responsible:领导小组"]);
    // 攀枝花 2017 科技金融 三 (corpus), the same form
    expect(pairs("成立由市政府分管副市长为组长的攀枝花市科技金融工作领导小组,成员由市科技和知识产权局等16家单位领导组成。领导小组负责统筹、协调全市工作。", ctx(PANZHIHUA))).toEqual([
      "responsible:领导小组",
    ]);
  });
});

describe("a verb phrase where a body's name would stand", () => {
  it("is no body over duties opening with 按照/根据", () => {
    // 2efaff9's form: "各镇政府、街道（开发区）办事处、头桥集团：按照区规划要求，…" (奉贤 2022, unseen13b); a task's title is no name
    expect(pairs("（三）建立健全工作机构：根据工作需要，充实人员力量。", ctx(PANZHIHUA))).toEqual([]);
    expect(pairs("区发展改革委、区财政局：按照职责分工，做好资金保障。", ctx(PANZHIHUA))).toEqual(["responsible:区发展改革委", "responsible:区财政局"]);
  });
});
