// A third review of the service as a clerk and an integrator meet it, on `npm start` (127.0.0.1, the
// shipped corpus, one untitled document of ../shared/corpus-extra uploaded): did-you-mean for a
// two-character slip; a 文号 the library does not hold; suggestions that keep the place read from the
// query; places in separate words (四川 绵阳); a pasted paragraph's incidental places; an address with unencoded Chinese or encoded in GBK;
// an untitled document found in the library by its file name; comparison rows of an untitled document.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connect } from "node:net";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { startServer, uploadFile, type RunningServer } from "./helpers/server.ts";
import { CORPUS_EXTRA, FIXTURES } from "./helpers/paths.ts";
import { compoundFile } from "./helpers/cfb.ts";

const TOKEN = "review-third-token";
/** A document of corpus-extra whose title is not recognised (a page saved without its heading). */
const UNTITLED = "06_shanghai-2015-kechuang-zhongxin.txt";
/** A national document (国发〔2018〕38号) whose measures name the free-trade zones they apply to (适用范围：上海自贸试验区). */
const NATIONAL = "04_guojia-2018-zimaoqu-gaige-chuangxin.txt";
let srv: RunningServer;

beforeAll(async () => {
  srv = await startServer({ API_TOKEN: TOKEN });
  await uploadFile(srv, join(CORPUS_EXTRA, UNTITLED), TOKEN);
  await uploadFile(srv, join(CORPUS_EXTRA, NATIONAL), TOKEN);
}, 300_000);

afterAll(() => srv?.stop());

async function search(q: string, extra: Record<string, string> = {}) {
  const r = await fetch(`${srv.base}/api/search?${new URLSearchParams({ q, ...extra })}`);
  expect(r.status).toBe(200);
  return (await r.json()) as { total: number; suggestions: { q: string; label: string }[]; understood: { kind: string }[] };
}

/** The count a suggestion's label promises（n 条）. */
const promised = (label: string) => Number(/（(\d+) 条）$/.exec(label)?.[1]);

describe("did you mean", () => {
  it("a slip in a two-character word (担抱) offers the word (担保), not one of its characters", async () => {
    const r = await search("担抱");
    expect(r.total).toBe(0);
    expect(r.suggestions[0]?.q).toBe("担保");
    expect((await search("担保")).total).toBe(promised(r.suggestions[0].label));
    // A single character is never offered as a search of its own.
    expect(r.suggestions.map((s) => s.q)).not.toContain("担");
  });

  it("a known word that nothing within the place holds (绵阳市科技厅: 绵阳 writes 科技局) offers the nearest word of its length first", async () => {
    const r = await search("绵阳市科技厅");
    expect(r.total).toBe(0);
    expect(r.suggestions[0]?.q).toBe("绵阳市 科技局");
    expect((await search(r.suggestions[0].q)).total).toBe(promised(r.suggestions[0].label));
  });

  it("a 文号 the library does not hold names the documents of that issuer code, nearest first; its pieces are not offered", async () => {
    const r = await search("攀办发〔2017〕99号");
    expect(r.total).toBe(0);
    expect(r.suggestions[0].q).toBe("攀办发〔2017〕141号");
    expect(r.suggestions[0].label).toContain("库中没有 攀办发〔2017〕99号");
    const followed = await search(r.suggestions[0].q);
    expect(followed.understood.map((u) => u.kind)).toContain("docNumber");
    expect(followed.total).toBe(promised(r.suggestions[0].label));
    for (const s of r.suggestions) expect(s.q, s.label).not.toMatch(/^(\d+|号|攀办发)$/);
  });

  it("a suggestion under a place read from the query keeps the place, and finds what its count says", async () => {
    const r = await search("绵阳 担抱");
    expect(r.understood.map((u) => u.kind)).toContain("region");
    expect(r.suggestions.length).toBeGreaterThan(0);
    for (const s of r.suggestions) {
      expect(s.q, s.label).toContain("绵阳");
      expect((await search(s.q)).total, s.q).toBe(promised(s.label));
    }
  });
});

describe("places in words of their own", () => {
  it("narrow together when they nest (四川 绵阳 担保, 浙江 平阳), as written together (四川绵阳); places that do not nest are either place", async () => {
    const ids = async (q: string) => ((await (await fetch(`${srv.base}/api/search?${new URLSearchParams({ q, limit: "100" })}`)).json()).hits as { measure: { id: string } }[]).map((h) => h.measure.id).sort();
    const mianyang = await ids("担保 绵阳");
    expect(mianyang.length).toBeGreaterThan(0);
    for (const q of ["四川 绵阳 担保", "绵阳 担保 四川", "四川绵阳 担保"]) expect(await ids(q), q).toEqual(mianyang);
    const pingyang = await ids("平阳");
    expect(pingyang.length).toBeGreaterThan(0);
    expect(await ids("浙江 平阳")).toEqual(pingyang);
    // Places that do not nest are choices: the measures of either (query-understanding.test.ts).
    const apart = await search("绵阳 平阳");
    expect(apart.understood.filter((u) => u.kind === "region")).toHaveLength(2);
  });
});

describe("a pasted paragraph", () => {
  it("a place it merely mentions is no region filter; a place typed beside it is", async () => {
    const text = readFileSync(join(CORPUS_EXTRA, NATIONAL), "utf8").replace(/\s+/g, "");
    const at = text.indexOf("（五十二）");
    const paragraph = text.slice(at, at + 300);
    expect(paragraph).toContain("适用范围：上海自贸试验区");
    const r = await search(paragraph);
    expect(r.understood.map((u) => u.kind)).not.toContain("region");
    expect(r.understood.map((u) => u.kind)).toContain("shortened");
    const hits = (r as unknown as { hits: { document: { docNumber: string | null } }[] }).hits;
    expect(hits[0]?.document.docNumber).toBe("国发〔2018〕38号");
    // Typed before the paste: read as the place to search in.
    const beside = await search(`上海 ${paragraph}`);
    expect(beside.understood.map((u) => u.kind)).toContain("region");
  });
});

/** A raw request on a socket (fetch and curl would encode the address or refuse it); the whole answer. */
function rawRequest(line: string): Promise<string> {
  const { hostname, port } = new URL(srv.base);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(Buffer.from(`${line}\r\nHost: ${hostname}\r\n\r\n`, "utf8")));
    let out = "";
    socket.on("data", (b) => (out += b.toString("utf8")));
    socket.on("end", () => resolve(out));
    socket.on("error", reject);
  });
}

describe("an address with unencoded Chinese (curl \"…?q=担保\")", () => {
  it("is answered 400 with a JSON reason in Chinese that says how to encode it", async () => {
    const answer = await rawRequest("GET /api/search?q=担保 HTTP/1.1");
    expect(answer).toMatch(/^HTTP\/1\.1 400/);
    const body = JSON.parse(answer.slice(answer.indexOf("\r\n\r\n") + 4));
    expect(body.error).toContain("百分号编码");
    expect(body.error).toContain("--data-urlencode");
    // An address Node cannot read for another reason keeps the general message.
    const other = await rawRequest("GET api/search HTTP/1.1");
    expect(JSON.parse(other.slice(other.indexOf("\r\n\r\n") + 4)).error).toContain("请求地址无效");
  });
});

describe("an address encoded in GBK or cut within a character", () => {
  it("is refused with 400 naming the parameter, not searched as the letters b5, a3", async () => {
    // 担保 in GBK, as older government systems encode it.
    const gbk = await fetch(`${srv.base}/api/search?q=%B5%A3%B1%A3&limit=1`, { headers: { origin: "https://oa.example.gov.cn" } });
    expect(gbk.status).toBe(400);
    const body = await gbk.json();
    expect(body.error).toMatch(/^q：不是有效的 UTF-8 编码/);
    expect(body.error).toContain("%B5%A3%B1%A3");
    expect(gbk.headers.get("access-control-allow-origin")).toBe("*");
    const cut = await fetch(`${srv.base}/api/units?${"city=%E7%BB%B5%E9%98"}`);
    expect(cut.status).toBe(400);
    expect((await cut.json()).error).toMatch(/^city：/);
    const path = await fetch(`${srv.base}/api/units/%B5%A3`);
    expect(path.status).toBe(400);
    expect((await path.json()).error).toContain("请求路径不是有效的 UTF-8 编码");
    // Valid UTF-8, and a literal percent sign written %25, still pass.
    expect((await fetch(`${srv.base}/api/search?q=%E6%8B%85%E4%BF%9D&limit=1`)).status).toBe(200);
    expect((await fetch(`${srv.base}/api/search?q=${encodeURIComponent("增长5%")}&limit=1`)).status).toBe(200);
  });
});

describe("the library", () => {
  it("finds an untitled document by the file name it is listed by (未命名文件（…）), in any case", async () => {
    for (const q of ["kechuang-zhongxin", "06_SHANGHAI", UNTITLED]) {
      const r = await (await fetch(`${srv.base}/api/documents?${new URLSearchParams({ q })}`)).json();
      expect(r.total, q).toBe(1);
      expect(r.documents[0].title, q).toBeNull();
    }
    // Titles, 文号 and issuers as before.
    const byNumber = await (await fetch(`${srv.base}/api/documents?${new URLSearchParams({ q: "攀办发（2017）141号" })}`)).json();
    expect(byNumber.total).toBe(1);
  });
});

describe("comparison", () => {
  it("names a document without a recognised title by its file name, in the answer and in the exported tables", async () => {
    const r = await fetch(`${srv.base}/api/compare?${new URLSearchParams({ q: "科技支行" })}`);
    expect(r.status).toBe(200);
    const t = (await r.json()) as { rows: { document: { title: string | null; fileName?: string }; others: { document: { title: string | null; fileName?: string } }[] }[] };
    const untitled = t.rows.filter((row) => !row.document.title);
    expect(untitled.length).toBeGreaterThan(0);
    for (const row of untitled) expect(row.document.fileName).toBe(UNTITLED);
    for (const o of t.rows.flatMap((row) => row.others)) if (!o.document.title) expect(o.document.fileName).toBeTruthy();
    for (const format of ["csv", "md"]) {
      const file = await (await fetch(`${srv.base}/api/compare?${new URLSearchParams({ q: "科技支行", format })}`, { headers: { authorization: `Bearer ${TOKEN}` } })).text();
      // Markdown escapes the file name's underscores (06\_shanghai…).
      expect(file.replace(/\\_/g, "_"), format).toContain(`未命名文件（${UNTITLED}）`);
    }
  });
});

describe("a document's name", () => {
  it("is the same in search hits, a measure's page, similar measures and comparison rows (scope without a place, file name without a title)", async () => {
    type Doc = { id: string; title: string | null; scope?: string; fileName?: string };
    const label = (d: Doc) => ({ id: d.id, title: d.title, scope: d.scope, fileName: d.fileName });
    const seen = new Map<string, ReturnType<typeof label>>();
    const same = (d: Doc, where: string) => {
      const first = seen.get(d.id);
      if (first) expect(label(d), `${where} ${d.id}`).toEqual(first);
    };
    // One measure of the untitled document and one of the national one (国发〔2018〕38号: 国家层面), as search hits name them.
    const first = async (q: string) => {
      const doc = (await (await fetch(`${srv.base}/api/documents?${new URLSearchParams({ q })}`)).json()).documents[0] as Doc;
      const hit = (await (await fetch(`${srv.base}/api/search?${new URLSearchParams({ doc: doc.id, limit: "1" })}`)).json()).hits[0] as { measure: { id: string }; document: Doc };
      seen.set(hit.document.id, label(hit.document));
      return hit;
    };
    const untitled = await first(UNTITLED);
    const national = await first("国发〔2018〕38号");
    expect(untitled.document.fileName).toBe(UNTITLED);
    expect(national.document.scope).toBe("国家层面");
    for (const h of (await (await fetch(`${srv.base}/api/search?${new URLSearchParams({ q: "科技", limit: "100" })}`)).json()).hits as { document: Doc }[]) seen.set(h.document.id, label(h.document));
    let compared = 0;
    for (const h of [untitled, national]) {
      const detail = await (await fetch(`${srv.base}/api/measures/${encodeURIComponent(h.measure.id)}`)).json();
      expect(label(detail.document)).toEqual(label(h.document));
      const similar = await (await fetch(`${srv.base}/api/measures/${encodeURIComponent(h.measure.id)}/similar?limit=50`)).json();
      for (const s of [...similar.similar, ...similar.copies]) same(s.document, "similar");
      const table = await (await fetch(`${srv.base}/api/compare?${new URLSearchParams({ measure: h.measure.id })}`)).json();
      for (const row of table.rows as { document: Doc; others: { document: Doc }[] }[]) {
        same(row.document, "compare");
        if (row.document.id === h.document.id) compared++;
        for (const o of row.others) same(o.document, "compare (others)");
      }
    }
    expect(compared).toBeGreaterThan(0);
  });
});

describe("a Word file protected by a password", () => {
  const upload = async (body: Buffer, name: string) => {
    const form = new FormData();
    form.append("file", new Blob([new Uint8Array(body)]), name);
    const r = await fetch(`${srv.base}/api/documents`, { method: "POST", body: form, headers: { authorization: `Bearer ${TOKEN}` } });
    return { status: r.status, body: (await r.json()) as { error?: string; status?: string } };
  };

  it("is refused as encrypted, saying how to upload it (it was 'DOC 文件已损坏' for a .docx, or read as a Word 97 document)", async () => {
    // A .docx saved with a password to open: an OLE2 container of EncryptionInfo and EncryptedPackage (MS-OFFCRYPTO).
    const docx = compoundFile([
      { name: "EncryptionInfo", data: Buffer.alloc(4096, 1) },
      { name: "EncryptedPackage", data: Buffer.alloc(8192, 7) },
    ]);
    const locked = await upload(docx, "加密通知.docx");
    expect(locked.status).toBe(422);
    expect(locked.body.error).toBe("加密通知.docx：Word 文件已加密（设有打开密码），无法读取：请在 Word 中取消密码后再上传");
    // A Word 97–2003 document whose FIB says it is encrypted (fEncrypted): the shared .doc fixture with that flag set.
    const plain = readFileSync(join(FIXTURES, "003_0ce3fda1e8b3f4a9.doc"));
    const flagged = Buffer.from(plain);
    const fib = 9 * 512; // its WordDocument stream starts at sector 8
    expect(flagged.readUInt16LE(fib)).toBe(0xa5ec);
    flagged.writeUInt16LE(flagged.readUInt16LE(fib + 10) | 0x0100, fib + 10);
    const doc = await upload(flagged, "加密通知.doc");
    expect(doc.status).toBe(422);
    expect(doc.body.error).toContain("DOC 已加密（设有打开密码）");
    // The same document without the flag is read as before.
    expect((await upload(plain, "003.doc")).status).toBe(200);
  });

  it("replacing a document by a file stored already as another document is refused (409), and both stay", async () => {
    const national = (await (await fetch(`${srv.base}/api/documents?${new URLSearchParams({ q: "国发〔2018〕38号" })}`)).json()).documents[0] as { id: string };
    const form = new FormData();
    form.append("file", new Blob([new Uint8Array(readFileSync(join(CORPUS_EXTRA, UNTITLED)))]), UNTITLED);
    const r = await fetch(`${srv.base}/api/documents?replace=${national.id}`, { method: "POST", body: form, headers: { authorization: `Bearer ${TOKEN}` } });
    const body = (await r.json()) as { error: string };
    expect(r.status).toBe(409);
    expect(body.error).toMatch(new RegExp(`^${UNTITLED}：文件内容与已入库的文件 [0-9a-f]{16}（upload/${UNTITLED}）相同，未替换 ${national.id}`));
    expect((await fetch(`${srv.base}/api/documents/${national.id}`)).status).toBe(200);
  });

  it("a file name without an extension is refused as such (\".txt\" was 'txt 不支持（允许 TXT…）')", async () => {
    for (const name of [".txt", "通知"]) {
      const r = await upload(Buffer.from("关于加强科技金融工作的通知\n一、由市财政局牵头。"), name);
      expect(r.status, name).toBe(415);
      expect(r.body.error, name).toContain(`文件名没有扩展名：${name}`);
    }
    expect((await upload(Buffer.from("x"), "a.exe")).body.error).toMatch(/^不支持的文件格式：a\.exe/);
  });
});
