// Metadata of the five seeds, field by field.
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { CORPUS } from "./helpers/paths.ts";
import { extractFile } from "./helpers/extract.ts";

const EXPECTED = {
  "panzhihua-2017-keji-jinrong": {
    title: "攀枝花市促进科技与金融结合特色试点城市工作实施方案(2017~2019)",
    docNumber: "攀办发〔2017〕141号",
    issuer: "攀枝花市人民政府办公室",
    region: { province: "四川省", city: "攀枝花市", county: null },
    issuedDate: "2017-09-15",
    publishedDate: "2017-09-18",
  },
  "mianyang-2022-jinrong-shitiao": {
    title: "金融支持科创企业全生命周期发展十条措施(试行)实施方案",
    docNumber: null,
    issuer: "绵阳市金融工作局",
    region: { province: "四川省", city: "绵阳市", county: null },
    issuedDate: "2022-04-05",
    publishedDate: "2022-04-05",
  },
  "shanxi-2018-keji-jinrong": {
    title: "山西省人民政府办公厅关于创新机制推进科技与金融结合的实施意见",
    docNumber: "晋政办发〔2018〕67号",
    issuer: "山西省人民政府办公厅",
    region: { province: "山西省", city: null, county: null },
    issuedDate: "2018-07-04",
    publishedDate: "2018-07-05",
  },
  "panzhihua-2016-zhishichanquan-zhiya": {
    title: "攀枝花市知识产权质押融资试点工作方案(2016~2018)",
    docNumber: "攀办发〔2016〕22号",
    issuer: "攀枝花市人民政府办公室",
    region: { province: "四川省", city: "攀枝花市", county: null },
    issuedDate: "2016-06-03",
    publishedDate: "2016-06-03",
  },
  "pingyang-2024-keji-jinrong": {
    title: "平阳县金融支持科技创新和中小微企业发展行动实施方案",
    docNumber: "平科〔2024〕65号",
    issuer: "平阳县科技局",
    region: { province: "浙江省", city: "温州市", county: "平阳县" },
    issuedDate: null,
    publishedDate: "2025-03-07",
  },
} as const;

describe("seed metadata", () => {
  for (const [name, want] of Object.entries(EXPECTED)) {
    it(name, async () => {
      const d = (await extractFile(join(CORPUS, `${name}.txt`), `corpus/${name}.txt`)).document;
      expect(d.source).toBe(`corpus/${name}.txt`);
      expect(d.format).toBe("txt");
      expect(d.id).toMatch(/^[0-9a-f]{16}$/);
      for (const [k, v] of Object.entries(want)) expect({ [k]: (d as Record<string, unknown>)[k] }).toEqual({ [k]: v });
    });
  }
});

describe("session 24 round 4b metadata forms (tests/data/unseen5, unseen5b)", () => {
  const file = (set: string, name: string) => join(import.meta.dirname, "data", set, `${name}.txt`);
  it("a one-line body opening with its title; a toolbar above the head", async () => {
    expect((await extractFile(file("unseen5", "putian-shuangzhao-shuangyin-shitiao"))).document.title).toBe("关于支持“双招双引”的十条意见");
    const d = (await extractFile(file("unseen5b", "suizhou-2024-fenjie-luoshi-sheng-zhengfu-gongzuo-baogao"))).document;
    expect([d.title, d.issuer]).toEqual(["市人民政府办公室关于分解落实省政府工作报告的通知", "随州市人民政府办公室"]);
  });
  it("a signature and date over the enclosed title; a 文号 line (天津 2022, 湖南 湘政发〔2025〕3号)", async () => {
    const t = (await extractFile(file("unseen5", "tianjin-2022-wenzhu-jingji-shishi-fangan"))).document;
    expect([t.title, t.issuer, t.issuedDate, t.region.city]).toEqual(["天津市贯彻落实《扎实稳住经济的一揽子政策措施》实施方案", "天津市人民政府", "2022-05-30", "天津市"]);
    const h = (await extractFile(file("unseen5", "hunan-2025-guomin-jingji-jihua"))).document;
    expect([h.title, h.docNumber, h.issuer, h.issuedDate]).toEqual(["湖南省2025年国民经济和社会发展计划", "湘政发〔2025〕3号", "湖南省人民政府", "2025-02-26"]);
  });
});
