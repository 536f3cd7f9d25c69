// Citations between documents (issue 15, item 6): the 《titles》 and 文号 a real document cites, linked to
// the library documents they name (a city plan citing the provincial one), and cited-by in return.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { join } from "node:path";
import { citationMatches, extractCitations } from "../extract/fields/citations.ts";
import type { Store } from "../index/store/store.ts";
import { libraryOf } from "../index/library/library.ts";
import { extractFile } from "./helpers/extract.ts";
import { tempLibrary, type TempLibrary } from "./helpers/library.ts";
import { CORPUS_EXTRA, OWN_FIXTURES, SEEDS } from "./helpers/paths.ts";
import { startServer, uploadFile, type RunningServer } from "./helpers/server.ts";

const LIB = join(OWN_FIXTURES, "library");
const SICHUAN = join(LIB, "sichuan-2011-keji-chengguo-zhuanhua.txt");
const CHENGDU = join(LIB, "chengdu-2012-keji-chengguo-zhuanhua.txt");

describe("citations of a document", () => {
  it("lists the titles with their 文号 that the 山西 seed cites, not its own", async () => {
    const x = await extractFile(join(SEEDS, "002_4b94fce75b5576bc.txt"));
    const cites = extractCitations(x.repaired, x.document);
    expect(cites.map((c) => c.docNumber)).toEqual(["国发〔2017〕42号", "银发〔2014〕9号", "银监发〔2016〕14号", "晋政办发〔2017〕148号"]);
    expect(cites[0].title).toBe("国务院关于支持山西省进一步深化改革促进资源型经济转型发展的意见");
    expect(cites.some((c) => c.docNumber === "晋政办发〔2018〕67号")).toBe(false);
  });

  it("lists titles cited without a 文号, skips draft labels and the document's own headline", async () => {
    const x = await extractFile(join(SEEDS, "001_5f058fe8d295f66b.txt"));
    const titles = extractCitations(x.repaired, x.document).map((c) => c.title);
    expect(titles).toContain("科创企业贷款贴息实施细则");
    expect(titles).toContain("绵阳市开展科技保险工作的实施意见");
    expect(titles).not.toContain("征求意见稿");
    expect(titles).not.toContain(x.document.title);
    const chengdu = await extractFile(CHENGDU);
    // The notice wraps 《成都市重大科技成果转化工程实施方案(2012—2015年)》: its own plan, not a citation.
    expect(extractCitations(chengdu.repaired, chengdu.document).map((c) => c.docNumber)).toEqual(["川府发〔2011〕20号", "成委发〔2011〕19号"]);
  });

  it("matches a library document by 文号 in any bracket form, by title, or by a title that holds it", () => {
    const lib = { title: "四川省人民政府关于印发四川省重大科技成果转化工程实施方案(2011—2015年)的通知", docNumber: "川府发[2011]20号" };
    expect(citationMatches({ title: null, docNumber: "川府发〔2011〕20号" }, lib)).toBe(true);
    expect(citationMatches({ title: null, docNumber: "川府发〔2011〕21号" }, lib)).toBe(false);
    const plan = { title: "促进科技成果转移转化行动方案", docNumber: null };
    expect(citationMatches({ title: "国务院办公厅关于印发促进科技成果转移转化行动方案的通知", docNumber: null }, plan)).toBe(true);
    expect(citationMatches({ title: "《促进科技成果转移转化 行动方案》", docNumber: null }, plan)).toBe(true);
    // A revised document keeps the title under a new 文号 (沪科规〔2020〕3号 → 沪科合〔2025〕20号): the 文号 decides.
    const revised = { title: "关于加强公共卫生应急管理科技攻关体系与能力建设的实施意见", docNumber: "沪科合〔2025〕20号" };
    expect(citationMatches({ title: revised.title, docNumber: "沪科规〔2020〕3号" }, revised)).toBe(false);
  });
});

describe("cites and cited-by across a real library", () => {
  let tmp: TempLibrary;
  let store: Store;
  let ids: Record<string, string>;
  beforeAll(async () => {
    tmp = await tempLibrary("citations", {
      sichuan: SICHUAN,
      chengdu: CHENGDU,
      old82: join(LIB, "guoban-2016-82-ducha-jili.txt"),
      new117: join(CORPUS_EXTRA, "29_guojia-2018-ducha-jili.txt"),
      shanxi: join(SEEDS, "002_4b94fce75b5576bc.txt"),
    });
    ({ store, ids } = tmp);
  });
  afterAll(() => tmp?.cleanup());

  it("the 成都 plan cites the 四川 plan (川府发〔2011〕20号 printed 川府发[2011]20号 in the province's own text)", () => {
    const lib = libraryOf(store);
    const cite = lib.citations(ids.chengdu)!.find((c) => c.docNumber === "川府发〔2011〕20号")!;
    expect(cite.documents.map((d) => d.id)).toEqual([ids.sichuan]);
    expect(lib.citedBy(ids.sichuan)!.map((d) => d.id)).toEqual([ids.chengdu]);
    expect(lib.citedBy(ids.sichuan)![0].text).toContain("川府发〔2011〕20号");
    // Cited documents not in the library are listed without links.
    expect(lib.citations(ids.chengdu)!.find((c) => c.docNumber === "成委发〔2011〕19号")!.documents).toEqual([]);
    expect(lib.citedBy(ids.chengdu)).toEqual([]);
  });

  it("the 2018 national notice cites the 2016 one it replaces; the 山西 seed links to nothing here", () => {
    const lib = libraryOf(store);
    const cite = lib.citations(ids.new117)!.find((c) => c.docNumber === "国办发〔2016〕82号")!;
    expect(cite.documents.map((d) => d.id)).toEqual([ids.old82]);
    expect(lib.citedBy(ids.old82)!.map((d) => d.id)).toEqual([ids.new117]);
    expect(lib.citations(ids.shanxi)!.every((c) => c.documents.length === 0)).toBe(true);
  });
});

describe("citations through the API", () => {
  let srv: RunningServer;
  const upload = (file: string) => uploadFile(srv, file, "t");
  beforeAll(async () => {
    srv = await startServer({ API_TOKEN: "t" });
  });
  afterAll(() => srv?.stop());

  it("GET /api/documents/:id gives cites with links and citedBy", async () => {
    const sichuan = await upload(SICHUAN);
    const chengdu = await upload(CHENGDU);
    const c = await (await fetch(`${srv.base}/api/documents/${chengdu}`)).json();
    expect(c.cites.find((x: { docNumber: string }) => x.docNumber === "川府发〔2011〕20号").documents[0]).toMatchObject({ id: sichuan, docNumber: "川府发〔2011〕20号" });
    const s = await (await fetch(`${srv.base}/api/documents/${sichuan}`)).json();
    expect(s.citedBy.map((d: { id: string }) => d.id)).toEqual([chengdu]);
    // Both plans ended in 2015.
    expect(s.validity.status).toBe("已到期");
    expect(c.validity.status).toBe("已到期");
  });
});
