// A closing request over contact lines asks the recipients with 请 (extract/data/closing-request.json); 请 inside a word
// (申请, 邀请 …: requestWordNotAfter) asks nothing: the paragraph stays the last item's step, with its deadline.
import { describe, expect, it } from "vitest";
import { loadBuffer } from "../extract/loaders/index.ts";
import { extractDocument } from "../extract/document.ts";

const notice = (step: string) =>
  `绵阳市科技局关于开展科技型企业补助申报工作的通知\n各县市区科技局：\n现将有关事项通知如下。\n一、申报条件\n企业须在本市注册。\n二、申报程序\n企业向所在县市区科技局提交材料。\n${step}\n联系人：张三\n联系电话：0816-1234567\n绵阳市科技局\n2024年3月1日\n`;
const lastItem = async (step: string) => {
  const d = extractDocument(await loadBuffer(Buffer.from(notice(step)), "t.txt"), "t.txt").document;
  const m = d.measures[d.measures.length - 1];
  return { path: m.path, deadlines: m.deadlines.map((x) => x.text) };
};

describe("请 of a closing request", () => {
  it("inside 申请 is no request: the step stays the item's, with its deadline", async () => {
    expect(await lastItem("企业申请补助的，于2024年6月30日前将材料报送市科技局。")).toEqual({ path: "二", deadlines: ["2024年6月30日前"] });
  });
  it("asking the recipients opens the notice's closing part", async () => {
    expect(await lastItem("请各县市区科技局于2024年6月30日前将汇总材料报送市科技局。")).toEqual({ path: "二", deadlines: [] });
  });
});
