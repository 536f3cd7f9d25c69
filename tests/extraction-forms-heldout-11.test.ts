// The written forms of docs/labelling.md's catalogue fixed on round 11's held-out sets (tests/data/unseen11h: 河北 教育 and
// 省政府办公厅 texts; unseen11h2: 河北 2004–2006 one-line texts; unseen11h3: whole 上海 texts), each on the real text it was found in.
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { extractFile } from "./helpers/extract.ts";

const DATA = join(import.meta.dirname, "data");
const stored = async (set: string, name: string) => (await extractFile(join(DATA, set, `${name}.txt`))).document;
const units = (m: { units: { role: string; name: string }[] }) => m.units.map((u) => `${u.role}:${u.name}`);
const KEHUOYUN = "shanghai-2012-kehuoyun-anquan-guanli-shishi-yijian";

describe("round 11 held-out forms: paths", () => {
  it("a long one-phrase heading (no clause mark) over its numbered items groups them", async () => {
    const d = await stored("unseen11h3", KEHUOYUN);
    // "五、加强对超速、超员、超载和疲劳驾驶及非法营运“黑车”、超标电动自行车等违法行为的查处和整治" (44 characters) / "（十二）加强路面管控。…"
    const paths = d.measures.map((m) => m.path);
    expect(paths).not.toContain("五");
    expect(paths.filter((p) => p.startsWith("五/"))).toEqual(
      ["十二", "十三", "十四", "十五", "十六", "十七", "十八", "十九", "二十", "二十一"].map((n) => `五/(${n})`),
    );
    // each item keeps its own "（牵头部门：X。配合部门：…）"
    expect(units(d.measures.find((m) => m.path === "五/(十二)")!)).toEqual([
      "lead:市公安局", "coop:市交通港口局", "coop:市建设交通委", "coop:市绿化市容局", "coop:市教委",
    ]);
    expect(d.measures.find((m) => m.path === "五/(十九)")!.title).toBe("加大对超速违法行为的处罚力度");
  });
});

describe("round 11 held-out forms: units", () => {
  it("a portal's publication footer run on after the last item is the page's, not a responsible unit", async () => {
    // "…桥梁纽带作用。公开程序：本单位审核后公开责任部门：省政府办公厅秘书一处" (one-line 2006 texts; on its own lines in unseen9d's 2004 text)
    for (const name of ["hebei-2006-gongye-jingji-fazhan-yunxing-yijian", "hebei-2006-chengpinyou-jiage-peitao-gaige-shishi-yijian", "hebei-2006-baohu-zhishi-chanquan-xingdong-gangyao"]) {
      const d = await stored("unseen11h2", name);
      expect(d.measures.flatMap((m) => m.units).some((u) => /秘书一处/.test(u.name))).toBe(false);
      expect(d.measures.some((m) => /公开程序/.test(m.text))).toBe(false);
    }
    const b = await stored("unseen11h2", "hebei-2006-baohu-zhishi-chanquan-xingdong-gangyao");
    expect(units(b.measures.find((m) => m.path === "五/(十五)")!)).toEqual(["lead:省整规办"]);
  });
  it("an item's run-in label before 'X牵头' is no part of X; 工经联 is a body like 工商联", async () => {
    const d = await stored("unseen11h2", "hebei-2006-gongye-jingji-fazhan-yunxing-yijian");
    // 十: "（一）省发展改革委工业局牵头，… （二）省政府重点办牵头，… （三）省财政厅牵头，… （四）省工经联牵头，…"
    expect(units(d.measures.find((m) => m.path === "十")!)).toEqual([
      "lead:省发展改革委工业局", "lead:省政府重点办", "lead:省财政厅", "lead:省工经联",
    ]);
  });
});

describe("round 11 held-out forms: prose units", () => {
  it("结合 before a body is the task's verb, not part of a lead; 分头负责 after a named lead is coop", async () => {
    const d = await stored("unseen11h", "hebei-2004-tudi-shichang-zhili-zhengdun-shishi-fangan");
    // 二: "省国土资源厅牵头，各有关部门分头负责"; "…结合省国土资源厅会同省农业厅组织的基本农田保护检查进行"
    const u = units(d.measures.find((m) => m.path === "二")!);
    expect(u).toContain("coop:各有关部门");
    expect(u.some((x) => x.includes("结合"))).toBe(false);
    expect(u.filter((x) => x.startsWith("lead:"))).toEqual(["lead:省国土资源厅"]);
  });
});

describe("round 11 held-out forms: metadata", () => {
  it("a wrapper's date in Chinese numerals run on after its hand-over sentence is the issued date", async () => {
    // "…已经省政府同意，现印发给你们，请…认真贯彻执行。二〇〇六年八月十四日（２００６-２００７年）为认真贯彻…" (one line)
    const cases: [string, string][] = [
      ["hebei-2006-baohu-zhishi-chanquan-xingdong-gangyao", "2006-08-14"],
      ["hebei-2006-chengpinyou-jiage-peitao-gaige-shishi-yijian", "2006-03-29"],
      ["hebei-2006-gongye-jingji-fazhan-yunxing-yijian", "2006-02-07"],
      // "…请认真贯彻落实。　　二〇〇四年六月一日省安委办　　为加强…": the page's spaces broke the line before the date
      ["hebei-2004-anquan-shengchan-shifan-xiangzhen-huodong-fangan", "2004-06-01"],
    ];
    for (const [name, date] of cases) expect((await stored("unseen11h2", name)).issuedDate).toBe(date);
  });
  it("signers run together on one line: the first body signs first", async () => {
    // "河北省教育厅河北省财政厅" / "2019年1月30日"; "河北省教育厅河北省发展和改革委员会河北省公安厅" / … / "2019年6月29日"
    expect((await stored("unseen11h", "hebei-2019-youeryuan-jianshe-gongcheng-shishi-fangan")).issuer).toBe("河北省教育厅");
    expect((await stored("unseen11h", "hebei-2019-zhongxiaoxuesheng-jianfu-cuoshi-shishi-fangan")).issuer).toBe("河北省教育厅");
  });
  it("an enclosure list whose later entries are forms does not make the wrapper's one 《X》 several documents", async () => {
    // no headline; "现将《幼儿园建设工程实施方案》印发你们" / "附件：1、幼儿园建设工程实施方案 / 2、工作专班名单"
    const d = await stored("unseen11h", "hebei-2019-youeryuan-jianshe-gongcheng-shishi-fangan");
    expect(d.title).toBe("幼儿园建设工程实施方案");
  });
  it("a headline's bare enclosed name closed by a plan period is the title (the wrapper's 《》 may misprint it)", async () => {
    // "…关于印发河北省保护知识产权行动纲要（２００６-２００７年）的通知" over "《…（２００６-２０００７年）》已经省政府同意"
    const d = await stored("unseen11h2", "hebei-2006-baohu-zhishi-chanquan-xingdong-gangyao");
    expect(d.title).toBe("河北省保护知识产权行动纲要（２００６-２００７年）");
  });
});
