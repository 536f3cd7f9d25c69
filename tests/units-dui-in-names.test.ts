// 对 as a preposition before 负责 ("咨询意见要对审批单位负责": the body after it is whom one answers to, no unit) is not the 对
// inside a body's name (duiInNames in extract/data/unit-groups.json): 市对口支援办公室, 市对外友好协会, 市委对台办 负责 stay units.
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
