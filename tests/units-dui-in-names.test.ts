// 对 as a preposition before 负责 ("咨询意见要对审批单位负责": the body after it is whom one answers to, no unit) is not the 对
// inside a body's name (duiInNames in extract/data/unit-groups.json): 市对口支援办公室, 市对外友好协会, 市委对台办 负责 stay units;
// nor is 应对 (modalDuiWords) split as 应 + 对 unless a body stands right before it as the subject.
import { describe, expect, it } from "vitest";
import { proseHits } from "../extract/fields/units/prose.ts";
import { prepareKnown } from "../extract/fields/unit-canonical.ts";

const known = prepareKnown([]);
const names = (s: string) => proseHits(s, known).map((h) => `${h.role}:${h.name}`);

describe("对 inside a body's name", () => {
  it("keeps the body whose name holds 对口/对外/对台 as the subject of 负责", () => {
    expect(names("市对口支援办公室负责统筹推进援建项目。")).toEqual(["responsible:市对口支援办公室"]);
    expect(names("市对外友好协会负责联络。")).toEqual(["responsible:市对外友好协会"]);
    expect(names("市委对台办负责联络。")).toEqual(["responsible:市委对台办"]);
  });
  it("still reads the object of a prepositional 对 as no subject", () => {
    expect(names("担任设计顾问的单位，咨询意见要对审批单位负责。")).toEqual([]);
    expect(names("加强对企业事业单位参与保卫管理员培训工作的监督指导。")).toEqual([]);
  });
});

describe("应对 inside a body's name", () => {
  // The names as public pages write them: "省节能减排及应对气候变化工作领导小组办公室（生态环境厅）将强化统筹" (a provincial
  // 生态环境厅 report), "国家应对气候变化领导小组" (国务院 meeting report); the 领导小组办公室 of a city named the same way.
  it("keeps the body whose name holds 应对 as the subject of 负责 and as the one named after 会同/配合", () => {
    expect(names("市应对气候变化领导小组办公室负责统筹协调低碳试点工作。")).toEqual(["responsible:市应对气候变化领导小组办公室"]);
    expect(names("省节能减排及应对气候变化工作领导小组办公室负责组织实施。")).toEqual(["responsible:省节能减排及应对气候变化工作领导小组办公室"]);
    expect(names("由市发展改革委牵头，会同市应对气候变化领导小组办公室推进低碳试点。")).toEqual(["lead:市发展改革委", "coop:市应对气候变化领导小组办公室"]);
    expect(names("市生态环境局配合国家应对气候变化领导小组办公室做好统计核算。")).toEqual(["coop:市生态环境局", "lead:国家应对气候变化领导小组办公室"]);
    // 对口 after 会同 too.
    expect(names("由市发展改革委牵头，会同市对口支援办公室推进。")).toEqual(["lead:市发展改革委", "coop:市对口支援办公室"]);
  });
  it("reads 应对 after a body as 应 + 对: the body after it is whom one answers to (宝山 宝建〔2021〕12号 七/(一))", () => {
    expect(names("审批单位应对初步设计批复负责。")).toEqual([]);
    expect(names("市政府应对市人大负责。")).toEqual([]);
    expect(names("建设单位应对工程质量负责。")).toEqual([]);
  });
});
