// The page's formatting helpers (src/web/format.js), as the views use them: places and document names.
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { ROOT } from "./helpers/paths.ts";
import { untitledName } from "../src/documents/file-name.ts";

type Region = { province: string | null; city: string | null; county: string | null };
const { place, docName } = (await import(join(ROOT, "src/web/format.js"))) as {
  place: (r: Region | null, scope?: string) => string;
  docName: (d: { title?: string | null; source?: string; fileName?: string } | null) => string;
};

describe("place", () => {
  it("writes 省 市 县 once each: a municipality's city is not repeated", () => {
    expect(place({ province: "上海市", city: "上海市", county: null })).toBe("上海市");
    expect(place({ province: "上海市", city: "上海市", county: "杨浦区" })).toBe("上海市 杨浦区");
    expect(place({ province: "四川省", city: "绵阳市", county: null })).toBe("四川省 绵阳市");
    expect(place({ province: "浙江省", city: "温州市", county: "平阳县" })).toBe("浙江省 温州市 平阳县");
    expect(place({ province: null, city: null, county: null })).toBe("未注明地区");
    expect(place({ province: null, city: null, county: null }, "国家层面")).toBe("国家层面");
    expect(place({ province: "四川省", city: null, county: null }, "国家层面")).toBe("四川省");
  });
});

describe("docName", () => {
  it("is the title, else 未命名文件 with the file's name, never a path such as ../shared/…", () => {
    expect(docName({ title: "平阳县金融支持科技创新和中小微企业发展行动实施方案", source: "corpus/pingyang.txt" })).toBe("平阳县金融支持科技创新和中小微企业发展行动实施方案");
    expect(docName({ title: null, source: "../shared/corpus-extra/14_guojia-2020-zhongxiao-qiye-shuzihua.txt" })).toBe("未命名文件（14_guojia-2020-zhongxiao-qiye-shuzihua.txt）");
    expect(docName({ title: null, source: "upload\\工作要点.docx" })).toBe("未命名文件（工作要点.docx）");
    expect(docName({ title: null })).toBe("未命名文件");
  });

  it("names an untitled document as the server does (untitledName: the document facet, exported tables)", () => {
    for (const file of ["14_guojia-2020-zhongxiao-qiye-shuzihua.txt", "工作要点.docx"]) {
      expect(docName({ title: null, source: `upload/${file}` })).toBe(untitledName(file));
      expect(docName({ title: null, fileName: file })).toBe(untitledName(file)); // a search hit's document
    }
    expect(docName({ title: null })).toBe(untitledName(null));
  });
});
