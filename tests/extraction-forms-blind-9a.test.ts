// The written forms of docs/labelling.md's catalogue that round 9a found (tests/data/unseen9a: whole texts of 河北 bodies,
// labelled by hand before the extractor ran on them), each on the real text it was found in.
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { buildOutline, selectMeasures } from "../extract/structure/segment.ts";
import { extractFile } from "./helpers/extract.ts";

const UNSEEN9A = join(import.meta.dirname, "data", "unseen9a");
const unseen9a = async (name: string) => (await extractFile(join(UNSEEN9A, `${name}.txt`))).document;
const paths = (text: string) => selectMeasures(buildOutline(text).roots, () => false).map((m) => m.path);

describe("round 9a forms (tests/data/unseen9a, labelled blind)", () => {
  it("wrapper points, the signature, the enclosed title and its preamble, then the enclosed document's 一、", async () => {
    const d = await unseen9a("hebei-2021-zhongxiao-qiye-gaozhiliang-fazhan-ruogan-cuoshi");
    // "…特提出如下要求：　　一、要高度重视…　　二、各单位确定一名联络员…　　河北省民营经济领导小组办公室　　2021年3月11日河北省推动
    // 中小企业高质量发展若干措施　　为贯彻落实…制定如下措施：　　一、进一步加大金融财政支持力度　　（一）…"
    expect(d.measures.map((m) => m.path).slice(0, 3)).toEqual(["一/(一)", "一/(二)", "一/(三)"]);
    expect(d.measures).toHaveLength(22);
    expect(d.measures[21].path).toBe("五/(二十二)");
    // the wrapper's "3月20前" and "每季度…" are the notice's, no deadline of any measure
    expect(d.measures.flatMap((m) => m.deadlines.map((x) => x.kind))).not.toContain("recurring");
    expect(d.measures[0].units.map((u) => `${u.role}:${u.name}`)).toEqual(["responsible:人行石家庄中心支行", "responsible:河北银保监局"]);
  });
  it("the preamble between the enclosed title and 一、 only right under the signature's date", () => {
    const head = ["一、要高度重视。", "二、请于3月20日前报送。", "某市民营经济领导小组办公室", "2021年3月11日", "某市推动中小企业高质量发展若干措施"];
    const body = ["为贯彻落实…,制定如下措施:", "一、加大金融支持", "(一)增加信贷支持。(责任单位:市财政局)", "(二)扩大融资。(责任单位:市金融局)"];
    expect(paths([...head, ...body].join("\n"))).toEqual(["一/(一)", "一/(二)"]);
    // three paragraphs between the title and 一、 are no preamble of it: the points stay the document's items
    expect(paths([...head, "第一段。", "第二段。", ...body].join("\n"))).toEqual(["一", "二"]);
  });
});
